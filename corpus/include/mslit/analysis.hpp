// The one text analysis used for every indexed field and every query, built on
// ICU: word segmentation with ICU's word break rules, then normalisation for
// matching (NFKC, case folding, accent folding, Greek letters spelled out).
// The decisions for biomedical forms are documented in ARCHITECTURE.md and
// pinned by tests/unit/analysis_test.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mslit {

/// One indexable word of a text.
struct Token {
  std::string term;       ///< normalised form: "interferon", "beta", "1a"
  std::size_t begin = 0;  ///< byte offset of the word in the analysed text
  std::size_t end = 0;    ///< byte offset one past the word
  unsigned position = 0;  ///< word position, from 0; a compound shares its first part's
  bool compound = false;  ///< the joined form of a hyphenated compound ("beta1a"), indexed as well
};

/// Segments and normalises text. Holds ICU iterators, so one Analyzer is used
/// by one thread at a time; make one per thread.
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  /// The words of a UTF-8 text, with byte offsets and positions. Punctuation,
  /// symbols (®, ™) and spaces separate words and are not indexed. Parts of a
  /// hyphenated compound ("anti-CD20") are indexed at successive positions and
  /// their joined form ("anticd20") at the first part's position.
  std::vector<Token> analyze(std::string_view text) const;

  /// The matching form of one word: NFKC + case fold + accents removed + Greek
  /// letters spelled ("Sørensen" -> "sorensen", "β" -> "beta"), possessive 's
  /// dropped, dots dropped from acronyms ("U.S" -> "us") but not from numbers.
  std::string fold(std::string_view word) const;

  /// A query string rewritten so that Xapian's QueryParser produces the same
  /// words as analyze(): every word folded, except upper-case operators
  /// (AND, OR, NOT, XOR, NEAR, ADJ); smart quotes and hyphen variants made ASCII;
  /// "=word" (the exact form, not its stem) becomes the one-word phrase "word".
  std::string normalize_query(std::string_view query) const;
  /// As above, but `field:value` for each of `verbatim_fields` (identifier
  /// fields such as doi: and pmid:) passes through unanalysed, the value
  /// lower-cased, so "doi:10.1016/J.X(99)1" stays one term.
  std::string normalize_query(std::string_view query, const std::vector<std::string>& verbatim_fields) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mslit
