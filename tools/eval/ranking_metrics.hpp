// Ranking metrics with trec_eval's semantics, for eval-beir and its tests:
// nDCG@k (ndcg_cut: graded gains as judged, log2 discount, ideal from the
// judgements), recall@k (recall_k) and average precision over the whole list
// retrieved (map). A run is re-ordered as trec_eval reads a run file: by score,
// highest first, ties by document id in reverse string order. A judgement of 0
// (or less) is not relevant. Queries are averaged over the judged queries given;
// a judged query with nothing retrieved scores 0 (trec_eval -c).
// Header-only so each tools/eval program includes it without a library.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mslit::eval {

/// The judgements of one query: document id → graded relevance.
using Judgements = std::map<std::string, int>;
/// All judgements: query id → its judgements.
using Qrels = std::map<std::string, Judgements>;

/// One retrieved document.
struct Scored {
  std::string doc;
  double score = 0;
};

/// The run of one query, as trec_eval orders it: score descending, then
/// document id descending.
inline std::vector<Scored> trec_order(std::vector<Scored> run) {
  std::stable_sort(run.begin(), run.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.doc > b.doc;
  });
  return run;
}

inline int gain(const Judgements& j, const std::string& doc) {
  auto it = j.find(doc);
  return it == j.end() ? 0 : std::max(0, it->second);
}

inline std::size_t relevant_count(const Judgements& j) {
  std::size_t n = 0;
  for (auto& [doc, rel] : j) n += rel > 0;
  return n;
}

/// nDCG@k: sum of gain/log2(rank+1) over the top k, divided by the same sum
/// over the judgements sorted by gain. 0 when nothing is relevant.
inline double ndcg_at(const std::vector<Scored>& ordered, const Judgements& j, std::size_t k) {
  double dcg = 0;
  for (std::size_t i = 0; i < ordered.size() && i < k; ++i)
    dcg += gain(j, ordered[i].doc) / std::log2(static_cast<double>(i) + 2);
  std::vector<int> ideal;
  for (auto& [doc, rel] : j)
    if (rel > 0) ideal.push_back(rel);
  std::sort(ideal.begin(), ideal.end(), std::greater<>());
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < k; ++i) idcg += ideal[i] / std::log2(static_cast<double>(i) + 2);
  return idcg > 0 ? dcg / idcg : 0.0;
}

/// Relevant documents in the top k over all relevant documents; 0 when none is relevant.
inline double recall_at(const std::vector<Scored>& ordered, const Judgements& j, std::size_t k) {
  auto relevant = relevant_count(j);
  if (relevant == 0) return 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < ordered.size() && i < k; ++i) found += gain(j, ordered[i].doc) > 0;
  return static_cast<double>(found) / static_cast<double>(relevant);
}

/// Average precision over the whole list: precision at each relevant
/// document retrieved, summed, over all relevant documents (retrieved or not).
inline double average_precision(const std::vector<Scored>& ordered, const Judgements& j) {
  auto relevant = relevant_count(j);
  if (relevant == 0) return 0;
  std::size_t found = 0;
  double sum = 0;
  for (std::size_t i = 0; i < ordered.size(); ++i)
    if (gain(j, ordered[i].doc) > 0) sum += static_cast<double>(++found) / static_cast<double>(i + 1);
  return sum / static_cast<double>(relevant);
}

/// The figures of one query, or their means over queries.
struct RankingScores {
  double ndcg10 = 0;
  double recall100 = 0;
  double map = 0;
  std::size_t queries = 0;
};

/// Scores of one query's run (any order: it is put in trec_eval's order here).
inline RankingScores score_query(const std::vector<Scored>& run, const Judgements& j) {
  auto ordered = trec_order(run);
  return {ndcg_at(ordered, j, 10), recall_at(ordered, j, 100), average_precision(ordered, j), 1};
}

/// Means over every judged query in `qrels` (a query missing from `runs` scores 0).
inline RankingScores mean_scores(const std::map<std::string, std::vector<Scored>>& runs, const Qrels& qrels) {
  RankingScores total;
  static const std::vector<Scored> none;
  for (auto& [query, judgements] : qrels) {
    auto it = runs.find(query);
    auto s = score_query(it == runs.end() ? none : it->second, judgements);
    total.ndcg10 += s.ndcg10;
    total.recall100 += s.recall100;
    total.map += s.map;
    ++total.queries;
  }
  if (total.queries) {
    auto n = static_cast<double>(total.queries);
    total.ndcg10 /= n;
    total.recall100 /= n;
    total.map /= n;
  }
  return total;
}

}  // namespace mslit::eval
