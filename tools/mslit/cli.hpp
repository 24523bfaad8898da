// Shared pieces of the mslit subcommands: option parsing, exit codes.
#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace mslit::cli {

namespace po = boost::program_options;

/// Exit statuses, as documented in `mslit --help`.
enum Exit : int { ok = 0, error = 1, usage = 2 };

/// The index directory when --db is not given: $MSLIT_DB, else ./mslit-index.
std::string default_db();

/// Parses a subcommand's arguments. Returns false when --help was printed.
/// Throws po::error on bad usage.
bool parse(const std::vector<std::string>& args, const po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm, const std::string& usage,
           const std::string& details);

int run_index(const std::vector<std::string>& args);
int run_search(const std::vector<std::string>& args);
int run_stats(const std::vector<std::string>& args);
int run_show(const std::vector<std::string>& args);
int run_annotate(const std::vector<std::string>& args);
int run_delete(const std::vector<std::string>& args);
int run_check(const std::vector<std::string>& args);
int run_compact(const std::vector<std::string>& args);
int run_similar(const std::vector<std::string>& args);

}  // namespace mslit::cli
