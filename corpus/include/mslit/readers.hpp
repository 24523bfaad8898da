// Readers: turn a file into Articles. A reader is chosen by format name,
// detected from the file's content (and extension) unless forced.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mslit/model.hpp"

namespace mslit {

/// Receives each article as soon as it is read, so a file of 30,000 records
/// never has to be held in memory.
using ArticleSink = std::function<void(Article&&)>;
/// Receives each warning or record error as it happens: "FILE:LINE: warning: ..."
/// or "FILE:LINE: error: record N: ...; skipped".
using MessageSink = std::function<void(const std::string&)>;

/// Told, before each article is handed on, how many bytes of the file (as
/// stored, compressed or not) have been read: for progress bars.
using ReadProgress = std::function<void(std::uint64_t bytes_read)>;

/// What reading one file did.
struct ReadReport {
  std::string format;                 ///< the reader used
  std::string key;                    ///< file_key() of the file read
  bool compressed = false;            ///< it was gzip-compressed
  std::size_t articles = 0;           ///< articles handed to the sink
  std::size_t skipped_records = 0;    ///< records that could not be read (each has a message)
  std::size_t warnings = 0;           ///< messages sent, records skipped included
  /// Set when the file stopped being readable part way (malformed or
  /// truncated XML, damaged gzip): what went wrong and where ("line 12: ...",
  /// without the file name); the articles read before it were delivered.
  std::string error;
};

/// Everything reading one file produced, collected (for tests and small files).
struct ReadResult {
  std::string format;
  std::string key;
  std::vector<Article> articles;
  std::vector<std::string> warnings;
  std::string error;
};

/// The names accepted by --format, with a one-line description each.
struct FormatInfo {
  std::string_view name;
  std::string_view description;
};
const std::vector<FormatInfo>& reader_formats();
bool is_known_format(std::string_view name);

/// The format of a file from its content (its first 64 KiB, decompressed) and
/// name: "pubmed-xml", "jats", "medline", "ris" and "jsonl" by their content;
/// "markdown" for YAML front matter or .md, "snippets" for a page of search
/// snippets and questions, "text" for web and clinical reference articles.
/// Throws InputError for XML of a kind no reader reads.
std::string detect_format(const std::filesystem::path& path, std::string_view content);

/// A stable key for a file: the same file gives the same key however it is
/// named on the command line (from its canonical absolute path).
std::string file_key(const std::filesystem::path& path);

/// Reads a file, gzip-compressed or not, handing each article to `sink` as it
/// is read. `source` is the path as the user gave it; `format` forces a reader
/// when not empty. Throws InputError when nothing can be read (cannot open,
/// empty, binary, not a known kind); a problem after that is reported through
/// `messages` and ReadReport::error, and the good records are still delivered.
ReadReport read_file(const std::filesystem::path& path, const std::string& source, std::string_view format,
                     const ArticleSink& sink, const MessageSink& messages = {}, const ReadProgress& progress = {});

/// Reads a whole file into memory (tests, `mslit annotate`, small files).
ReadResult read_file(const std::filesystem::path& path, const std::string& source, std::string_view format = {});

/// Reads text already in memory (valid UTF-8) with the named reader; the
/// article ids are derived from `key`.
ReadResult read_text(std::string_view content, const std::string& source, const std::string& key,
                     std::string_view format);

/// Removes citation markers from body text: numbers glued to the end of a
/// sentence ("working.1", "replicate).2,3"), bracketed numbers ("[ 18]",
/// "[3-5]") and superscript digits. Decimal numbers ("7.5") are kept.
std::string strip_citation_markers(std::string_view text);

}  // namespace mslit
