// The reading subcommands (search, stats, show): parse options, call the searcher, print.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli.hpp"
#include "mslit/error.hpp"
#include "mslit/searcher.hpp"
#include "export.hpp"
#include "output.hpp"

namespace mslit::cli {
namespace {

struct BatchQuery {
  std::string id;
  std::string text;
};

// A batch file is BEIR's queries.jsonl (one {"_id", "text"} object a line)
// when its first non-blank line is a JSON object, else one query a line:
// "ID<TAB>QUERY", or just the query, whose id is then its line number.
std::vector<BatchQuery> read_batch(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) throw InputError(path, 0, "cannot open the batch file");
    in = &file;
  }
  std::vector<BatchQuery> out;
  std::string line;
  int jsonl = -1;  // not known yet
  for (std::size_t n = 1; std::getline(*in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    if (jsonl < 0) jsonl = line[first] == '{';
    if (!jsonl) {
      auto tab = line.find('\t');
      if (tab == std::string::npos) out.push_back({std::to_string(n), line});
      else out.push_back({line.substr(0, tab), line.substr(tab + 1)});
      continue;
    }
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) throw InputError(path, n, "not a JSON object (the first line made this a JSON Lines batch)");
    std::string id, text;
    for (auto key : {"_id", "id", "query_id"})
      if (auto it = j.find(key); it != j.end() && id.empty())
        id = it->is_string() ? it->get<std::string>() : it->dump();
    for (auto key : {"text", "query"})
      if (auto it = j.find(key); it != j.end() && it->is_string() && text.empty()) text = it->get<std::string>();
    if (id.empty()) id = std::to_string(n);
    out.push_back({id, text});
  }
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

// Runs every query of the batch with the same options: one JSON object a
// query, or TREC run lines; the latency summary goes to stderr.
int run_batch(const Searcher& searcher, const SearchRequest& base, const std::string& path, const std::string& format,
              const std::string& tag, const std::string& latencies_path) {
  if (format != "jsonl" && format != "trec")
    throw UsageError("bad --run-format '" + format + "': expected jsonl or trec");
  auto queries = read_batch(path);
  std::ofstream latencies;
  if (!latencies_path.empty()) {
    latencies.open(latencies_path);
    if (!latencies) throw InputError(latencies_path, 0, "cannot write the latencies");
  }
  std::vector<double> ms;
  for (auto& q : queries) {
    auto req = base;
    req.query = q.text;
    auto start = std::chrono::steady_clock::now();
    auto result = searcher.search(req);
    double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ms.push_back(took);
    if (latencies) latencies << q.id << "\t" << std::fixed << std::setprecision(3) << took << "\n";
    if (format == "trec") {
      for (auto& h : result.hits)
        std::cout << q.id << " Q0 " << (h.record_id.empty() ? h.id : h.record_id) << " " << h.rank << " "
                  << std::fixed << std::setprecision(6) << h.score << " " << tag << "\n";
      continue;
    }
    auto j = to_json(result);
    if (!req.facets) j.erase("facets");
    nlohmann::json line = {{"id", q.id}};
    for (auto& [key, value] : j.items()) line[key] = value;
    line["latency_ms"] = std::round(took * 1000) / 1000;
    print_json(std::cout, line);
  }
  std::cout.flush();
  std::cerr << queries.size() << (queries.size() == 1 ? " query" : " queries") << ": latency p50 " << std::fixed
            << std::setprecision(2) << percentile(ms, 0.5) << " ms, p95 " << percentile(ms, 0.95) << " ms (facets "
            << (base.facets ? "on" : "off") << ")\n";
  return ok;
}

}  // namespace

int run_search(const std::vector<std::string>& args) {
  std::string db, kind = "all", years, sort = "relevance", batch, run_format = "jsonl", run_tag = "mslit", latencies;
  std::vector<std::string> query_words;
  SearchRequest req;
  bool json = false, explain = false, any = false, all = false, no_facets = false;
  std::string format = "text";
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->default_value(default_db()), "index directory")
      ("explain", po::bool_switch(&explain), "say how the query was understood: fields, drug names widened, the Xapian query")
      ("limit,n", po::value(&req.limit)->default_value(10), "number of results to show")
      ("offset", po::value(&req.offset)->default_value(0), "skip this many results first")
      ("kind", po::value(&kind)->default_value("all"), "article, reference or all")
      ("drug", po::value(&req.drugs), "only documents naming this drug (any of its names; repeat for any of several)")
      ("evidence", po::value(&req.evidence), "only this evidence type (repeat for any of several)")
      ("year", po::value(&years), "only years FROM..TO (2000..2010, 2015.., ..1999, 2004)")
      ("sort", po::value(&sort)->default_value("relevance"), "relevance, year (oldest first) or -year (newest first)")
      ("json", po::bool_switch(&json), "print one JSON object (the same as --format json)")
      ("format", po::value(&format)->default_value("text"),
       "text, json, or an export of the results shown: ris, bibtex, csv, jsonl (full records)")
      ("any", po::bool_switch(&any), "any word will do, ranked by BM25 (for long natural-language queries)")
      ("all", po::bool_switch(&all), "every word required, never relaxed to any word")
      ("no-facets", po::bool_switch(&no_facets), "do not count facets (faster; the total becomes an estimate)")
      ("batch", po::value(&batch), "run every query of this file (- for stdin): one a line, or BEIR queries.jsonl")
      ("run-format", po::value(&run_format)->default_value(run_format), "with --batch: jsonl or trec")
      ("run-tag", po::value(&run_tag)->default_value(run_tag), "with --run-format trec: the tag column")
      ("latencies", po::value(&latencies), "with --batch: write each query's id and latency (ms) to this file")
      ("query", po::value(&query_words)->multitoken(), "the query");
  po::positional_options_description pos;
  pos.add("query", -1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, "mslit search [--db DIR] [OPTIONS] QUERY",
             "Searches the index. Words must all appear (when no document has them all,\n"
             "any word will do, and the output says so). An empty query ('') matches\n"
             "every document, to browse by facets alone. Facet counts are exact over all\n"
             "matches, not just the page shown.\n\n"
             "Query syntax (Xapian's): words, \"quoted phrases\", AND, OR, NOT, ( ), +word,\n"
             "-word, natali* (trailing wildcard), NEAR; fields title:, author:, journal:,\n"
             "abstract:, mesh:, ref: (reference-list text), drug: (any name of a drug);\n"
             "filters evidence:rct, kind:reference, year:2004, year:2000..2010, pmid:,\n"
             "doi:, pubtype:, id:. Field names are case-insensitive; an unknown field is\n"
             "an error. A drug name (brand, code name, misspelling) stands for every name\n"
             "of the drug; =word matches the word as written (not its stem, nor other\n"
             "names). Put -- before a query that starts with '-'.\n\n"
             "--any: any word will do, ranked by BM25, for long natural-language queries\n"
             "(claims, questions); --all: every word, never relaxed.\n\n"
             "--batch FILE runs many queries in one process: a BEIR queries.jsonl ({\"_id\",\n"
             "\"text\"} a line) or one query a line (ID<TAB>QUERY, or the query alone, whose\n"
             "id is its line number), detected from the content. --limit applies to each\n"
             "query. Output: one JSON object a query ({\"id\", \"query\", \"total\", \"results\",\n"
             "\"facets\", \"latency_ms\"}), or with --run-format trec a TREC run (QUERY Q0 DOC\n"
             "RANK SCORE TAG; DOC is the record's own id, such as BEIR's _id, else the mslit\n"
             "id; no facets). Latency p50/p95 goes to stderr.\n\n"
             "Evidence types: guideline, systematic-review, rct, clinical-trial,\n"
             "observational, case-report, review, preclinical, patient-info, other.\n\n"
             "Examples:\n"
             "  mslit search mitoxantrone leukemia\n"
             "  mslit search --drug Rituxan --kind reference --sort -year ''\n"
             "  mslit search --evidence rct --year 2000.. --json 'interferon beta'\n"
             "  mslit search -- -placebo mitoxantrone\n"
             "  mslit search --format ris -n 200 'natalizumab PML' > results.ris\n"
             "  mslit search --any 'Vitamin D deficiency raises the risk of multiple sclerosis.'\n"
             "  mslit search --batch queries.jsonl --any --run-format trec --limit 1000 > run.trec\n"))
    return ok;
  if (any && all) throw UsageError("--any and --all contradict each other: give one");
  req.match = any ? Match::any : all ? Match::all : Match::automatic;
  req.facets = !no_facets;
  std::string q;
  for (auto& w : query_words) q += (q.empty() ? "" : " ") + w;
  req.query = q;
  if (kind != "all") {
    auto k = kind_from_string(kind);
    if (!k) throw UsageError("bad --kind '" + kind + "': expected article, reference or all");
    req.kind = k;
  }
  if (!years.empty()) req.years = parse_year_range(years);
  req.sort = parse_sort_order(sort);
  if (req.limit > 10000) throw UsageError("--limit is at most 10000");

  if (!batch.empty()) {
    if (!query_words.empty()) throw UsageError("give either --batch FILE or a query, not both");
    if (run_format == "trec") req.facets = req.snippets = false;
    Searcher searcher(db);
    return run_batch(searcher, req, batch, run_format, run_tag, latencies);
  }
  if (format == "json") json = true;
  else if (format != "text" && !is_export_format(format))
    throw UsageError("bad --format '" + format + "': expected text, json, ris, bibtex, csv or jsonl");
  Searcher searcher(db);
  auto result = searcher.search(req);
  if (is_export_format(format)) {
    std::vector<ExportRow> rows;
    for (auto& h : result.hits)
      if (auto record = searcher.get(h.id)) rows.push_back({h, std::move(*record)});
    write_export(std::cout, format, rows);
    return ok;
  }
  if (json) {
    auto j = to_json(result);
    if (explain)
      j["explain"] = {{"understood", result.explanation.understood}, {"xapian_query", result.explanation.xapian_query}};
    print_json(std::cout, j);
    return ok;
  }
  if (explain)
    std::cout << "query understood as: " << result.explanation.understood << "\n"
              << "Xapian query:        " << result.explanation.xapian_query << "\n\n";
  print_text(std::cout, result, req, isatty(STDOUT_FILENO) != 0);
  return ok;
}

int run_stats(const std::vector<std::string>& args) {
  std::string db;
  bool json = false;
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->default_value(default_db()), "index directory")
      ("json", po::bool_switch(&json), "print one JSON object");
  po::variables_map vm;
  if (!parse(args, opts, {}, vm, "mslit stats [--db DIR] [--json]",
             "Document counts by kind, facet value counts, schema version, last update\n"
             "and the files skipped with their reasons.\n"))
    return ok;
  auto stats = Searcher(db).stats();
  if (json) print_json(std::cout, to_json(stats));
  else print_text(std::cout, stats);
  return ok;
}

int run_show(const std::vector<std::string>& args) {
  std::string db, id;
  bool json = false;
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->default_value(default_db()), "index directory")
      ("json", po::bool_switch(&json), "print one JSON object")
      ("id", po::value(&id), "the document id, as search prints it");
  po::positional_options_description pos;
  pos.add("id", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, "mslit show [--db DIR] [--json] ID",
             "One document with all its fields and the cue that decided its evidence type.\n"
             "An article lists its references; a reference names the article citing it.\n"))
    return ok;
  if (id.empty()) throw po::error("give the id of a document (mslit search prints ids)");
  auto doc = Searcher(db).get(id);
  if (!doc) {
    std::cerr << "mslit show: no document with id '" << id << "' in " << db << "\n";
    return error;
  }
  if (json) print_json(std::cout, to_json(*doc));
  else print_text(std::cout, *doc);
  return ok;
}

}  // namespace mslit::cli
