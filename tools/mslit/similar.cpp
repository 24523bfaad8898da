// mslit similar: documents like a given one (relevance feedback).
#include <unistd.h>

#include <iostream>

#include "cli.hpp"
#include "mslit/error.hpp"
#include "mslit/searcher.hpp"
#include "output.hpp"

namespace mslit::cli {

int run_similar(const std::vector<std::string>& args) {
  std::string db, id, kind = "all";
  SearchRequest req;
  bool json = false;
  std::size_t terms = 25;
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->default_value(default_db()), "index directory")
      ("limit,n", po::value(&req.limit)->default_value(10), "number of results to show")
      ("kind", po::value(&kind)->default_value("all"), "article, reference or all")
      ("drug", po::value(&req.drugs), "only documents naming this drug (any of its names)")
      ("evidence", po::value(&req.evidence), "only this evidence type (repeat for any of several)")
      ("terms", po::value(&terms)->default_value(25), "how many of the document's words to search with")
      ("json", po::bool_switch(&json), "print one JSON object, as mslit search --json does")
      ("id", po::value(&id), "the document id, as search prints it");
  po::positional_options_description pos;
  pos.add("id", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, "mslit similar [--db DIR] [OPTIONS] ID",
             "Finds documents like the one with this id: its most telling words (chosen by\n"
             "Xapian's relevance feedback from the document's own terms) are searched with\n"
             "OR and ranked by BM25, with the filters given; the document itself is left\n"
             "out. Facets count all the matches, as in mslit search.\n"))
    return ok;
  if (id.empty()) throw po::error("give the id of a document (mslit search prints ids)");
  if (kind != "all") {
    auto k = kind_from_string(kind);
    if (!k) throw UsageError("bad --kind '" + kind + "': expected article, reference or all");
    req.kind = k;
  }
  auto result = Searcher(db).similar(id, req, terms);
  if (!result) {
    std::cerr << "mslit similar: no document with id '" << id << "' in " << db << "\n";
    return error;
  }
  if (json) print_json(std::cout, to_json(*result));
  else print_text(std::cout, *result, req, isatty(STDOUT_FILENO) != 0);
  return ok;
}

}  // namespace mslit::cli
