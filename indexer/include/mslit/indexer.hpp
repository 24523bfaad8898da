// The indexer: reads files with the corpus readers, annotates them and writes
// one Xapian document per article and per reference. Each file is written
// all-or-nothing; re-indexing a file replaces its documents.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mslit/model.hpp"
#include "mslit/readers.hpp"  // MessageSink: the lines a user should see ("FILE: ..."); the library never prints

namespace mslit {

struct IndexOptions {
  std::string format;             ///< force this reader for every file; empty: detect per file
  std::size_t commit_every = 1000;  ///< files per commit
};

/// What a run did.
struct IndexSummary {
  std::size_t files_indexed = 0;
  std::size_t articles = 0;
  std::size_t references = 0;
  std::vector<SkippedFile> skipped;   ///< files not read, or read only in part
  std::size_t skipped_records = 0;    ///< records left out of files that were read
  std::size_t warnings = 0;
};

class Indexer {
 public:
  /// Opens the index in `db_dir`, creating it if needed. Throws IndexError if
  /// it is locked by another writer, was built with another schema version,
  /// or the directory holds something that is not an mslit index.
  Indexer(const std::filesystem::path& db_dir, IndexOptions options = {}, MessageSink messages = {});
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Indexes a file, or every file below a directory (recursively, in name
  /// order, hidden files skipped). `path` is kept as given as the documents'
  /// source. A file that cannot be read is reported and skipped.
  void add(const std::filesystem::path& path);

  /// Commits everything pending and records the run (time, skipped files).
  IndexSummary finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mslit
