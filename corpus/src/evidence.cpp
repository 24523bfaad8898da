#include <algorithm>
#include <set>

#include "mslit/annotators.hpp"
#include "mslit/text.hpp"

namespace mslit {
namespace {

struct Rule {
  Evidence type;
  std::string_view phrase;
};

// Study-design phrases, strongest design first: the first rule whose phrase
// occurs decides. Matched case-insensitively as plain substrings.
constexpr Rule design_rules[] = {
    {Evidence::guideline, "guideline"},
    {Evidence::guideline, "practice parameter"},
    {Evidence::guideline, "consensus statement"},
    {Evidence::guideline, "recommendations for"},
    {Evidence::guideline, "evidence report"},
    {Evidence::guideline, "report of the therapeutics and technology assessment"},
    {Evidence::systematic_review, "systematic review"},
    {Evidence::systematic_review, "meta-analysis"},
    {Evidence::systematic_review, "meta-analyses"},
    {Evidence::systematic_review, "meta analysis"},
    {Evidence::systematic_review, "metaanalysis"},
    {Evidence::systematic_review, "cochrane review"},
    // A review of trials is a review, whatever trials it reviews.
    {Evidence::review, "review of"},
    {Evidence::review, "overview of"},
    {Evidence::review, "brief review"},
    {Evidence::rct, "randomized"},
    {Evidence::rct, "randomised"},
    {Evidence::rct, "randomly assigned"},
    {Evidence::rct, "placebo-controlled"},
    {Evidence::rct, "placebo controlled"},
    {Evidence::rct, "double-blind controlled"},
    {Evidence::rct, "double-blind, controlled"},
    {Evidence::clinical_trial, "phase i"},
    {Evidence::clinical_trial, "phase ii"},
    {Evidence::clinical_trial, "phase iii"},
    {Evidence::clinical_trial, "phase iv"},
    {Evidence::clinical_trial, "phase i/ii"},
    {Evidence::clinical_trial, "phase 1"},
    {Evidence::clinical_trial, "phase 2"},
    {Evidence::clinical_trial, "phase 2a"},
    {Evidence::clinical_trial, "phase 3"},
    {Evidence::clinical_trial, "phase 4"},
    {Evidence::clinical_trial, "open-label"},
    {Evidence::clinical_trial, "open label"},
    {Evidence::clinical_trial, "single-arm"},
    {Evidence::clinical_trial, "pilot study"},
    {Evidence::clinical_trial, "controlled trial"},
    {Evidence::clinical_trial, "clinical trial"},
    {Evidence::clinical_trial, "controlled study"},
    {Evidence::clinical_trial, "trial"},
    {Evidence::observational, "cohort"},
    {Evidence::observational, "retrospective"},
    {Evidence::observational, "registry"},
    {Evidence::observational, "case-control"},
    {Evidence::observational, "case control"},
    {Evidence::observational, "cross-sectional"},
    {Evidence::observational, "observational"},
    {Evidence::observational, "population-based"},
    {Evidence::observational, "real-world"},
    {Evidence::observational, "experience"},
    {Evidence::observational, "long-term results"},
    {Evidence::observational, "follow-up study"},
    {Evidence::case_report, "case report"},
    {Evidence::case_report, "case series"},
    {Evidence::case_report, "a case of"},
    {Evidence::case_report, "cases of"},
    {Evidence::case_report, "new cases"},
    {Evidence::case_report, "a patient with"},
    {Evidence::preclinical, "experimental autoimmune encephalomyelitis"},
    {Evidence::preclinical, "in vitro"},
    {Evidence::preclinical, "in mice"},
    {Evidence::preclinical, "mouse model"},
    {Evidence::preclinical, "murine"},
    {Evidence::preclinical, "in rats"},
    {Evidence::preclinical, "animal model"},
};

// Narrative reviews and overviews, weaker than any design above.
constexpr std::string_view review_phrases[] = {
    "review", "overview", "perspective", "update", "current concepts", "state of the art", "evolving concept",
    "therapeutics for", "management of", "treatment strategies", "prospects of", "digest", "research summary",
};

// Consumer health pages: written to a patient, or saying so.
constexpr std::string_view patient_cues[] = {
    "talk to your doctor", "talk with your doctor", "ask your doctor", "your doctor may",
    "medically reviewed by", "not a substitute for professional medical advice", "consult with your doctor",
    "your healthcare team", "your health care provider", "people living with ms",
};

// Clinical reference articles (UpToDate-style topics): narrative reviews for clinicians.
constexpr std::string_view clinical_reference_cues[] = {
    "literature review current through", "section editor", "this topic last updated", "uptodate",
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The phrase as whole words, case-insensitively; a plural "s" may follow.
bool has_phrase(std::string_view text, std::string_view phrase) {
  for (std::size_t i = 0; i + phrase.size() <= text.size(); ++i) {
    if (!starts_with_ci(text.substr(i), phrase)) continue;
    if (i > 0 && is_word_char(text[i - 1])) continue;
    std::size_t end = i + phrase.size();
    if (end < text.size() && (text[end] == 's' || text[end] == 'S')) ++end;
    if (end < text.size() && is_word_char(text[end])) continue;
    return true;
  }
  return false;
}

std::optional<EvidenceDecision> by_design(std::string_view text, std::string_view where) {
  for (auto& rule : design_rules) {
    if (has_phrase(text, rule.phrase)) return EvidenceDecision{rule.type, std::string(where) + ": " + std::string(rule.phrase)};
  }
  return std::nullopt;
}

}  // namespace

EvidenceDecision classify_evidence(const EvidenceInput& in) {
  // 1. The title names the study design.
  if (auto d = by_design(in.title, "title")) return *d;
  if (contains_ci(in.journal, "Cochrane Database")) return {Evidence::systematic_review, "journal: Cochrane Database"};

  if (in.kind == Kind::article) {
    // 2. What the source is.
    if (in.format == "snippets") return {Evidence::patient_info, "format: search-snippet page"};
    for (auto cue : clinical_reference_cues)
      if (contains_ci(in.header, cue) || contains_ci(in.text, cue)) return {Evidence::review, "clinical reference article: " + std::string(cue)};
    for (auto cue : patient_cues)
      if (contains_ci(in.header, cue) || contains_ci(in.text, cue)) return {Evidence::patient_info, "text: " + std::string(cue)};
  }
  // 3. A narrative review by its title.
  for (auto phrase : review_phrases)
    if (has_phrase(in.title, phrase)) return {Evidence::review, "title: " + std::string(phrase)};
  // 4. The opening of an abstract names the design. Not for pages and
  // reports: a web page that mentions trials is not a trial.
  bool is_page = in.format == "text" || in.format == "markdown" || in.format == "snippets";
  if (in.kind == Kind::article && !is_page)
    if (auto d = by_design(in.text.substr(0, std::min<std::size_t>(in.text.size(), 1500)), "text")) return *d;
  return {Evidence::other, "no cue"};
}

EvidenceInput evidence_input(const Article& article) {
  return {Kind::article, article.format, article.title, article.journal,
          article.abstract.empty() ? article.body : article.abstract, article.header};
}

namespace {
std::vector<std::string> drugs_in(std::string_view text, const Analyzer& analyzer, const DrugLexicon& lexicon) {
  std::set<std::string> names;
  for (auto& m : lexicon.find(analyzer.analyze(text))) names.insert(m.drug->name);
  return {names.begin(), names.end()};
}
}  // namespace

void annotate(Article& article, const Analyzer& analyzer, const DrugLexicon& lexicon) {
  auto all_text = article.title + "\n" + article.abstract + "\n" + article.body;
  for (auto& c : article.chemicals) all_text += "\n" + c;
  article.annotations.drugs = drugs_in(all_text, analyzer, lexicon);
  // Not value_or: that would run the text classifier on every record.
  auto by_type = evidence_from_publication_types(article.publication_types);
  auto d = by_type ? std::move(*by_type) : classify_evidence(evidence_input(article));
  article.annotations.evidence = d.type;
  article.annotations.evidence_cue = std::move(d.cue);
  for (auto& ref : article.references) {
    ref.annotations.drugs = drugs_in(ref.raw, analyzer, lexicon);
    auto r = classify_evidence({Kind::reference, article.format, ref.title, ref.journal, ref.raw, {}});
    ref.annotations.evidence = r.type;
    ref.annotations.evidence_cue = std::move(r.cue);
  }
}

}  // namespace mslit
