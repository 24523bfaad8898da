// The ranking metrics of eval-beir (tools/eval/ranking_metrics.hpp) on a
// hand-made run and judgements, with the figures worked out by hand as
// trec_eval defines them.
#include <catch2/catch.hpp>

#include <cmath>

#include "ranking_metrics.hpp"

using namespace mslit::eval;

namespace {

// d1 is highly relevant (2), d2 and d3 relevant (1), d9 judged not relevant (0).
const Judgements judged = {{"d1", 2}, {"d2", 1}, {"d3", 1}, {"d9", 0}};
// Ranks: d4 (unjudged), d1, d3, d9, d5; d2 is never retrieved.
const std::vector<Scored> run = {{"d9", 0.5}, {"d4", 0.9}, {"d3", 0.7}, {"d1", 0.8}, {"d5", 0.4}};

}  // namespace

TEST_CASE("nDCG@10 uses graded gains, a log2 discount and the ideal ordering of the judgements", "[metrics]") {
  auto ordered = trec_order(run);
  REQUIRE(ordered.front().doc == "d4");
  // DCG = 0/log2(2) + 2/log2(3) + 1/log2(4); ideal = 2/log2(2) + 1/log2(3) + 1/log2(4).
  double dcg = 2 / std::log2(3.0) + 0.5, ideal = 2 + 1 / std::log2(3.0) + 0.5;
  CHECK(ndcg_at(ordered, judged, 10) == Approx(dcg / ideal));
  CHECK(ndcg_at(ordered, judged, 10) == Approx(0.56273).epsilon(1e-4));
  // At 1 only d4, not relevant.
  CHECK(ndcg_at(ordered, judged, 1) == 0);
  // A perfect run scores 1, with binary or graded gains.
  CHECK(ndcg_at(trec_order({{"d1", 3}, {"d2", 2}, {"d3", 1}}), judged, 10) == Approx(1.0));
  // d2 above d1 is worse than d1 above d2: gains are graded, not binary.
  CHECK(ndcg_at(trec_order({{"d2", 2}, {"d1", 1}}), judged, 10) <
        ndcg_at(trec_order({{"d1", 2}, {"d2", 1}}), judged, 10));
}

TEST_CASE("recall@k counts relevant documents in the top k over all relevant ones", "[metrics]") {
  auto ordered = trec_order(run);
  CHECK(recall_at(ordered, judged, 100) == Approx(2.0 / 3));
  CHECK(recall_at(ordered, judged, 2) == Approx(1.0 / 3));
  CHECK(recall_at(ordered, judged, 1) == 0);
  CHECK(recall_at(ordered, {{"d9", 0}}, 100) == 0);  // nothing relevant: 0, not a division by zero
}

TEST_CASE("average precision sums precision at each relevant rank over all relevant documents", "[metrics]") {
  auto ordered = trec_order(run);
  // d1 at rank 2 (1/2), d3 at rank 3 (2/3); d2 not retrieved still counts in the denominator.
  CHECK(average_precision(ordered, judged) == Approx((0.5 + 2.0 / 3) / 3));
  CHECK(average_precision({}, judged) == 0);
}

TEST_CASE("runs are read in trec_eval's order: score, then document id descending", "[metrics]") {
  auto ordered = trec_order({{"a", 1.0}, {"c", 2.0}, {"b", 1.0}});
  REQUIRE(ordered.size() == 3);
  CHECK(ordered[0].doc == "c");
  CHECK(ordered[1].doc == "b");
  CHECK(ordered[2].doc == "a");
  // So a tie decides the figure: "b" (relevant) wins the tie over "a".
  CHECK(ndcg_at(trec_order({{"a", 1.0}, {"b", 1.0}}), {{"b", 1}}, 1) == Approx(1.0));
}

TEST_CASE("means are over every judged query; a judged query without a run scores 0", "[metrics]") {
  Qrels qrels = {{"q1", judged}, {"q2", {{"x", 1}}}};
  std::map<std::string, std::vector<Scored>> runs = {{"q1", run}, {"q-unjudged", {{"d1", 1.0}}}};
  auto s = mean_scores(runs, qrels);
  CHECK(s.queries == 2);
  CHECK(s.ndcg10 == Approx(0.56273 / 2).epsilon(1e-4));
  CHECK(s.recall100 == Approx(1.0 / 3));
  CHECK(s.map == Approx((0.5 + 2.0 / 3) / 6));
  runs["q2"] = {{"x", 1.0}};
  CHECK(mean_scores(runs, qrels).ndcg10 == Approx((0.56273 + 1) / 2).epsilon(1e-4));
}
