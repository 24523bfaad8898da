// mslit search --batch: many queries in one process, as JSON Lines or a TREC
// run, on a small BEIR-layout collection written here (so documents keep
// their BEIR _id as record_id, which the TREC run names them by).
#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"

using namespace mslit::test;
using nlohmann::json;

namespace {

struct Collection {
  TempDir tmp;
  std::string db = "--db " + quote((tmp / "db").string());
  Collection() {
    write_file(tmp / "corpus.jsonl",
               R"({"_id": "d1", "title": "Vitamin D and multiple sclerosis", "text": "Low vitamin D levels raise the risk of multiple sclerosis relapses."})"
               "\n"
               R"({"_id": "d2", "title": "Statins in progressive MS", "text": "Simvastatin slowed brain atrophy in secondary progressive multiple sclerosis."})"
               "\n"
               R"({"_id": "d3", "title": "Smoking and MS", "text": "Smoking is associated with a higher risk of multiple sclerosis."})"
               "\n");
    auto r = run_mslit("index -q " + db + " " + quote((tmp / "corpus.jsonl").string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("search --batch on a BEIR queries.jsonl prints one JSON object per query, in order", "[cli][batch]") {
  Collection c;
  write_file(c.tmp / "queries.jsonl",
             R"({"_id": "q1", "text": "Vitamin D deficiency increases the risk of multiple sclerosis.", "metadata": {}})"
             "\n"
             R"({"_id": "7", "text": "Statins slow atrophy in progressive MS."})"
             "\n"
             R"({"_id": "q3", "text": "zebrafish telomeres"})"
             "\n");
  auto r = run_mslit("search " + c.db + " --any --limit 2 --batch " + quote((c.tmp / "queries.jsonl").string()));
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 3);
  std::vector<std::string> ids;
  for (auto& line : lines) {
    auto j = json::parse(line);
    ids.push_back(j["id"]);
    CHECK(j["query"].is_string());
    CHECK(j["total"].is_number_integer());
    CHECK(j["latency_ms"].is_number());
    REQUIRE(j["results"].is_array());
    CHECK(j["results"].size() <= 2);  // --limit is per query
    CHECK(j.contains("facets"));
  }
  CHECK(ids == std::vector<std::string>{"q1", "7", "q3"});
  auto first = json::parse(lines[0]);
  REQUIRE(first["results"].size() == 2);
  CHECK(first["results"][0]["record_id"] == "d1");
  CHECK(json::parse(lines[2])["results"].empty());
  CHECK(r.err.find("3 queries: latency p50") != std::string::npos);

  auto no_facets = run_mslit("search " + c.db + " --any --no-facets --batch " + quote((c.tmp / "queries.jsonl").string()));
  REQUIRE(no_facets.status == 0);
  CHECK_FALSE(json::parse(lines_of(no_facets.out)[0]).contains("facets"));
}

TEST_CASE("search --batch --run-format trec writes a TREC run named by the records' own ids", "[cli][batch]") {
  Collection c;
  // One query a line: ID<TAB>QUERY, or the query alone (its id is its line number).
  write_file(c.tmp / "queries.txt", "a\tmultiple sclerosis risk\n\nsmoking\n");
  auto latencies = c.tmp / "latencies.tsv";
  auto r = run_mslit("search " + c.db + " --any --run-format trec --run-tag mytag --latencies " +
                     quote(latencies.string()) + " --batch " + quote((c.tmp / "queries.txt").string()));
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  std::map<std::string, std::vector<std::string>> docs;
  std::map<std::string, int> last_rank;
  for (auto& line : lines_of(r.out)) {
    std::istringstream in(line);
    std::string query, q0, doc, tag, extra;
    int rank = 0;
    double score = 0;
    REQUIRE(static_cast<bool>(in >> query >> q0 >> doc >> rank >> score >> tag));
    CHECK_FALSE(static_cast<bool>(in >> extra));
    CHECK(q0 == "Q0");
    CHECK(tag == "mytag");
    CHECK(rank == last_rank[query] + 1);
    last_rank[query] = rank;
    docs[query].push_back(doc);
  }
  REQUIRE(docs.size() == 2);
  CHECK(docs["a"].size() == 3);  // every document says multiple sclerosis
  CHECK(std::set<std::string>(docs["a"].begin(), docs["a"].end()) == std::set<std::string>{"d1", "d2", "d3"});
  CHECK(docs["3"] == std::vector<std::string>{"d3"});
  auto lat = lines_of(read_file(latencies));
  REQUIRE(lat.size() == 2);
  CHECK(lat[0].rfind("a\t", 0) == 0);
  CHECK(lat[1].rfind("3\t", 0) == 0);
}

TEST_CASE("search --batch refuses a query beside it, and --any with --all", "[cli][batch]") {
  Collection c;
  write_file(c.tmp / "q.txt", "smoking\n");
  auto batch = " --batch " + quote((c.tmp / "q.txt").string());
  CHECK(run_mslit("search " + c.db + batch + " smoking").status == 2);
  CHECK(run_mslit("search " + c.db + batch + " --any --all").status == 2);
  CHECK(run_mslit("search " + c.db + batch + " --run-format csv").status == 2);
  CHECK(run_mslit("search " + c.db + " --batch " + quote((c.tmp / "missing.txt").string())).status == 1);
}
