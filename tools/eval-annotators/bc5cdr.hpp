// Drug mention precision against the chemical spans of BC5CDR (IOB tokens).
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "mslit/analysis.hpp"
#include "mslit/annotators.hpp"

namespace mslit::eval {

/// One sentence of an IOB file: its text (tokens joined by spaces) and the
/// byte spans of its gold chemical mentions in that text.
struct IobSentence {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> chemicals;  ///< [begin, end) byte spans
};

/// Reads "token TAB tag" lines (B-Chemical, I-Chemical, O); a blank line ends a
/// sentence. Throws InputError on a line without a tag.
std::vector<IobSentence> read_iob(const std::filesystem::path& path);

/// The outcome of one BC5CDR evaluation.
struct Bc5cdrResult {
  std::size_t sentences = 0;
  std::size_t gold_spans = 0;
  std::size_t mentions = 0;          ///< drug mentions found
  std::size_t inside = 0;            ///< of which inside a gold chemical span
  std::size_t fuzzy_mentions = 0;    ///< found by the one-edit misspelling rule
  std::size_t fuzzy_inside = 0;
  std::size_t lexicon_gold = 0;      ///< gold spans whose whole text is a lexicon name
  std::size_t lexicon_gold_found = 0;///< of which a mention covers exactly that span
  double precision() const { return mentions ? double(inside) / double(mentions) : 0.0; }
};

struct Bc5cdrOptions {
  std::size_t top = 25;  ///< false positives (and misses) to list
};

/// Runs the lexicon over every sentence and prints counts, precision, a
/// per-class table, the top false positives and the top missed lexicon names.
Bc5cdrResult evaluate_bc5cdr(const std::vector<IobSentence>& sentences, const DrugLexicon& lexicon,
                             const Analyzer& analyzer, const Bc5cdrOptions& options, std::ostream& out);

}  // namespace mslit::eval
