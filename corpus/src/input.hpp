// Input: a file read as a stream of valid UTF-8, gzip-compressed or not.
// Every reader reads through it, so compression, the size limit and UTF-8
// repair are handled once, and a 30,000-record file never sits in memory.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace mslit {

class InputStream {
 public:
  /// Opens `path` (`source` is the name used in messages). Throws InputError
  /// when it cannot be opened, is empty, or holds NUL bytes (binary).
  InputStream(const std::filesystem::path& path, std::string source);
  /// Reads text already in memory (valid UTF-8).
  InputStream(std::string content, std::string source);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  /// The first bytes of the (decompressed, repaired) content, for format detection.
  std::string_view head() const { return head_; }
  /// Whether the file is gzip-compressed.
  bool compressed() const { return compressed_; }
  /// How far into the file (compressed bytes) reading has got.
  std::uint64_t offset() const;
  const std::string& source() const { return source_; }

  /// Reads up to `n` bytes; 0 at the end. Throws InputError on a read or
  /// decompression error (truncated gzip) or past the size limit.
  std::size_t read(char* out, std::size_t n);

  /// Reads one line (without "\n" or "\r\n"); false at the end. A line longer
  /// than `max` is consumed whole but cut to `max` bytes, with *too_long set.
  bool getline(std::string& line, std::size_t max, bool* too_long = nullptr);
  /// The number of the line getline() returned last, from 1.
  std::size_t line_number() const { return line_number_; }

  /// The rest of the content (at most the size limit).
  std::string read_all();

  /// A warning for the invalid UTF-8 repaired so far ("FILE:LINE: warning:
  /// invalid UTF-8 at byte N (and K more), replaced with U+FFFD"); empty when none.
  std::string utf8_warning() const;

  /// The largest decompressed size read (1 GiB): larger inputs are an error, not a hang.
  static constexpr std::size_t max_bytes = std::size_t{1} << 30;

 private:
  bool fill();  // decodes the next chunk into buffer_; false at the end

  std::string source_;
  gzFile file_ = nullptr;
  bool compressed_ = false;
  bool eof_ = false;
  std::string head_;
  std::string buffer_;      // repaired text not yet consumed
  std::size_t pos_ = 0;     // consumed bytes of buffer_
  std::string carry_;       // an incomplete UTF-8 sequence at the end of the last chunk
  std::size_t raw_offset_ = 0;  // decompressed bytes decoded so far
  std::size_t newlines_ = 0;    // newlines decoded so far (for the line of a bad byte)
  std::size_t bad_count_ = 0;
  std::size_t first_bad_offset_ = 0;
  std::size_t first_bad_line_ = 0;
  std::size_t line_number_ = 0;
  std::string deferred_error_;  // damage met while filling the head, thrown when the reader gets there
};

}  // namespace mslit
