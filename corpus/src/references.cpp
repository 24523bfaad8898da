#include "mslit/references.hpp"

#include <cctype>

#include "mslit/text.hpp"

namespace mslit {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// "  12. text", "12) text" or "[12] text": the ordinal and the text.
std::optional<ListItem> numbered_line(std::string_view line) {
  auto s = trim(line);
  std::size_t i = 0;
  bool bracket = !s.empty() && s[0] == '[';
  if (bracket) ++i;
  std::size_t digits_begin = i;
  while (i < s.size() && is_digit(s[i]) && i - digits_begin < 4) ++i;
  if (i == digits_begin || i - digits_begin > 3) return std::nullopt;
  int ordinal = std::stoi(std::string(s.substr(digits_begin, i - digits_begin)));
  if (bracket) {
    if (i >= s.size() || s[i] != ']') return std::nullopt;
  } else if (i >= s.size() || (s[i] != '.' && s[i] != ')')) {
    return std::nullopt;
  }
  ++i;
  if (i >= s.size() || (s[i] != ' ' && s[i] != '\t')) return std::nullopt;
  auto text = trim(s.substr(i));
  if (text.empty() || ordinal == 0) return std::nullopt;
  return ListItem{ordinal, std::string(text)};
}

bool is_reference_heading(std::string_view line) {
  auto s = trim(line);
  while (!s.empty() && (s.front() == '#' || s.front() == '*' || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '*' || s.back() == ':' || s.back() == ' ')) s.remove_suffix(1);
  auto lower = to_lower_ascii(s);
  for (std::string_view h : {"references", "reference list", "sources", "bibliography", "citations", "works cited",
                             "literature cited", "selected references"})
    if (lower == h) return true;
  return false;
}

bool has_year(std::string_view s) {
  int y;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i)
    if (year_at(s, i, &y)) return true;
  return false;
}

// Collects the numbered items starting at line `start` while their ordinals
// run on consecutively from `first`. Blank lines between items are allowed;
// an indented line right after an item continues it.
FoundReferenceList collect_items(const std::vector<std::string_view>& lines, std::size_t start, int first) {
  FoundReferenceList list;
  list.first_line = start;
  list.end_line = start;
  int expected = first;
  for (std::size_t i = start; i < lines.size(); ++i) {
    if (trim(lines[i]).empty()) continue;
    if (auto item = numbered_line(lines[i]); item && item->ordinal == expected) {
      list.items.push_back(std::move(*item));
      list.end_line = i + 1;
      ++expected;
      continue;
    }
    bool indented = !lines[i].empty() && (lines[i][0] == ' ' || lines[i][0] == '\t');
    if (indented && !list.items.empty() && list.end_line == i) {
      list.items.back().text += ' ';
      list.items.back().text += trim(lines[i]);
      list.end_line = i + 1;
      continue;
    }
    break;
  }
  return list;
}

// Splits "A. B? C" into sentences at ". ", "? " or "! " followed by an
// upper-case letter, a digit or an opening bracket; keeps ? and ! in the text.
std::vector<std::string> split_sentences(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    char c = s[i];
    if ((c == '.' || c == '?' || c == '!') && s[i + 1] == ' ') {
      char next = s[i + 2];
      if (is_upper(next) || is_digit(next) || next == '(' || next == '[' || static_cast<unsigned char>(next) >= 0x80) {
        auto piece = trim(s.substr(start, (c == '.' ? i : i + 1) - start));
        if (!piece.empty()) out.emplace_back(piece);
        start = i + 2;
      }
    }
  }
  auto last = trim(s.substr(start));
  while (!last.empty() && last.back() == '.') last.remove_suffix(1);
  if (!last.empty()) out.emplace_back(last);
  return out;
}

std::vector<std::string> split_authors(std::string_view s) {
  std::vector<std::string> authors;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto piece = trim(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!piece.empty() && to_lower_ascii(piece) != "et al" && to_lower_ascii(piece) != "et al.") authors.emplace_back(piece);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return authors;
}

// "Yudkin PL", "Martinelli Boneschi F", "Garmany GP Jr", "O'Connor P".
bool looks_like_author(std::string_view a) {
  a = trim(a);
  auto space = a.rfind(' ');
  if (space == std::string_view::npos) return false;
  auto last = a.substr(space + 1);
  if (last == "Jr" || last == "Sr" || last == "II" || last == "III" || last == "2nd" || last == "3rd") {
    a = trim(a.substr(0, space));
    space = a.rfind(' ');
    if (space == std::string_view::npos) return false;
    last = a.substr(space + 1);
  }
  if (last.empty() || last.size() > 3) return false;
  for (char c : last)
    if (!is_upper(c)) return false;
  auto surname = trim(a.substr(0, space));
  return !surname.empty() && (is_upper(surname[0]) || static_cast<unsigned char>(surname[0]) >= 0x80);
}

bool is_group_author(std::string_view s) {
  for (std::string_view w : {"Group", "Investigators", "Committee", "Consortium", "Collaborators", "Collaboration"})
    if (s.size() >= w.size() && s.substr(s.size() - w.size()) == w) return true;
  return false;
}

}  // namespace

bool looks_like_author_list(std::string_view s) {
  auto authors = split_authors(s);
  if (authors.empty() || !looks_like_author(authors.front())) return false;
  std::size_t good = 0;
  for (auto& a : authors) good += looks_like_author(a);
  return good * 2 >= authors.size();
}

std::optional<FoundReferenceList> find_reference_list(const std::vector<std::string_view>& lines) {
  // A list under a heading wins; the last such heading is the bibliography.
  std::optional<FoundReferenceList> found;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_reference_heading(lines[i])) continue;
    std::size_t j = i + 1;
    while (j < lines.size() && trim(lines[j]).empty()) ++j;
    auto first = j < lines.size() ? numbered_line(lines[j]) : std::nullopt;
    if (!first || first->ordinal != 1) continue;
    auto list = collect_items(lines, j, 1);
    list.first_line = i;
    list.has_heading = true;
    found = std::move(list);
  }
  if (found) return found;

  // Otherwise the last run numbered from 1 with at least 3 items, most with a year.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto item = numbered_line(lines[i]);
    if (!item || item->ordinal != 1) continue;
    auto list = collect_items(lines, i, 1);
    std::size_t with_year = 0;
    for (auto& it : list.items) with_year += has_year(it.text);
    if (list.items.size() >= 3 && with_year * 10 >= list.items.size() * 6) found = std::move(list);
    if (found) i = found->end_line - 1;
  }
  return found;
}

Reference parse_citation(std::string_view text, int ordinal) {
  Reference ref;
  ref.ordinal = ordinal;
  auto s = trim(text);
  ref.raw = std::string(s);

  // The year: in Vancouver style the one followed by ";" ("Lancet 1991; 338:1051");
  // else the last four-digit number that is not a page or volume (after ":" or "-").
  std::size_t year_pos = std::string_view::npos;
  bool before_semicolon = false;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    int y;
    if (!year_at(s, i, &y)) continue;
    char before = i > 0 ? s[i - 1] : ' ';
    char after = i + 4 < s.size() ? s[i + 4] : '\0';
    if (before == ':' || before == '-' || before == '/') continue;
    if (!(after == '\0' || after == ';' || after == '.' || after == ',' || after == ':' || after == ')' || after == ' ')) continue;
    if (before_semicolon && after != ';') continue;
    year_pos = i;
    ref.year = y;
    before_semicolon = after == ';';
  }

  // Web style: "Title — Source".
  static constexpr std::string_view em_dash = " \xE2\x80\x94 ";
  static constexpr std::string_view en_dash = " \xE2\x80\x93 ";
  for (auto dash : {em_dash, en_dash}) {
    if (auto d = s.rfind(dash); d != std::string_view::npos) {
      ref.title = std::string(trim(s.substr(0, d)));
      ref.journal = std::string(trim(s.substr(d + dash.size())));
      return ref;
    }
  }

  std::string_view before = year_pos == std::string_view::npos ? s : trim(s.substr(0, year_pos));
  std::string_view after = year_pos == std::string_view::npos ? std::string_view{} : s.substr(year_pos + 4);
  auto sentences = split_sentences(before);

  // The journal is the last sentence before the year; a book chapter's
  // source runs from its "In:" sentence.
  if (year_pos != std::string_view::npos && sentences.size() >= 2) {
    std::size_t journal_from = sentences.size() - 1;
    for (std::size_t k = 1; k < sentences.size(); ++k)
      if (starts_with_ci(sentences[k], "In:")) {
        journal_from = k;
        break;
      }
    std::string journal;
    for (std::size_t k = journal_from; k < sentences.size(); ++k) {
      if (!journal.empty()) journal += ". ";
      journal += sentences[k];
    }
    ref.journal = journal;
    sentences.resize(journal_from);
  }

  // Authors, then the title; further sentences are group authors.
  std::size_t k = 0;
  if (!sentences.empty() && sentences.size() >= 2 && looks_like_author_list(sentences[0])) {
    ref.authors = split_authors(sentences[0]);
    k = 1;
  }
  // A study group named before the title is a group author ("The SPECTRIMS Study Group.").
  while (k + 1 < sentences.size() && is_group_author(sentences[k])) ref.authors.push_back(sentences[k++]);
  if (k < sentences.size()) ref.title = sentences[k++];
  for (; k < sentences.size(); ++k) ref.authors.push_back(sentences[k]);

  // "; 338:1051." -> volume 338, pages 1051.
  auto rest = trim(after);
  while (!rest.empty() && (rest.front() == ';' || rest.front() == '.' || rest.front() == ',')) rest = trim(rest.substr(1));
  if (auto semi = rest.find(';'); semi != std::string_view::npos && semi < 3) rest = trim(rest.substr(semi + 1));
  if (auto colon = rest.find(':'); colon != std::string_view::npos) {
    ref.volume = std::string(trim(rest.substr(0, colon)));
    auto pages = rest.substr(colon + 1);
    auto end = pages.find_first_of(";.,");
    ref.pages = std::string(trim(pages.substr(0, end)));
  } else if (starts_with_ci(rest, "p.")) {
    auto pages = rest.substr(2);
    ref.pages = std::string(trim(pages.substr(0, pages.find_first_of(";,"))));
    while (!ref.pages.empty() && ref.pages.back() == '.') ref.pages.pop_back();
  }
  return ref;
}

}  // namespace mslit
