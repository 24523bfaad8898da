// What the readers share: the context a reader reports records and problems
// to, and the readers' entry points (one per format family).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "input.hpp"
#include "mslit/model.hpp"
#include "mslit/readers.hpp"

namespace mslit {

/// Where a reader delivers its records and says what went wrong. It gives
/// every record its format, source, id and position, and drops (with a
/// message) the records that have nothing to search.
class ReadContext {
 public:
  ReadContext(std::string source, std::string key, std::string format, const ArticleSink& sink,
              const MessageSink& messages, ReadReport& report)
      : source_(std::move(source)), key_(std::move(key)), format_(std::move(format)), sink_(sink),
        messages_(messages), report_(report) {}

  const std::string& source() const { return source_; }
  /// Reports reading progress through `progress` before each record is handed on.
  void track(const InputStream* in, const ReadProgress* progress) {
    input_ = in;
    progress_ = progress;
  }
  const std::string& key() const { return key_; }

  /// Hands a record on. `record` is its position in the file (from 1), `line`
  /// where it starts (0: unknown).
  void emit(Article&& article, std::size_t record, std::size_t line);
  /// "FILE:LINE: warning: MESSAGE".
  void warn(std::size_t line, const std::string& message);
  /// A record that cannot be read: "FILE:LINE: error: record N: MESSAGE; skipped".
  void skip_record(std::size_t record, std::size_t line, const std::string& message);
  /// The file stopped being readable: what was read stays delivered.
  void fail(std::size_t line, const std::string& message);
  /// Says what is left to say once the file is read (records without titles, counted).
  void finish();

 private:
  void say(const std::string& line);
  std::string source_, key_, format_;
  const ArticleSink& sink_;
  const MessageSink& messages_;
  ReadReport& report_;
  const InputStream* input_ = nullptr;
  const ReadProgress* progress_ = nullptr;
  std::size_t untitled_ = 0;        // records indexed without a title
  std::string first_untitled_;      // "record 3 (PMID 1), line 40"
};

// The readers, by format family. Each reads the rest of `in`.
void read_pubmed_xml(InputStream& in, ReadContext& cx);
void read_jats(InputStream& in, ReadContext& cx);
void read_medline_text(InputStream& in, ReadContext& cx);
void read_ris(InputStream& in, ReadContext& cx);
void read_jsonl(InputStream& in, ReadContext& cx);

/// The first year (1800-2099) in a date string ("1998 Dec-1999 Jan", "2004///").
std::optional<int> first_year(std::string_view text);
/// "Olek MJ" from a surname and given names or initials ("Michael J", "M J", "MJ").
std::string author_name(std::string_view surname, std::string_view given);
/// Collapses runs of white space to one space and trims.
std::string squash_space(std::string_view text);

/// Longest line the line-based readers accept (a JSON record, a RIS field).
inline constexpr std::size_t max_record_line = 64u << 20;

}  // namespace mslit
