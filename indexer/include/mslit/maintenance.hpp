// Keeping an index healthy: checking it and compacting it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mslit {

/// What `check_index` found. `problems` are sentences a librarian can act on.
struct CheckReport {
  std::size_t documents = 0;
  std::size_t articles = 0;
  std::size_t references = 0;
  std::size_t files = 0;                 ///< files with a recorded state
  std::vector<std::string> problems;     ///< empty when the index is sound
  bool ok() const { return problems.empty(); }
};

/// Verifies an index: Xapian's own consistency check of every table, the
/// schema version, and each document's stored record and facet values
/// (kind, evidence type, year, drugs, the parent of every reference).
/// Throws IndexError when there is no index to check.
CheckReport check_index(const std::filesystem::path& db_dir);

/// What `compact_index` did.
struct CompactReport {
  std::uint64_t bytes_before = 0;
  std::uint64_t bytes_after = 0;
};

/// Compacts an index into a new directory beside it and swaps it in
/// atomically (renameat2 RENAME_EXCHANGE), holding the write lock meanwhile,
/// so readers see the old index or the new one, never a mixture. Throws
/// IndexError if the index is locked by a writer or anything fails (the old
/// index is then left as it was).
CompactReport compact_index(const std::filesystem::path& db_dir);

/// Bytes of all files in a directory (an index's size on disk).
std::uint64_t directory_bytes(const std::filesystem::path& dir);

}  // namespace mslit
