#include "reader_support.hpp"

#include <cctype>

#include "mslit/text.hpp"

namespace mslit {
namespace {

std::string record_name(const Article& a, std::size_t record) {
  std::string name = "record " + std::to_string(record);
  if (!a.pmid.empty()) name += " (PMID " + a.pmid + ")";
  else if (!a.record_id.empty()) name += " (id " + a.record_id + ")";
  return name;
}

std::string where(const std::string& source, std::size_t line) {
  return line ? source + ":" + std::to_string(line) : source;
}

}  // namespace

void ReadContext::say(const std::string& line) {
  ++report_.warnings;
  if (messages_) messages_(line);
}

void ReadContext::warn(std::size_t line, const std::string& message) {
  // A message that already names the file (InputStream::utf8_warning) goes as it is.
  if (message.rfind(source_ + ":", 0) == 0) say(message);
  else say(where(source_, line) + ": warning: " + message);
}

void ReadContext::skip_record(std::size_t record, std::size_t line, const std::string& message) {
  ++report_.skipped_records;
  say(where(source_, line) + ": error: record " + std::to_string(record) + ": " + message + "; skipped");
}

void ReadContext::fail(std::size_t line, const std::string& message) {
  report_.error = (line ? "line " + std::to_string(line) + ": " : std::string()) + message;
  say(where(source_, line) + ": error: " + message + " (" + std::to_string(report_.articles) +
      " records before it were read)");
}

void ReadContext::emit(Article&& article, std::size_t record, std::size_t line) {
  article.format = format_;
  article.source = source_;
  article.record = record;
  article.title = squash_space(article.title);
  if (article.title.empty() && trim(article.abstract).empty() && trim(article.body).empty()) {
    ++report_.skipped_records;
    say(where(source_, line) + ": error: " + record_name(article, record) + ": no title and no text; skipped");
    return;
  }
  if (article.title.empty() && record > 0 && untitled_++ == 0)
    first_untitled_ = record_name(article, record) + (line ? ", line " + std::to_string(line) : std::string());
  article.id = record_article_id(article, key_);
  ++report_.articles;
  if (progress_ && *progress_ && input_) (*progress_)(input_->offset());
  sink_(std::move(article));
}

void ReadContext::finish() {
  if (untitled_ == 1) warn(0, first_untitled_ + " has no title; indexed by its text");
  else if (untitled_ > 1)
    warn(0, std::to_string(untitled_) + " records have no title (the first: " + first_untitled_ +
                "); indexed by their text");
}

std::optional<int> first_year(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    int y;
    if ((i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1]))) && year_at(text, i, &y)) return y;
  }
  return std::nullopt;
}

std::string squash_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string author_name(std::string_view surname, std::string_view given) {
  std::string name = squash_space(surname);
  auto g = squash_space(given);
  if (g.empty()) return name;
  // Initials already ("MJ", "M J", "M.J."): keep the capitals.
  std::string initials;
  bool word_start = true;
  for (char c : g) {
    if (c == ' ' || c == '.' || c == '-') {
      word_start = true;
      continue;
    }
    if (word_start && (std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)) {
      if (static_cast<unsigned char>(c) < 0x80) initials += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (std::isupper(static_cast<unsigned char>(c)) && g.size() <= 3) {
      initials += c;  // "MJ": every capital is an initial
    }
    word_start = false;
  }
  if (initials.empty()) return name;
  return name.empty() ? initials : name + " " + initials;
}

}  // namespace mslit
