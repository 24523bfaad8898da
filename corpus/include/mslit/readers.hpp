// Readers: turn a file into Articles. A reader is chosen by format name,
// detected from the file's content (and extension) unless forced.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mslit/model.hpp"

namespace mslit {

/// What reading one file produced.
struct ReadResult {
  std::string format;                 ///< the reader used
  std::string key;                    ///< file_key() of the file read
  std::vector<Article> articles;
  std::vector<std::string> warnings;  ///< "FILE: warning: ..." lines, e.g. repaired UTF-8
};

/// The names accepted by --format, with a one-line description each.
struct FormatInfo {
  std::string_view name;
  std::string_view description;
};
const std::vector<FormatInfo>& reader_formats();
bool is_known_format(std::string_view name);

/// The format of a file from its name and content: "markdown" for YAML front
/// matter or .md, "snippets" for a page of search snippets and questions,
/// "text" for web and clinical reference articles.
std::string detect_format(const std::filesystem::path& path, std::string_view content);

/// A stable key for a file: the same file gives the same key however it is
/// named on the command line (from its canonical absolute path).
std::string file_key(const std::filesystem::path& path);

/// Reads a file. `source` is the path as the user gave it; `format` forces a
/// reader when not empty. Throws InputError when the file cannot be read, is
/// empty, or is not text.
ReadResult read_file(const std::filesystem::path& path, const std::string& source, std::string_view format = {});

/// Reads text already in memory (valid UTF-8) with the named reader; the
/// article ids are derived from `key`. Used by read_file and by tests.
ReadResult read_text(std::string_view content, const std::string& source, const std::string& key,
                     std::string_view format);

/// Removes citation markers from body text: numbers glued to the end of a
/// sentence ("working.1", "replicate).2,3"), bracketed numbers ("[ 18]",
/// "[3-5]") and superscript digits. Decimal numbers ("7.5") are kept.
std::string strip_citation_markers(std::string_view text);

}  // namespace mslit
