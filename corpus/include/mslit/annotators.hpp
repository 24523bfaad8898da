// Annotators: what the facets are made of. Drugs are found by matching the
// analysed text against a lexicon of drug names (brand, generic, code names,
// spelling variants) and reported by canonical generic name; the evidence type
// comes from ordered, explainable rules over title, text and source.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mslit/analysis.hpp"
#include "mslit/model.hpp"

namespace mslit {

/// One drug of the lexicon.
struct DrugEntry {
  std::string name;                ///< canonical lower-case generic name
  std::string drug_class;          ///< e.g. "anti-CD20 antibody"
  std::vector<std::string> names;  ///< every other name it is known by
};

/// One mention of a drug in a text.
struct DrugMention {
  std::size_t begin = 0;  ///< byte offsets in the text
  std::size_t end = 0;
  const DrugEntry* drug = nullptr;
};

/// Drug names, matched on analysed words, longest match first.
class DrugLexicon {
 public:
  /// Parses the TSV format of corpus/data/drug_lexicon.tsv ("canonical TAB
  /// class TAB name|name|..."). Throws InputError naming `origin` and the line.
  static DrugLexicon parse(std::string_view tsv, std::string_view origin, const Analyzer& analyzer);
  /// The lexicon shipped with mslit (compiled in from corpus/data/drug_lexicon.tsv).
  static const DrugLexicon& builtin();

  /// The mentions in a text, given its tokens from Analyzer::analyze(text).
  std::vector<DrugMention> find(const std::vector<Token>& tokens) const;
  /// The drug with this name (any of its names, any case); nullptr when unknown.
  const DrugEntry* lookup(std::string_view name, const Analyzer& analyzer) const;
  const std::vector<DrugEntry>& entries() const { return entries_; }

 private:
  void add_key(const std::vector<Token>& tokens, std::size_t entry, std::string_view origin, std::size_t line);
  std::vector<DrugEntry> entries_;
  std::unordered_map<std::string, std::size_t> by_key_;  // folded words joined by ' ' -> entry
  std::size_t max_words_ = 1;
};

/// What the evidence classifier looks at.
struct EvidenceInput {
  Kind kind = Kind::article;
  std::string_view format;   ///< reader name
  std::string_view title;
  std::string_view journal;
  std::string_view text;     ///< body text or citation
  std::string_view header;   ///< bylines, dates, publisher lines (Article::header)
};

/// The evidence type and the cue that decided it ("title: randomized").
struct EvidenceDecision {
  Evidence type = Evidence::other;
  std::string cue;
};
EvidenceDecision classify_evidence(const EvidenceInput& input);

/// What the classifier sees of an article: its title, journal, header and
/// abstract (its body when it has no abstract). The views point into `article`.
EvidenceInput evidence_input(const Article& article);

/// The evidence type a record's own publication types give (MEDLINE
/// PublicationType, JATS article-type, RIS TY/M3), with the type that decided
/// it; nullopt when none says more than "Journal Article".
std::optional<EvidenceDecision> evidence_from_publication_types(const std::vector<std::string>& types);

/// Fills the annotations (drugs, evidence) of an article and of each of its
/// references. Drugs come from the text and the record's substance list;
/// publication types decide the evidence type when they say something
/// specific, the text classifier otherwise.
void annotate(Article& article, const Analyzer& analyzer, const DrugLexicon& lexicon = DrugLexicon::builtin());

}  // namespace mslit
