// mslit: one program, git-style subcommands.
#include <xapian.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include "cli.hpp"
#include "mslit/error.hpp"

namespace mslit::cli {

std::string default_db() {
  const char* env = std::getenv("MSLIT_DB");
  return env && *env ? env : "mslit-index";
}

bool parse(const std::vector<std::string>& args, const po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm, const std::string& usage,
           const std::string& details) {
  po::options_description all(options);
  all.add_options()("help,h", "show this help");
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << "Usage: " << usage << "\n\n" << details << "\n" << all << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

}  // namespace mslit::cli

namespace {

constexpr const char* overview = R"(Usage: mslit COMMAND [OPTIONS] [ARGS]

mslit indexes multiple sclerosis literature (PubMed/MEDLINE records, PMC full
text, RIS, JSON Lines, web articles, reports, clinical reference articles and
their reference lists) and searches it with facets for drug, evidence type and
year. Every reference in a bibliography is a document
of its own, linked to the article that cites it.

Commands:
  index    add files and directories to an index; again: only what changed
  search   search an index, with drug, evidence and year filters and facets
  similar  documents like a given one (relevance feedback)
  stats    document counts, facet values, schema version, last update
  show     one document with all its fields; an article's reference list
  annotate the drug mentions, evidence type and year the annotators see in a text
  delete   remove articles (with their references) by id, or a file's documents
  check    verify an index and say in plain words what is wrong
  compact  compact an index and swap it in atomically

Run 'mslit COMMAND --help' for a command's options.

The index is the directory given with --db; without it, $MSLIT_DB, else
./mslit-index.

Exit status: 0 success, 1 error (a file skipped, an index problem), 2 bad usage.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace mslit::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << overview;
    return usage;
  }
  std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << overview;
    return ok;
  }
  if (command == "--version") {
    std::cout << "mslit " << MSLIT_VERSION << " (Xapian " << Xapian::version_string() << ")\n";
    return ok;
  }
  static const std::map<std::string, int (*)(const std::vector<std::string>&)> commands = {
      {"index", run_index}, {"search", run_search}, {"stats", run_stats}, {"show", run_show},
      {"annotate", run_annotate}, {"delete", run_delete}, {"check", run_check}, {"compact", run_compact},
      {"similar", run_similar}};
  auto it = commands.find(command);
  if (it == commands.end()) {
    std::cerr << "mslit: unknown command '" << command << "' (commands: index, search, similar, stats, show, annotate, delete, check, compact; see mslit --help)\n";
    return usage;
  }
  try {
    return it->second(args);
  } catch (const po::error& e) {
    std::cerr << "mslit " << command << ": " << e.what() << " (see mslit " << command << " --help)\n";
    return usage;
  } catch (const mslit::UsageError& e) {
    std::cerr << "mslit " << command << ": " << e.what() << "\n";
    return usage;
  } catch (const mslit::Error& e) {
    std::cerr << "mslit " << command << ": " << e.what() << "\n";
    return error;
  } catch (const Xapian::Error& e) {
    std::cerr << "mslit " << command << ": " << e.get_description() << "\n";
    return error;
  } catch (const std::exception& e) {
    std::cerr << "mslit " << command << ": " << e.what() << "\n";
    return error;
  }
}
