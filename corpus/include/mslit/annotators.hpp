// Annotators: what the facets are made of. Drugs are found by matching the
// analysed text against a lexicon of drug names (brand, generic, code names,
// spelling variants) and reported by canonical generic name; the evidence type
// comes from ordered, explainable rules over title, text and source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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
  bool misspelling = false;  ///< matched by the one-edit misspelling rule, not by a listed name
};

/// Drug names, matched on analysed words, longest match first, with a
/// one-edit misspelling rule for long names (see corpus/data/README.md).
class DrugLexicon {
 public:
  /// Whether a word or name that is not listed may match a listed name one
  /// edit away (Damerau-Levenshtein: one letter inserted, deleted, replaced,
  /// or two neighbours swapped).
  enum class Match { exact, allow_misspelling };
  /// The misspelling rule applies only to names and words of at least this
  /// many bytes (after folding) without digits: a shorter word one edit from a
  /// drug name is too often another word ("Concerta"/"concerts" is the limit
  /// case), and one character changes one code name into another (BAF312/BAF313).
  static constexpr std::size_t min_misspelling_length = 8;

  /// Parses the TSV format of corpus/data/drug_lexicon.tsv ("canonical TAB
  /// class TAB name|name|..."; a name written "=NAME" matches only as listed,
  /// never as the target of a misspelling). Throws InputError naming `origin` and the line
  /// when a name belongs to two drugs or is a single generic word.
  static DrugLexicon parse(std::string_view tsv, std::string_view origin, const Analyzer& analyzer);
  /// The lexicon shipped with mslit (compiled in from MSLIT_DRUG_LEXICON,
  /// corpus/data/drug_lexicon_full.tsv by default).
  static const DrugLexicon& builtin();

  /// Generic words (folded): substances and class words that are never a drug
  /// name on their own ("water", "iron", "sodium", "vitamin", "statins"), so
  /// they cannot flood the facet. They may be part of a longer name
  /// ("iron sucrose", "vitamin D"), and no misspelling rule turns them into a drug.
  static bool is_generic_word(std::string_view folded_word);

  /// The mentions in a text, given its tokens from Analyzer::analyze(text).
  std::vector<DrugMention> find(const std::vector<Token>& tokens, Match match = Match::allow_misspelling) const;
  /// The drug with this name (any of its names, any case, or by default a
  /// long name one edit from exactly one drug's name); nullptr when unknown.
  const DrugEntry* lookup(std::string_view name, const Analyzer& analyzer,
                          Match match = Match::allow_misspelling) const;
  const std::vector<DrugEntry>& entries() const { return entries_; }
  /// The number of distinct match keys (analysed names, plus joined forms).
  std::size_t key_count() const { return by_key_.size(); }

 private:
  void add_key(const std::vector<Token>& tokens, std::size_t entry, std::string_view origin, std::size_t line);
  void build_misspelling_index();
  /// The entry of the only drug with a key one edit from `word`, or npos.
  std::size_t misspelled(std::string_view word) const;

  std::vector<DrugEntry> entries_;
  std::unordered_map<std::string, std::size_t> by_key_;  // folded words joined by ' ' -> entry
  // First word of a key -> the most words of any key starting with it, so most
  // text words cost one hash lookup.
  std::unordered_map<std::string, std::size_t> first_words_;
  std::size_t max_words_ = 1;
  // Misspelling index: hashes of every eligible key and of each of its
  // one-byte deletions -> the key (index into misspelling_keys_). Two strings
  // one edit apart share one of these; candidates are then checked exactly.
  std::unordered_set<std::string> exact_only_;  // keys listed as "=NAME": no misspelling leads to them
  std::vector<std::pair<std::string, std::size_t>> misspelling_keys_;  // key, entry
  std::unordered_multimap<std::uint64_t, std::uint32_t> deletions_;
  std::vector<std::uint64_t> deletion_filter_;  // bit set over hash bits, to skip most lookups
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
