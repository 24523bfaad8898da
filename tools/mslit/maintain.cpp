// The writing subcommands (index, delete, check, compact): a librarian's
// workflow of keeping an index current. Progress goes to stderr.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "mslit/error.hpp"
#include "mslit/indexer.hpp"
#include "mslit/maintenance.hpp"
#include "mslit/readers.hpp"

namespace mslit::cli {
namespace {

std::string human_bytes(std::uint64_t b) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1);
  if (b >= (1ULL << 30)) s << static_cast<double>(b) / (1ULL << 30) << " GiB";
  else if (b >= (1ULL << 20)) s << static_cast<double>(b) / (1ULL << 20) << " MiB";
  else if (b >= 1024) s << static_cast<double>(b) / 1024 << " KiB";
  else s << b << " B";
  return s.str();
}

std::string clock_time(double seconds) {
  auto s = static_cast<long>(seconds + 0.5);
  std::ostringstream o;
  if (s >= 3600) o << s / 3600 << ":" << std::setw(2) << std::setfill('0') << (s / 60) % 60 << ":" << std::setw(2) << s % 60;
  else o << s / 60 << ":" << std::setw(2) << std::setfill('0') << s % 60;
  return o.str();
}

// A one-line progress bar on a terminal, redrawn at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

  void update(const IndexProgress& p, bool force = false) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double fraction = p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total) : 0;
    constexpr int width = 24;
    int filled = static_cast<int>(fraction * width);
    std::ostringstream line;
    line << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << p.files_done << "/"
         << p.files_total << " files · " << p.records << " records";
    if (elapsed > 0.5) line << " · " << static_cast<long>(static_cast<double>(p.records) / elapsed) << "/s";
    if (fraction > 0.01 && elapsed > 1) line << " · " << clock_time(elapsed * (1 - fraction) / fraction) << " left";
    auto text = line.str();
    if (text.size() < shown_) text += std::string(shown_ - text.size(), ' ');
    shown_ = line.str().size();
    std::cerr << text << std::flush;
  }

  // Clears the bar so a message can be printed on its own line.
  void clear() {
    if (!enabled_ || shown_ == 0) return;
    std::cerr << "\r" << std::string(shown_, ' ') << "\r" << std::flush;
    shown_ = 0;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_{};
  std::size_t shown_ = 0;
};

}  // namespace

int run_index(const std::vector<std::string>& args) {
  std::string db, format;
  std::vector<std::string> paths;
  std::size_t batch_size = 0;
  bool quiet = false, verbose = false, prune = false, force = false;
  std::string progress = "auto";
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->default_value(default_db()), "index directory (created if missing)")
      ("format", po::value(&format), "read every file with this reader instead of detecting it")
      ("batch-size", po::value(&batch_size)->default_value(IndexOptions{}.batch_size),
       "documents per commit; each commit is all-or-nothing")
      ("prune", po::bool_switch(&prune), "also remove the documents of indexed files under PATHs that no longer exist")
      ("force", po::bool_switch(&force), "read every file again, even unchanged ones")
      ("progress", po::value(&progress)->default_value("auto"), "progress bar on stderr: auto (on a terminal), always, never")
      ("verbose,v", po::bool_switch(&verbose), "list each file as it is done")
      ("quiet,q", po::bool_switch(&quiet), "print only errors (no warnings, bar or summary)")
      ("path", po::value(&paths)->multitoken(), "files or directories to index");
  po::positional_options_description pos;
  pos.add("path", -1);
  std::string formats;
  for (auto& f : reader_formats()) formats += "  " + std::string(f.name) + std::string(12 - f.name.size(), ' ') + std::string(f.description) + "\n";
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, "mslit index [--db DIR] [--format FORMAT] [--prune] PATH...",
             "Indexes files, and directories recursively (hidden files and indexes skipped).\n"
             "Each article or record, and each reference of its reference list, becomes a\n"
             "document. Running it again on a collection touches only what changed: new\n"
             "files are added, files whose content changed are read again (records by their\n"
             "ids: PMID, DOI, or position), unchanged files are skipped; --prune removes the\n"
             "documents of files that have gone. Commits happen every --batch-size documents,\n"
             "each all-or-nothing: a run that is killed keeps the batches committed before\n"
             "it, and the next run picks up where it stopped.\n\n"
             "Files may be gzip-compressed (.gz). A file that cannot be read is reported as\n"
             "'FILE: skipping - reason' and recorded in the index (see mslit stats); a bad\n"
             "record in a good file is reported as 'FILE:LINE: error: record N: reason;\n"
             "skipped'. The run goes on, and the exit status is then 1.\n\n"
             "Formats (detected per file from content, then extension):\n" + formats))
    return ok;
  if (paths.empty()) throw po::error("give at least one file or directory to index");
  if (!format.empty() && !is_known_format(format)) throw UsageError("unknown format '" + format + "' (see mslit index --help)");
  if (batch_size == 0) throw po::error("--batch-size must be at least 1");
  if (progress != "auto" && progress != "always" && progress != "never")
    throw po::error("--progress must be auto, always or never");

  bool bar_on = !quiet && (progress == "always" || (progress == "auto" && isatty(STDERR_FILENO)));
  ProgressBar bar(bar_on);
  std::size_t last_files_done = 0;
  auto on_message = [&](const std::string& line) {
    bool is_error = line.find(": error: ") != std::string::npos || line.find(": skipping - ") != std::string::npos;
    if (quiet && !is_error) return;
    bar.clear();
    std::cerr << line << "\n";
  };
  auto on_progress = [&](const IndexProgress& p) {
    if (verbose && p.files_done > last_files_done) {
      bar.clear();
      std::cerr << "done: " << p.file << "\n";
    }
    last_files_done = p.files_done;
    bar.update(p);
  };
  Indexer indexer(db, IndexOptions{format, batch_size, force}, on_message, on_progress);
  std::vector<std::filesystem::path> ps(paths.begin(), paths.end());
  indexer.add(ps);
  if (prune) indexer.prune(ps);
  auto s = indexer.finish();
  bar.clear();
  if (!quiet) {
    std::cerr << "indexed -> " << db << ": " << s.files_added << " file(s) added, " << s.files_updated << " updated, "
              << s.files_unchanged << " unchanged, " << s.files_removed << " removed; " << s.articles
              << " article(s) and " << s.references << " reference(s) written";
    if (s.articles_unchanged) std::cerr << ", " << s.articles_unchanged << " article(s) found unchanged";
    if (s.documents_removed) std::cerr << ", " << s.documents_removed << " document(s) removed";
    std::cerr << "; skipped " << s.skipped.size() << " file(s) and " << s.skipped_records << " record(s); "
              << s.warnings << " warning(s)\n";
    for (auto& sk : s.skipped) std::cerr << "  skipped: " << sk.file << ": " << sk.reason << "\n";
  }
  return s.skipped.empty() && s.skipped_records == 0 ? ok : error;
}

int run_delete(const std::vector<std::string>& args) {
  std::string db;
  std::vector<std::string> ids, sources;
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->default_value(default_db()), "index directory")
      ("source", po::value(&sources)->multitoken(), "remove every document read from these files")
      ("id", po::value(&ids)->multitoken(), "ids of articles (removed with their references) or references");
  po::positional_options_description pos;
  pos.add("id", -1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, "mslit delete [--db DIR] (ID... | --source PATH...)",
             "Removes articles together with their references, single references, or every\n"
             "document read from a file. Ids are as search and show print them. An id or\n"
             "source with no documents is reported and the exit status is 1.\n"))
    return ok;
  if (ids.empty() && sources.empty()) throw po::error("give ids, or --source with file paths");
  if (!std::filesystem::exists(std::filesystem::path(db) / "iamglass"))
    throw IndexError(db + ": no mslit index here");
  Indexer indexer(db);
  auto a = indexer.remove_ids(ids);
  auto b = indexer.remove_sources(std::vector<std::filesystem::path>(sources.begin(), sources.end()));
  indexer.finish();
  for (auto& n : a.not_found) std::cerr << "mslit delete: no document with id '" << n << "'\n";
  for (auto& n : b.not_found) std::cerr << "mslit delete: no documents read from '" << n << "'\n";
  std::cerr << "deleted " << a.articles + b.articles << " article(s) and " << a.references + b.references
            << " reference(s) from " << db << "\n";
  return a.not_found.empty() && b.not_found.empty() ? ok : error;
}

int run_check(const std::vector<std::string>& args) {
  std::string db;
  po::options_description opts("Options");
  opts.add_options()("db", po::value(&db)->default_value(default_db()), "index directory");
  po::variables_map vm;
  if (!parse(args, opts, {}, vm, "mslit check [--db DIR]",
             "Verifies an index: Xapian's consistency check of its files, the schema version,\n"
             "and every document's record and facet values. Prints what is wrong in plain\n"
             "words; exit status 1 when anything is.\n"))
    return ok;
  auto r = check_index(db);
  std::cout << db << ": " << r.documents << " documents (" << r.articles << " articles, " << r.references
            << " references), " << r.files << " files recorded\n";
  if (r.ok()) {
    std::cout << "ok: no problems found\n";
    return ok;
  }
  for (auto& p : r.problems) std::cout << "problem: " << p << "\n";
  return error;
}

int run_compact(const std::vector<std::string>& args) {
  std::string db;
  po::options_description opts("Options");
  opts.add_options()("db", po::value(&db)->default_value(default_db()), "index directory");
  po::variables_map vm;
  if (!parse(args, opts, {}, vm, "mslit compact [--db DIR]",
             "Compacts an index into a new copy and swaps it in atomically; searches running\n"
             "meanwhile see the old index or the new one. Refuses while a writer holds the index.\n"))
    return ok;
  auto r = compact_index(db);
  std::cerr << "compacted " << db << ": " << human_bytes(r.bytes_before) << " -> " << human_bytes(r.bytes_after) << "\n";
  return ok;
}

}  // namespace mslit::cli
