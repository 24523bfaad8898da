// eval-beir: ranking quality on a BEIR-layout collection. Indexes corpus.jsonl
// with the mslit library, runs every judged query of a split through the
// Searcher, writes a TREC run file if asked, and prints nDCG@10, Recall@100
// and MAP with trec_eval's semantics (ranking_metrics.hpp) and the latency of
// each search. --min-ndcg makes it a CI test; --quick N a fast one.
#include <unistd.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "mslit/error.hpp"
#include "mslit/indexer.hpp"
#include "mslit/searcher.hpp"
#include "ranking_metrics.hpp"

namespace fs = std::filesystem;
namespace po = boost::program_options;
using namespace mslit::eval;

namespace {

constexpr const char* usage = R"(Usage: eval-beir [OPTIONS] DIR

DIR is a BEIR collection: corpus.jsonl, queries.jsonl and qrels/SPLIT.tsv
(query-id, corpus-id, score; a header line is skipped). The corpus is indexed
with mslit (into --db, or a temporary directory removed at the end); every
query judged in the split is searched with mslit's Searcher (facets and
snippets off unless --facets), and the run is scored as trec_eval scores it:
nDCG@10 with graded gains and a log2 discount, Recall@100, and MAP over the
--k documents retrieved. Queries without judgements are left out; a judged
query with nothing retrieved scores 0. Documents are named by their BEIR _id.

--quick N evaluates a fixed subset: N judged queries evenly spaced through
the split's query ids in sorted order (the same N always give the same
queries). --grid-k1 / --grid-b tune BM25 (Xapian::BM25Weight k1 and b): every
pair is evaluated and printed; tune on train, report on test.

Examples:
  eval-beir ../shared/data/beir-scifact
  eval-beir --split train --db /tmp/scifact-index --grid-k1 0.6,0.9,1.2 --grid-b 0.4,0.6,0.8 DIR
  eval-beir --quick 60 --min-ndcg 0.65 DIR

Exit status: 0 done (and the threshold met), 1 nDCG@10 below --min-ndcg,
2 usage or input error.
)";

struct Query {
  std::string id;
  std::string text;
};

std::vector<double> parse_list(const std::string& spec, const char* option) {
  std::vector<double> out;
  std::stringstream in(spec);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end || v < 0) throw mslit::UsageError(std::string(option) + ": '" + item + "' is not a number");
    out.push_back(v);
  }
  if (out.empty()) throw mslit::UsageError(std::string(option) + ": give comma-separated numbers");
  return out;
}

std::vector<std::string> split_ws(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (in >> field) out.push_back(field);
  return out;
}

bool is_number(const std::string& s) {
  char* end = nullptr;
  std::strtol(s.c_str(), &end, 10);
  return !s.empty() && *end == '\0';
}

// BEIR qrels: "query-id corpus-id score" after a header; TREC's four-column
// "query 0 doc score" is read too.
Qrels read_qrels(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw mslit::InputError(path.string(), 0, "cannot open the judgements");
  Qrels qrels;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    auto f = split_ws(line);
    if (f.empty()) continue;
    if (f.size() != 3 && f.size() != 4)
      throw mslit::InputError(path.string(), n, "expected query-id corpus-id score");
    const auto& query = f[0];
    const auto& doc = f.size() == 3 ? f[1] : f[2];
    const auto& score = f.back();
    if (!is_number(score)) {
      if (n == 1) continue;  // the header
      throw mslit::InputError(path.string(), n, "score '" + score + "' is not a whole number");
    }
    qrels[query][doc] = std::stoi(score);
  }
  if (qrels.empty()) throw mslit::InputError(path.string(), 0, "no judgements");
  return qrels;
}

std::map<std::string, std::string> read_queries(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw mslit::InputError(path.string(), 0, "cannot open the queries");
  std::map<std::string, std::string> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("_id") || !j.contains("text"))
      throw mslit::InputError(path.string(), n, "expected a JSON object with _id and text");
    auto id = j["_id"].is_string() ? j["_id"].get<std::string>() : j["_id"].dump();
    out[id] = j["text"].is_string() ? j["text"].get<std::string>() : std::string();
  }
  return out;
}

// Numeric ids in numeric order, others after them in string order.
bool id_less(const std::string& a, const std::string& b) {
  bool na = is_number(a), nb = is_number(b);
  if (na != nb) return na;
  if (na && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) ;
  return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

struct RunOutcome {
  std::map<std::string, std::vector<Scored>> runs;
  std::vector<double> latency_ms;
};

RunOutcome run_queries(const mslit::Searcher& searcher, const std::vector<Query>& queries, mslit::SearchRequest base) {
  RunOutcome out;
  for (auto& q : queries) {
    auto req = base;
    req.query = q.text;
    auto start = std::chrono::steady_clock::now();
    auto result = searcher.search(req);
    auto end = std::chrono::steady_clock::now();
    out.latency_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    auto& run = out.runs[q.id];
    for (auto& h : result.hits) run.push_back({h.record_id.empty() ? h.id : h.record_id, h.score});
  }
  return out;
}

void write_run(const fs::path& path, const std::vector<Query>& queries, const RunOutcome& outcome, const std::string& tag) {
  std::ofstream out(path);
  if (!out) throw mslit::InputError(path.string(), 0, "cannot write the run file");
  out << std::fixed << std::setprecision(10);
  for (auto& q : queries) {
    auto it = outcome.runs.find(q.id);
    if (it == outcome.runs.end()) continue;
    auto ordered = trec_order(it->second);
    for (std::size_t i = 0; i < ordered.size(); ++i)
      out << q.id << " Q0 " << ordered[i].doc << " " << i + 1 << " " << ordered[i].score << " " << tag << "\n";
  }
  if (!out) throw mslit::InputError(path.string(), 0, "writing the run file failed");
}

// A temporary index directory, removed when done.
struct TempIndex {
  fs::path path;
  TempIndex() {
    std::string pattern = (fs::temp_directory_path() / "eval-beir-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw mslit::IndexError("cannot make a temporary directory for the index");
    path = pattern;
  }
  ~TempIndex() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string split = "test", db, run_file, run_tag = "mslit", match = "any", grid_k1, grid_b;
  std::vector<std::string> dirs;
  std::size_t k = 1000, quick = 0;
  double min_ndcg = -1;
  mslit::Bm25Params bm25;
  bool facets = false;
  po::options_description opts("Options");
  opts.add_options()
      ("help,h", "show this help")
      ("split", po::value(&split)->default_value(split), "qrels/SPLIT.tsv: test or train")
      ("db", po::value(&db), "index directory: built when missing, brought up to date when present "
                             "(default: a temporary one)")
      ("run", po::value(&run_file), "write the run here in TREC format (query Q0 doc rank score tag)")
      ("run-tag", po::value(&run_tag)->default_value(run_tag), "the run file's tag column")
      ("k", po::value(&k)->default_value(k), "documents retrieved per query (MAP is over these)")
      ("match", po::value(&match)->default_value(match), "how query words combine: any, all or auto")
      ("k1", po::value(&bm25.k1)->default_value(bm25.k1), "BM25 k1")
      ("b", po::value(&bm25.b)->default_value(bm25.b), "BM25 b")
      ("grid-k1", po::value(&grid_k1), "evaluate every k1 of this list (0.6,0.9,1.2) with every --grid-b")
      ("grid-b", po::value(&grid_b), "evaluate every b of this list with every --grid-k1")
      ("facets", po::bool_switch(&facets), "count facets over every match too, as interactive searches do")
      ("quick", po::value(&quick)->default_value(0), "only N judged queries, a fixed evenly spaced subset (0: all)")
      ("min-ndcg", po::value(&min_ndcg), "exit 1 when nDCG@10 is below this")
      ("dir", po::value(&dirs), "the BEIR collection");
  po::positional_options_description pos;
  pos.add("dir", -1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n" << opts << "\n";
      return 0;
    }
    po::notify(vm);
    if (dirs.size() != 1) throw mslit::UsageError("give one BEIR collection directory");
    if (split != "test" && split != "train" && split != "dev")
      throw mslit::UsageError("--split: expected test, train or dev, not '" + split + "'");
    if (k == 0 || k > 10000) throw mslit::UsageError("--k is between 1 and 10000");
    fs::path dir = dirs.front();
    auto corpus = dir / "corpus.jsonl";
    if (!fs::is_regular_file(corpus)) throw mslit::InputError(corpus.string(), 0, "no corpus here");
    auto qrels = read_qrels(dir / "qrels" / (split + ".tsv"));
    auto texts = read_queries(dir / "queries.jsonl");

    std::vector<std::string> ids;
    for (auto& [id, j] : qrels) ids.push_back(id);
    std::sort(ids.begin(), ids.end(), id_less);
    if (quick > 0 && quick < ids.size()) {
      std::vector<std::string> subset;
      for (std::size_t i = 0; i < quick; ++i) subset.push_back(ids[i * ids.size() / quick]);
      ids = subset;
      Qrels kept;
      for (auto& id : ids) kept[id] = qrels[id];
      qrels = kept;
    }
    std::vector<Query> queries;
    for (auto& id : ids) {
      auto it = texts.find(id);
      if (it == texts.end()) throw mslit::InputError((dir / "queries.jsonl").string(), 0, "no query with _id " + id);
      queries.push_back({id, it->second});
    }

    std::unique_ptr<TempIndex> temp;
    fs::path index = db;
    if (db.empty()) {
      temp = std::make_unique<TempIndex>();
      index = temp->path / "index";
    }
    {
      auto start = std::chrono::steady_clock::now();
      std::size_t problems = 0;
      mslit::Indexer indexer(index, {}, [&](const std::string& m) {
        if (++problems <= 5) std::cerr << m << "\n";
      });
      indexer.add(corpus);
      auto s = indexer.finish();
      if (!s.skipped.empty()) throw mslit::InputError(corpus.string(), 0, s.skipped.front().reason);
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (s.articles > 0)
        std::cerr << "indexed " << s.articles << " documents in " << std::fixed << std::setprecision(1) << seconds
                  << " s\n";
    }
    mslit::Searcher searcher(index);
    mslit::SearchRequest base;
    base.limit = k;
    base.match = mslit::parse_match(match);
    base.facets = facets;
    base.snippets = false;
    base.bm25 = bm25;

    std::cout << std::fixed << std::setprecision(4);
    if (vm.count("grid-k1") || vm.count("grid-b")) {
      auto k1s = vm.count("grid-k1") ? parse_list(grid_k1, "--grid-k1") : std::vector<double>{bm25.k1};
      auto bs = vm.count("grid-b") ? parse_list(grid_b, "--grid-b") : std::vector<double>{bm25.b};
      std::cout << dir.filename().string() << " " << split << ", " << queries.size() << " queries, match " << match
                << "\n      k1       b  nDCG@10  Recall@100     MAP\n";
      for (double k1 : k1s)
        for (double b : bs) {
          base.bm25 = {k1, b};
          auto s = mean_scores(run_queries(searcher, queries, base).runs, qrels);
          std::cout << std::setw(8) << std::setprecision(2) << k1 << std::setw(8) << b << std::setprecision(4)
                    << std::setw(9) << s.ndcg10 << std::setw(12) << s.recall100 << std::setw(8) << s.map << "\n";
        }
      return 0;
    }

    auto outcome = run_queries(searcher, queries, base);
    if (!run_file.empty()) write_run(run_file, queries, outcome, run_tag);
    auto s = mean_scores(outcome.runs, qrels);
    std::cout << dir.filename().string() << " " << split << ": " << s.queries << " judged queries"
              << (quick ? " (quick subset)" : "") << ", match " << match << ", BM25 k1=" << std::setprecision(2)
              << bm25.k1 << " b=" << bm25.b << ", top " << k << "\n"
              << std::setprecision(4) << "  nDCG@10     " << s.ndcg10 << "\n"
              << "  Recall@100  " << s.recall100 << "\n"
              << "  MAP         " << s.map << "\n"
              << std::setprecision(2) << "  latency     p50 " << percentile(outcome.latency_ms, 0.5) << " ms, p95 "
              << percentile(outcome.latency_ms, 0.95) << " ms per query (facets " << (facets ? "on" : "off")
              << ")\n";
    if (vm.count("min-ndcg") && s.ndcg10 < min_ndcg) {
      std::cout << std::setprecision(4) << "FAILED: nDCG@10 " << s.ndcg10 << " is below --min-ndcg " << min_ndcg << "\n";
      return 1;
    }
    return 0;
  } catch (const po::error& e) {
    std::cerr << "eval-beir: " << e.what() << " (see eval-beir --help)\n";
    return 2;
  } catch (const mslit::Error& e) {
    std::cerr << "eval-beir: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "eval-beir: " << e.what() << "\n";
    return 2;
  }
}
