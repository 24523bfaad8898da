// The reading subcommands (search, stats, show): parse options, call the searcher, print.
#include <unistd.h>

#include <iostream>

#include "cli.hpp"
#include "mslit/error.hpp"
#include "mslit/searcher.hpp"
#include "export.hpp"
#include "output.hpp"

namespace mslit::cli {

int run_search(const std::vector<std::string>& args) {
  std::string db, kind = "all", years, sort = "relevance";
  std::vector<std::string> query_words;
  SearchRequest req;
  bool json = false, explain = false;
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
             "Evidence types: guideline, systematic-review, rct, clinical-trial,\n"
             "observational, case-report, review, preclinical, patient-info, other.\n\n"
             "Examples:\n"
             "  mslit search mitoxantrone leukemia\n"
             "  mslit search --drug Rituxan --kind reference --sort -year ''\n"
             "  mslit search --evidence rct --year 2000.. --json 'interferon beta'\n"
             "  mslit search -- -placebo mitoxantrone\n"
             "  mslit search --format ris -n 200 'natalizumab PML' > results.ris\n"))
    return ok;
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
