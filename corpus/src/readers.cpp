#include "mslit/readers.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>

#include "input.hpp"
#include "mslit/error.hpp"
#include "reader_support.hpp"
#include "mslit/references.hpp"
#include "mslit/text.hpp"

namespace mslit {
namespace {

constexpr std::uintmax_t max_file_bytes = 1ULL << 30;  // 1 GiB

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ---------------------------------------------------------------------------
// Boilerplate: navigation, sign-up and legal lines of web pages.

// Phrases that mark a whole line as boilerplate wherever they appear.
constexpr std::string_view boilerplate_anywhere[] = {
    "by providing your email",       "protected by recaptcha",        "to continue reading this article",
    "official reprint from",         "not intended nor recommended as a substitute",
    "all updates must be accompanied", "share your name and email",   "get updates directly to your inbox",
    "you'll also get the latest articles", "thank you for subscribing", "subscribe now to",
    "cookie policy",                 "we use cookies",
};
// Phrases that mark a short line (a menu entry or button) as boilerplate.
constexpr std::string_view boilerplate_short[] = {
    "sign up", "log in", "login", "subscribe", "privacy policy", "terms of service", "terms of use", "see answer",
    "powered by", "connect with others who understand", "become a member", "newsletter", "subscribers log in",
    "click here", "read more", "share this", "advertisement", "skip to content",
};
// A line that starts with an address is a link, not prose.
constexpr std::string_view link_starts[] = {"www.", "http://", "https://"};
constexpr std::size_t short_line = 100;

bool is_boilerplate(std::string_view line) {
  auto s = trim(line);
  for (auto p : boilerplate_anywhere)
    if (contains_ci(s, p)) return true;
  if (s.size() <= short_line)
    for (auto p : boilerplate_short)
      if (contains_ci(s, p)) return true;
  for (auto p : link_starts)
    if (starts_with_ci(s, p)) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Bylines and dates.

// Labels after which a line gives one of the article's own dates.
constexpr std::string_view date_labels[] = {
    "last reviewed", "reviewed on", "updated on", "last updated", "updated:", "published on", "published:",
    "posted on", "current through", "last modified", "date:",
};

bool is_date_line(std::string_view line) {
  for (auto label : date_labels)
    if (contains_ci(line, label)) return true;
  return false;
}

// The latest year in a labelled date line ("Last reviewed: March 2024").
std::optional<int> year_in_date_line(std::string_view line) {
  std::optional<int> best;
  for (auto label : date_labels) {
    auto lower = to_lower_ascii(line);
    auto at = lower.find(label);
    if (at == std::string::npos) continue;
    // The date follows its label within a few words.
    auto window = line.substr(at, label.size() + 40);
    for (std::size_t i = 0; i + 4 <= window.size(); ++i) {
      int y;
      if (year_at(window, i, &y)) {
        if (!best || y > *best) best = y;
        break;
      }
    }
  }
  return best;
}

bool is_byline(std::string_view line) {
  auto s = trim(line);
  if (s.size() > 160) return false;
  for (std::string_view p : {"reviewed by", "written by", "section editor", "deputy editor", "editor-in-chief",
                             "medically reviewed", "fact checked", "fact-checked"})
    if (contains_ci(s, p)) return true;
  return starts_with_ci(s, "by ") && word_count(s) <= 8;
}

// "Written by Brooke Dulka, Ph.D." -> "Brooke Dulka".
std::optional<std::string> author_from_byline(std::string_view line) {
  auto s = trim(line);
  std::string_view rest;
  auto lower = to_lower_ascii(s);
  if (auto at = lower.find("written by "); at != std::string::npos) rest = s.substr(at + 11);
  else if (starts_with_ci(s, "by ")) rest = s.substr(3);
  else return std::nullopt;
  rest = rest.substr(0, rest.find_first_of(",|"));
  rest = trim(rest);
  if (rest.empty()) return std::nullopt;
  return std::string(rest);
}

// "Michael J Olek, DO": a name followed by a degree, as clinical articles list authors.
bool is_credentialed_name(std::string_view line) {
  auto s = trim(line);
  auto comma = s.find(", ");
  if (comma == std::string_view::npos || s.size() > 80 || word_count(s.substr(0, comma)) > 5) return false;
  auto degrees = s.substr(comma + 2);
  for (std::string_view d : {"MD", "DO", "PhD", "M.D.", "Ph.D.", "MBBS", "FRCP", "MPH", "PharmD", "RN", "MSc", "DPhil"})
    if (starts_with_ci(degrees, d)) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Titles.

bool is_title_candidate(std::string_view line) {
  auto s = trim(line);
  if (s.empty() || s.size() > 200 || word_count(s) < 3) return false;
  char last = s.back();
  return last != '.' && last != ':' && last != ',' && last != ';';
}

// ---------------------------------------------------------------------------
// Markdown.

struct FrontMatter {
  std::map<std::string, std::string> fields;  // flat "key: value" pairs; list items joined by "; "
  std::size_t end_line = 0;                   // first line after the closing "---"
};

std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\'')))
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

// YAML front matter between "---" lines, read as flat key: value pairs and
// lists of scalars, which is all that article front matter holds.
std::optional<FrontMatter> read_front_matter(const std::vector<std::string_view>& lines) {
  if (lines.empty() || trim(lines[0]) != "---") return std::nullopt;
  FrontMatter fm;
  std::string current;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto line = lines[i];
    if (trim(line) == "---" || trim(line) == "...") {
      fm.end_line = i + 1;
      return fm;
    }
    auto t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '-' && !current.empty()) {
      auto& v = fm.fields[current];
      if (!v.empty()) v += "; ";
      v += unquote(t.substr(1));
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos || line[0] == ' ') continue;
    current = to_lower_ascii(trim(line.substr(0, colon)));
    fm.fields[current] = unquote(line.substr(colon + 1));
  }
  return std::nullopt;  // no closing line: not front matter
}

// Markdown markup removed from one line: heading marks, emphasis, bullets, links.
std::string strip_markdown(std::string_view line) {
  auto s = trim(line);
  while (!s.empty() && s.front() == '#') s.remove_prefix(1);
  s = trim(s);
  if ((s.size() >= 2 && (s.substr(0, 2) == "- " || s.substr(0, 2) == "* " || s.substr(0, 2) == "+ "))) s.remove_prefix(2);
  if (!s.empty() && s.front() == '>') s = trim(s.substr(1));
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '*' || c == '`') continue;
    if (c == '_' && (i + 1 < s.size() && s[i + 1] == '_')) {
      ++i;
      continue;
    }
    if (c == ']' && i + 1 < s.size() && s[i + 1] == '(') {  // [text](url) -> text
      auto close = s.find(')', i + 2);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (c == '[') continue;
    out += c;
  }
  return out;
}

bool is_rule(std::string_view line) {
  auto s = trim(line);
  return s.size() >= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || c == '*' || c == '_'; });
}

// ---------------------------------------------------------------------------
// The page reader: web articles, reports, snippet pages, clinical articles.

std::size_t question_lines(const std::vector<std::string_view>& lines) {
  std::size_t n = 0;
  for (auto l : lines) {
    auto s = trim(l);
    if (!s.empty() && s.size() <= 150 && s.back() == '?' && word_count(s) >= 3) ++n;
  }
  return n;
}

Article read_page(std::string_view content, const std::string& source, std::string_view format) {
  Article a;
  a.source = source;
  a.format = std::string(format);

  // Search-snippet pages carry "#N#" where the page had line breaks.
  std::string text(content);
  for (std::size_t at; (at = text.find("#N#")) != std::string::npos;) text.replace(at, 3, "\n");
  auto lines = split_lines(text);

  std::size_t start = 0;
  if (format == "markdown") {
    if (auto fm = read_front_matter(lines)) {
      start = fm->end_line;
      if (auto t = fm->fields.find("title"); t != fm->fields.end()) a.title = t->second;
      for (std::string_view k : {"author", "authors"})
        if (auto f = fm->fields.find(std::string(k)); f != fm->fields.end() && !f->second.empty()) a.authors.push_back(f->second);
      for (std::string_view k : {"date", "updated", "last_updated", "last_reviewed", "published", "week_start", "week_end"}) {
        auto f = fm->fields.find(std::string(k));
        int y;
        if (f != fm->fields.end() && f->second.size() >= 4 && year_at(f->second, 0, &y) && (!a.year || y > *a.year)) {
          a.year = y;
          a.year_cue = std::string(k) + ": " + f->second;
        }
      }
    }
  }

  // The reference list comes out of the body first.
  std::vector<std::string_view> body_lines(lines.begin() + static_cast<std::ptrdiff_t>(start), lines.end());
  std::size_t list_begin = body_lines.size(), list_end = body_lines.size();
  if (auto list = find_reference_list(body_lines)) {
    list_begin = list->first_line;
    list_end = list->end_line;
    for (auto& item : list->items) a.references.push_back(parse_citation(item.text, item.ordinal));
  }

  std::string body;
  bool in_header = true;  // before the first paragraph of body text
  for (std::size_t i = 0; i < body_lines.size(); ++i) {
    if (i >= list_begin && i < list_end) continue;
    auto line = body_lines[i];
    auto s = trim(line);
    if (s.empty()) {
      if (!body.empty() && body.back() != '\n') body += '\n';
      continue;
    }
    if (format == "markdown" && is_rule(s)) continue;
    if (is_date_line(s) && s.size() <= 200) {
      a.header += std::string(s) + "\n";
      if (auto y = year_in_date_line(s); y && (!a.year || *y > *a.year)) {
        a.year = y;
        a.year_cue = std::string(s);
      }
      continue;
    }
    std::string clean = format == "markdown" ? strip_markdown(s) : std::string(s);
    if (clean.empty()) continue;
    if (is_boilerplate(clean)) {
      a.header += clean + "\n";  // publisher lines tell what the source is
      continue;
    }
    if (is_byline(s)) {
      a.header += std::string(s) + "\n";
      if (auto author = author_from_byline(s)) a.authors.push_back(*author);
      continue;
    }
    if (in_header && is_credentialed_name(s)) {
      // A name under an editorial role ("Section Editor") is an editor, not an author.
      a.header += std::string(s) + "\n";
      std::size_t j = i;
      while (j > 0 && trim(body_lines[j - 1]).empty()) --j;
      if (!(j > 0 && contains_ci(body_lines[j - 1], "editor"))) a.authors.emplace_back(trim(s.substr(0, s.find(", "))));
      continue;
    }
    if (a.title.empty() && (is_title_candidate(clean) || (format == "markdown" && s.front() == '#'))) {
      a.title = clean;
      continue;
    }
    if (clean == a.title) continue;  // a heading repeating the title (front matter's or the page's)
    if (a.title.empty() && format == "text" && word_count(clean) < 3) {
      a.header += clean + "\n";  // menu entries above the title
      continue;
    }
    if (s.size() > 120) in_header = false;
    body += strip_citation_markers(clean);
    body += '\n';
  }
  while (!body.empty() && body.back() == '\n') body.pop_back();
  a.body = std::move(body);
  if (a.title.empty()) a.title = std::filesystem::path(source).stem().string();
  return a;
}

}  // namespace

const std::vector<FormatInfo>& reader_formats() {
  static const std::vector<FormatInfo> formats = {
      {"pubmed-xml", "MEDLINE/PubMed XML (PubmedArticleSet or MedlineCitationSet), as exported or in the baseline"},
      {"jats", "PMC / JATS XML full-text article with its reference list"},
      {"medline", "PubMed MEDLINE text export (.nbib / .txt: PMID- , TI  - , ...)"},
      {"ris", "RIS export of a database or reference manager (TY  - ... ER  - )"},
      {"jsonl", "JSON Lines: BEIR corpus layout (_id, title, text) or mslit's own layout"},
      {"text", "plain-text web or clinical reference article, with a numbered reference list"},
      {"markdown", "Markdown report, optionally with YAML front matter"},
      {"snippets", "a page of search snippets and questions with answers"},
  };
  return formats;
}

bool is_known_format(std::string_view name) {
  const auto& f = reader_formats();
  return std::any_of(f.begin(), f.end(), [&](const FormatInfo& i) { return i.name == name; });
}

namespace {

// The name of the first element of an XML document (after the prolog,
// comments and DOCTYPE); empty when there is none in `head`.
std::string first_element(std::string_view head) {
  std::size_t i = 0;
  while (i < head.size()) {
    i = head.find('<', i);
    if (i == std::string_view::npos || i + 1 >= head.size()) return {};
    char c = head[i + 1];
    if (c == '?' || c == '!') {  // declaration, processing instruction, comment, DOCTYPE
      auto close = c == '!' && head.substr(i, 4) == "<!--" ? head.find("-->", i) : head.find('>', i);
      if (close == std::string_view::npos) return {};
      i = close + 1;
      continue;
    }
    auto end = head.find_first_of(" \t\r\n/>", i + 1);
    return std::string(head.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
  }
  return {};
}

// The first non-blank line of `head`.
std::string_view first_line(std::string_view head) {
  for (auto line : split_lines(head))
    if (!trim(line).empty()) return line;
  return {};
}

bool is_tag_line(std::string_view line, std::string_view tag) {
  // "PMID- 123", "TY  - JOUR": a tag padded to four characters, then "- ".
  return line.size() >= 5 && line.substr(0, tag.size()) == tag && line.substr(4, 1) == "-" &&
         line.substr(tag.size(), 4 - tag.size()).find_first_not_of(' ') == std::string_view::npos;
}

}  // namespace

std::string detect_format(const std::filesystem::path& path, std::string_view content) {
  auto name = path.filename().string();
  auto lower = to_lower_ascii(name);
  if (lower.size() > 3 && lower.substr(lower.size() - 3) == ".gz") lower.resize(lower.size() - 3);
  auto ext = to_lower_ascii(std::filesystem::path(lower).extension().string());

  std::string_view head = content;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);  // byte order mark
  auto start = head.find_first_not_of(" \t\r\n");
  auto body = start == std::string_view::npos ? std::string_view{} : head.substr(start);

  if (!body.empty() && body.front() == '<') {
    auto root = first_element(body);
    if (root == "PubmedArticleSet" || root == "MedlineCitationSet" || root == "PubmedArticle" ||
        root == "MedlineCitation")
      return "pubmed-xml";
    if (root == "article" || root == "pmc-articleset") return "jats";
    auto lower_root = to_lower_ascii(root);
    if (lower_root == "html" || lower_root == "!doctype") return "text";
    if (ext == ".xml" || ext == ".nxml" || body.substr(0, 5) == "<?xml")
      throw InputError(path.string(), 0,
                       "XML with root element <" + root +
                           ">, which no reader reads (known: PubmedArticleSet, MedlineCitationSet, JATS <article>)");
  }
  auto line = first_line(head);
  if (is_tag_line(line, "PMID")) return "medline";
  if (is_tag_line(line, "TY")) return "ris";
  if (!body.empty() && body.front() == '{') return "jsonl";
  if (ext == ".nbib") return "medline";
  if (ext == ".ris") return "ris";
  if (ext == ".jsonl" || ext == ".ndjson") return "jsonl";
  if (ext == ".md" || ext == ".markdown" || head.substr(0, 4) == "---\n" || head.substr(0, 5) == "---\r\n")
    return "markdown";
  auto lines = split_lines(head);
  std::size_t nonempty = std::count_if(lines.begin(), lines.end(), [](auto l) { return !trim(l).empty(); });
  std::size_t questions = question_lines(lines);
  if (questions >= 4 && questions * 10 >= nonempty && !find_reference_list(lines)) return "snippets";
  return "text";
}

std::string file_key(const std::filesystem::path& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return hex_digits(fnv1a64((ec ? path : canonical).generic_string()), 12);
}

std::string strip_citation_markers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto marker_end = [&](std::size_t i) -> std::size_t {
    // Digit groups of 1-3 separated by "," or "-" (or an en dash), ending at a space or the end.
    std::size_t j = i;
    for (;;) {
      std::size_t d = j;
      while (j < text.size() && is_digit(text[j]) && j - d < 4) ++j;
      if (j == d || j - d > 3) return std::string_view::npos;
      if (j < text.size() && (text[j] == ',' || text[j] == '-') && j + 1 < text.size() && is_digit(text[j + 1])) {
        ++j;
        continue;
      }
      if (text.substr(j, 3) == "\xE2\x80\x93" && j + 3 < text.size() && is_digit(text[j + 3])) {
        j += 3;
        continue;
      }
      break;
    }
    bool ends = j == text.size() || text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '"' ||
                static_cast<unsigned char>(text[j]) == 0xE2;  // closing smart quote
    return ends ? j : std::string_view::npos;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // "working.1" / "replicate).2,3": punctuation after a word, then the numbers.
    if (is_digit(c) && i >= 2 && (text[i - 1] == '.' || text[i - 1] == ',' || text[i - 1] == ')') &&
        (is_alpha(text[i - 2]) || text[i - 2] == ')' || text[i - 2] == '%')) {
      if (auto e = marker_end(i); e != std::string_view::npos) {
        i = e - 1;
        continue;
      }
    }
    // "[ 18]", "[1,2]", "[3-5]".
    if (c == '[') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] == ' ') ++j;
      std::size_t k = j;
      while (k < text.size() && (is_digit(text[k]) || text[k] == ',' || text[k] == '-' || text[k] == ' ')) ++k;
      if (k > j && k < text.size() && text[k] == ']' && k - j <= 20) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        i = k;
        continue;
      }
    }
    // Superscript digits (¹ ² ³ and U+2070-2079) glued to a word.
    auto u = static_cast<unsigned char>(c);
    if ((u == 0xC2 && i + 1 < text.size() &&
         (static_cast<unsigned char>(text[i + 1]) == 0xB9 || static_cast<unsigned char>(text[i + 1]) == 0xB2 ||
          static_cast<unsigned char>(text[i + 1]) == 0xB3)) ) {
      ++i;
      continue;
    }
    if (u == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x81 &&
        static_cast<unsigned char>(text[i + 2]) >= 0xB0 && static_cast<unsigned char>(text[i + 2]) <= 0xB9) {
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

namespace {

void read_pages(InputStream& in, ReadContext& cx, std::string_view format) {
  auto content = in.read_all();
  if (content.find('\0') != std::string::npos) throw InputError(cx.source(), 0, "binary file (contains NUL bytes), not text");
  if (auto w = in.utf8_warning(); !w.empty()) cx.warn(0, w);
  cx.emit(read_page(content, cx.source(), format), 0, 1);
}

void read_stream(InputStream& in, ReadContext& cx, std::string_view format) {
  if (format == "pubmed-xml") read_pubmed_xml(in, cx);
  else if (format == "jats") read_jats(in, cx);
  else if (format == "medline") read_medline_text(in, cx);
  else if (format == "ris") read_ris(in, cx);
  else if (format == "jsonl") read_jsonl(in, cx);
  else read_pages(in, cx, format);
}

}  // namespace

ReadReport read_file(const std::filesystem::path& path, const std::string& source, std::string_view format,
                     const ArticleSink& sink, const MessageSink& messages, const ReadProgress& progress) {
  if (!format.empty() && !is_known_format(format)) throw UsageError("unknown format '" + std::string(format) + "'");
  InputStream in(path, source);
  ReadReport report;
  report.compressed = in.compressed();
  report.key = file_key(path);
  // Named by `source` in messages, as the user gave it; its extension is the file's.
  report.format = format.empty() ? detect_format(source.empty() ? path : std::filesystem::path(source), in.head())
                                 : std::string(format);
  ReadContext cx(source, report.key, report.format, sink, messages, report);
  cx.track(&in, &progress);
  read_stream(in, cx, report.format);
  cx.finish();
  return report;
}

ReadResult read_file(const std::filesystem::path& path, const std::string& source, std::string_view format) {
  ReadResult result;
  auto report = read_file(
      path, source, format, [&](Article&& a) { result.articles.push_back(std::move(a)); },
      [&](const std::string& m) { result.warnings.push_back(m); });
  result.format = report.format;
  result.key = report.key;
  result.error = report.error;
  return result;
}

ReadResult read_text(std::string_view content, const std::string& source, const std::string& key, std::string_view format) {
  if (!is_known_format(format)) throw UsageError("unknown format '" + std::string(format) + "'");
  ReadResult result;
  result.format = std::string(format);
  result.key = key;
  ReadReport report;
  ArticleSink sink = [&](Article&& a) { result.articles.push_back(std::move(a)); };
  MessageSink messages = [&](const std::string& m) { result.warnings.push_back(m); };
  InputStream in(std::string(content), source);
  ReadContext cx(source, key, result.format, sink, messages, report);
  read_stream(in, cx, format);
  cx.finish();
  result.error = report.error;
  return result;
}

}  // namespace mslit
