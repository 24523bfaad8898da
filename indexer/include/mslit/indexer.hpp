// The indexer: reads files with the corpus readers, annotates them and writes
// one Xapian document per article and per reference. Writes are committed in
// batches, each all-or-nothing; a run that is killed leaves the batches
// committed before it, and the next run picks up where it stopped. Files that
// have not changed since they were indexed (by content) are not read again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mslit/model.hpp"
#include "mslit/readers.hpp"  // MessageSink: the lines a user should see ("FILE: ..."); the library never prints

namespace mslit {

struct IndexOptions {
  std::string format;               ///< force this reader for every file; empty: detect per file
  std::size_t batch_size = 5000;    ///< documents per commit; each commit is all-or-nothing
  bool force = false;               ///< re-read files even when their content has not changed
};

/// Where a run has got to, for progress bars.
struct IndexProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::size_t records = 0;          ///< records read so far in this run
  std::uint64_t bytes_done = 0;     ///< of the files to read, as stored (compressed or not)
  std::uint64_t bytes_total = 0;
  std::string file;                 ///< the file being read
};
using ProgressSink = std::function<void(const IndexProgress&)>;

/// What a run did.
struct IndexSummary {
  std::size_t files_added = 0;       ///< read for the first time
  std::size_t files_updated = 0;     ///< read again because their content changed
  std::size_t files_unchanged = 0;   ///< not read: same content as when indexed
  std::size_t files_removed = 0;     ///< gone from disk, their documents removed (prune)
  std::size_t articles = 0;          ///< articles written (new or changed)
  std::size_t articles_unchanged = 0;  ///< articles of changed files found as they were
  std::size_t references = 0;        ///< references written
  std::size_t documents_removed = 0; ///< documents of records no longer in their file, or of removed files
  std::vector<SkippedFile> skipped;  ///< files not read, or read only in part
  std::size_t skipped_records = 0;   ///< records left out of files that were read
  std::size_t warnings = 0;
  std::size_t commits = 0;
};

/// What a deletion did.
struct DeleteSummary {
  std::size_t articles = 0;
  std::size_t references = 0;
  std::vector<std::string> not_found;  ///< ids or sources with no documents
};

class Indexer {
 public:
  /// Opens the index in `db_dir`, creating it if needed. Throws IndexError if
  /// it is locked by another writer ("index is locked by process N"), was
  /// built with another schema version, or the directory holds something
  /// that is not an mslit index.
  Indexer(const std::filesystem::path& db_dir, IndexOptions options = {}, MessageSink messages = {},
          ProgressSink progress = {});
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Indexes files, and every file below directories (recursively, in name
  /// order; hidden files and Xapian databases skipped). Paths are kept as
  /// given as the documents' source. A file that cannot be read is reported
  /// and skipped; a file unchanged since it was indexed is not read again.
  void add(const std::vector<std::filesystem::path>& paths);
  void add(const std::filesystem::path& path) { add(std::vector<std::filesystem::path>{path}); }

  /// Removes the documents of indexed files that no longer exist, among those
  /// at or below `paths` (all indexed files when `paths` is empty).
  void prune(const std::vector<std::filesystem::path>& paths);

  /// Removes articles (with their references) or single references by id.
  DeleteSummary remove_ids(const std::vector<std::string>& ids);
  /// Removes every document read from these files.
  DeleteSummary remove_sources(const std::vector<std::filesystem::path>& sources);

  /// Commits everything pending and records the run (time, skipped files).
  IndexSummary finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mslit
