#include "mslit/analysis.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "mslit/error.hpp"
#include "mslit/text.hpp"

namespace mslit {
namespace {

// Terms longer than this are not indexed (Xapian's limit is 245 bytes; a
// "word" this long is a URL fragment, a sequence or garbage).
constexpr std::size_t max_term_bytes = 64;

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Possessive 's goes; dots inside an acronym go ("U.S" -> "us", "M.D" ->
// "md", as Xapian's QueryParser reads acronyms), dots in numbers stay ("7.5").
void finish_term(std::string& term) {
  if (term.size() > 2 && term[term.size() - 2] == '\'' && term.back() == 's') term.resize(term.size() - 2);
  while (!term.empty() && term.back() == '\'') term.pop_back();
  if (term.find('.') != std::string::npos &&
      std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; }))
    std::erase(term, '.');
}

// Greek small letters (after case folding) spelled out, so that "β" meets "beta".
const char* greek_name(UChar32 c) {
  static constexpr std::array<const char*, 25> names = {
      "alpha", "beta",  "gamma", "delta", "epsilon", "zeta",    "eta", "theta", "iota",
      "kappa", "lambda", "mu",   "nu",    "xi",      "omicron", "pi",  "rho",   "sigma",  // final sigma
      "sigma", "tau",   "upsilon", "phi", "chi",     "psi",     "omega"};
  if (c >= 0x03B1 && c <= 0x03C9) return names[c - 0x03B1];
  return nullptr;
}

// Letters that do not decompose into base + accent but are folded by users all the same.
const char* special_fold(UChar32 c) {
  switch (c) {
    case 0x00F8: return "o";   // ø
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x0142: return "l";   // ł
    case 0x0111: return "d";   // đ
    case 0x0131: return "i";   // dotless i
    case 0x00FE: return "th";  // þ
    case 0x00F0: return "d";   // ð
    case 0x2019: case 0x2018: case 0x02BC: return "'";
    default: return nullptr;
  }
}

bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

}  // namespace

struct Analyzer::Impl {
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  std::unique_ptr<icu::BreakIterator> words;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    nfd = icu::Normalizer2::getNFDInstance(status);
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !words) throw Error(std::string("ICU initialisation failed: ") + u_errorName(status));
  }

  std::string fold(std::string_view word) const {
    std::string out;
    if (is_ascii(word)) {
      out.reserve(word.size());
      for (char c : word) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      finish_term(out);
      return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    in.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x00B5)), icu::UnicodeString("u"));  // micro sign: "µg" -> "ug"
    icu::UnicodeString folded = nfkc_cf->normalize(in, status);
    icu::UnicodeString decomposed = nfd->normalize(folded, status);
    if (U_FAILURE(status)) return out;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 c = decomposed.char32At(i);
      i += U16_LENGTH(c);
      if (u_charType(c) == U_NON_SPACING_MARK) continue;  // accents
      if (const char* s = special_fold(c)) {
        out += s;
      } else if (const char* g = greek_name(c)) {
        out += g;
      } else {
        icu::UnicodeString one(c);
        one.toUTF8String(out);
      }
    }
    finish_term(out);
    return out;
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::fold(std::string_view word) const { return impl_->fold(word); }

namespace {

// A word segment found by ICU, before compounds are formed.
struct Segment {
  std::size_t begin, end;
  std::string term;
};

// Runs ICU's word break iterator over UTF-8 text in place (no UTF-16 copy);
// boundaries come back as byte offsets. Calls f(begin, end, is_word).
template <class F>
void for_each_segment(icu::BreakIterator& it, std::string_view text, F&& f) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU could not read text: ") + u_errorName(status));
  it.setText(ut, status);
  int32_t begin = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; begin = end, end = it.next()) {
    int32_t rule = it.getRuleStatus();
    f(static_cast<std::size_t>(begin), static_cast<std::size_t>(end), !(rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT));
  }
  utext_close(ut);
}

// The code point starting at byte i of valid UTF-8.
UChar32 code_point_at(std::string_view s, std::size_t i, std::size_t* length) {
  UChar32 c;
  int32_t j = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), j, static_cast<int32_t>(s.size()), c);
  *length = static_cast<std::size_t>(j) - i;
  return c;
}

}  // namespace

std::vector<Token> Analyzer::analyze(std::string_view text) const {
  std::vector<Token> tokens;
  std::vector<Segment> group;  // the parts of the current hyphenated compound
  unsigned position = 0;

  auto flush = [&] {
    if (group.empty()) return;
    unsigned first = position;
    std::string joined;
    for (auto& part : group) {
      joined += part.term;
      tokens.push_back(Token{std::move(part.term), part.begin, part.end, position++, false});
    }
    if (group.size() > 1 && joined.size() <= max_term_bytes)
      tokens.push_back(Token{std::move(joined), group.front().begin, group.back().end, first, true});
    group.clear();
  };

  std::size_t last_word_end = std::string_view::npos;
  bool hyphen_between = false;  // exactly one hyphen since the last word
  for_each_segment(*impl_->words, text, [&](std::size_t b, std::size_t e, bool is_word) {
    if (!is_word) {
      std::size_t len = 0;
      bool single_hyphen = b == last_word_end && is_hyphen(code_point_at(text, b, &len)) && b + len == e;
      if (!single_hyphen || hyphen_between) {
        flush();
        hyphen_between = false;
        last_word_end = std::string_view::npos;
      } else {
        hyphen_between = true;
      }
      return;
    }
    std::string term = impl_->fold(text.substr(b, e - b));
    if (term.empty() || term.size() > max_term_bytes) {
      flush();
      hyphen_between = false;
      last_word_end = std::string_view::npos;
      return;
    }
    if (!(hyphen_between && !group.empty())) flush();
    hyphen_between = false;
    group.push_back(Segment{b, e, std::move(term)});
    last_word_end = e;
  });
  flush();
  return tokens;
}

std::string Analyzer::normalize_query(std::string_view query) const {
  struct Piece {
    std::size_t begin, end;
    bool is_word;
  };
  std::vector<Piece> pieces;
  for_each_segment(*impl_->words, query, [&](std::size_t b, std::size_t e, bool w) { pieces.push_back({b, e, w}); });

  // An upper-case operator is an operator only between words (NOT: before one);
  // "AND" alone, or at either end, is the word "and".
  static constexpr std::array<std::string_view, 6> operators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  std::size_t first_word = pieces.size(), last_word = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i)
    if (pieces[i].is_word) {
      first_word = std::min(first_word, i);
      last_word = i;
    }
  auto is_operator = [&](std::size_t i) {
    auto text = query.substr(pieces[i].begin, pieces[i].end - pieces[i].begin);
    if (std::find(operators.begin(), operators.end(), text) == operators.end()) return false;
    return i < last_word && (i > first_word || text == "NOT");
  };

  std::string out;
  out.reserve(query.size());
  bool exact = false;  // "=word": the word as written, not its stem (a one-word phrase)
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    auto [b, e, is_word] = pieces[i];
    std::string_view piece = query.substr(b, e - b);
    if (is_word) {
      if (is_operator(i)) {
        out += piece;
      } else if (exact) {
        out.back() = '"';
        out += impl_->fold(piece) + '"';
      } else {
        out += impl_->fold(piece);
      }
      exact = false;
      continue;
    }
    exact = piece == "=" && (b == 0 || query[b - 1] == ' ' || query[b - 1] == '(');
    std::size_t len = 0;
    for (std::size_t k = 0; k < piece.size(); k += len) {
      UChar32 c = code_point_at(piece, k, &len);
      if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB) out += '"';
      else if (is_hyphen(c)) out += '-';
      else if (c == 0x00AE || c == 0x2122) out += ' ';  // ® ™
      else out.append(piece.substr(k, len));
    }
  }
  return out;
}

std::string Analyzer::normalize_query(std::string_view query, const std::vector<std::string>& verbatim_fields) const {
  // Each verbatim field:value is swapped for a placeholder word that the
  // analysis leaves alone, then put back: operators around it keep working.
  std::vector<std::string> kept;
  std::string masked;
  std::size_t i = 0;
  while (i < query.size()) {
    bool at_start = i == 0 || query[i - 1] == ' ' || query[i - 1] == '(' || query[i - 1] == '+' || query[i - 1] == '-';
    std::string_view field;
    if (at_start)
      for (auto& f : verbatim_fields)
        if (query.size() > i + f.size() + 1 && query[i + f.size()] == ':' &&
            to_lower_ascii(query.substr(i, f.size())) == f && query[i + f.size() + 1] != ' ')
          field = f;
    if (field.empty()) {
      masked += query[i++];
      continue;
    }
    auto value_begin = i + field.size() + 1;
    auto end = query.find_first_of(" \t", value_begin);
    if (end == std::string_view::npos) end = query.size();
    // A closing parenthesis that closes the query's group, not the value's own "(84)".
    int depth = 0;
    for (auto k = value_begin; k < end; ++k) {
      if (query[k] == '(') ++depth;
      else if (query[k] == ')' && --depth < 0) {
        end = k;
        break;
      }
    }
    kept.push_back(std::string(field) + ":" + to_lower_ascii(query.substr(value_begin, end - value_begin)));
    masked += "zzverbatim" + std::to_string(kept.size() - 1) + "zz";
    i = end;
  }
  auto out = normalize_query(masked);
  for (std::size_t k = kept.size(); k-- > 0;) {
    auto placeholder = "zzverbatim" + std::to_string(k) + "zz";
    if (auto at = out.find(placeholder); at != std::string::npos) out.replace(at, placeholder.size(), kept[k]);
  }
  return out;
}

}  // namespace mslit
