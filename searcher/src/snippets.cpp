#include "snippets.hpp"

#include <algorithm>
#include <set>

#include "mslit/schema.hpp"

namespace mslit {
namespace {

bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80; }

// Text field prefixes whose words also appear in the snippet text.
constexpr std::string_view text_prefixes[] = {schema::prefix::journal, schema::prefix::title, schema::prefix::author};

}  // namespace

QueryWords QueryWords::from(const Xapian::Query& query) {
  QueryWords w;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    std::string t = *it;
    if (t.empty()) continue;
    bool stem = false;
    if (t[0] == 'Z' && t.size() > 1) {
      stem = true;
      t.erase(0, 1);
    }
    if (!is_lower_or_digit(t[0])) {
      // A field term: keep the word if the field is text.
      bool text_field = false;
      for (auto p : text_prefixes)
        if (t.rfind(p, 0) == 0 && t.size() > p.size() && is_lower_or_digit(t[p.size()])) {
          t.erase(0, p.size());
          text_field = true;
          break;
        }
      if (!text_field) continue;
    }
    (stem ? w.stems : w.exact).insert(t);
  }
  return w;
}

Snippet make_snippet(std::string_view text, const QueryWords& words, const Analyzer& analyzer,
                     const Xapian::Stem& stemmer, std::size_t max_bytes) {
  Snippet snippet;
  if (text.empty()) return snippet;
  auto tokens = analyzer.analyze(text);
  std::vector<const Token*> matched;
  for (auto& t : tokens) {
    if (t.compound) continue;
    if (words.exact.count(t.term) || (!words.stems.empty() && words.stems.count(stemmer(t.term)))) matched.push_back(&t);
  }

  // Choose the window holding the most distinct matched words.
  std::size_t start = 0;
  if (!matched.empty()) {
    std::size_t best_distinct = 0;
    for (std::size_t i = 0; i < matched.size(); ++i) {
      std::set<std::string_view> distinct;
      for (std::size_t j = i; j < matched.size() && matched[j]->end <= matched[i]->begin + max_bytes; ++j)
        distinct.insert(matched[j]->term);
      if (distinct.size() > best_distinct) {
        best_distinct = distinct.size();
        start = matched[i]->begin;
      }
    }
    // A little context before the first match, starting at a word.
    std::size_t context = std::min<std::size_t>(start, max_bytes / 5);
    std::size_t want = start - context;
    for (auto& t : tokens)
      if (t.begin >= want) {
        start = std::min(start, t.begin);
        break;
      }
  }
  // Line starts are natural cut points.
  if (auto nl = text.rfind('\n', start); nl != std::string_view::npos && start - nl < 40) start = nl + 1;

  // End at the last word that fits.
  std::size_t end = start;
  for (auto& t : tokens)
    if (t.begin >= start && t.end <= start + max_bytes) end = std::max(end, t.end);
  if (end == start) end = std::min(text.size(), start + max_bytes);
  while (end < text.size() && (text[end] == '.' || text[end] == ')' || text[end] == '?' || text[end] == '!')) ++end;

  std::string_view ellipsis = "\xE2\x80\xA6";  // …
  std::size_t shift = 0;
  if (start > 0) {
    snippet.text += ellipsis;
    shift = ellipsis.size();
  }
  std::string body(text.substr(start, end - start));
  std::replace(body.begin(), body.end(), '\n', ' ');
  std::replace(body.begin(), body.end(), '\t', ' ');
  snippet.text += body;
  if (end < text.size()) snippet.text += ellipsis;
  for (auto* t : matched)
    if (t->begin >= start && t->end <= end) snippet.highlights.push_back({t->begin - start + shift, t->end - start + shift});
  return snippet;
}

}  // namespace mslit
