// Drug recall against MEDLINE chemical lists: the substances NLM indexers
// listed for a record, restricted to drugs the lexicon knows, against the
// drugs the annotator finds in the record's title and abstract alone.
#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

#include "figures.hpp"
#include "mslit/analysis.hpp"
#include "mslit/annotators.hpp"

namespace mslit::eval {

struct ChemicalRecall {
  std::size_t records = 0;           ///< records read
  std::size_t records_with_gold = 0; ///< records whose chemical list names a lexicon drug
  Counts counts;                     ///< tp: listed and found; fn: listed, not found; fp: found, not listed
  double recall() const { return counts.recall().value_or(0); }
};

/// Reads every MEDLINE XML / MEDLINE text file under `paths`, and prints the
/// per-drug table and the misses.
ChemicalRecall evaluate_medline_chemicals(const std::vector<std::filesystem::path>& paths, const DrugLexicon& lexicon,
                                          const Analyzer& analyzer, std::size_t top, std::ostream& out);

}  // namespace mslit::eval
