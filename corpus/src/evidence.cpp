// The evidence classifier: ordered, explainable rules over the title, the
// abstract (or text), the journal and the source. The first rule that fires
// decides, and its cue names the words that made it fire. The rules and their
// measured accuracy are described in ARCHITECTURE.md ("Evidence type");
// tools/eval/eval_evidence.cpp measures them on MEDLINE records.
#include <algorithm>
#include <array>
#include <set>

#include "mslit/annotators.hpp"
#include "mslit/text.hpp"

namespace mslit {
namespace {

constexpr auto npos = std::string_view::npos;

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A field lower-cased once per call, so that every phrase is a plain
// std::string_view::find rather than a case-insensitive scan of the field.
class Lowered {
 public:
  explicit Lowered(std::string_view s) : text_(lower_ascii(s)) {}
  std::string_view view() const { return text_; }

  // Where the (lower-case) phrase first occurs as whole words at or after
  // `from`; with `plural`, an "s" may follow it ("guideline" finds
  // "guidelines"). npos when it does not occur.
  std::size_t find(std::string_view phrase, bool plural = false, std::size_t from = 0) const {
    std::string_view t = text_;
    for (auto at = t.find(phrase, from); at != npos; at = t.find(phrase, at + 1)) {
      if (at > 0 && is_word_char(phrase.front()) && is_word_char(t[at - 1])) continue;
      auto end = at + phrase.size();
      if (plural && end < t.size() && t[end] == 's') ++end;
      if (end < t.size() && is_word_char(phrase.back()) && is_word_char(t[end])) continue;
      // "case" is not in "case-control", nor "patient" in "patient-centered".
      if (end + 1 < t.size() && is_word_char(phrase.back()) && t[end] == '-' && is_word_char(t[end + 1])) continue;
      return at;
    }
    return npos;
  }
  bool has(std::string_view phrase, bool plural = false) const { return find(phrase, plural) != npos; }

  // The first phrase of the list that occurs, or empty.
  template <typename List>
  std::string_view first_of(const List& phrases, bool plural = false) const {
    for (std::string_view p : phrases)
      if (has(p, plural)) return p;
    return {};
  }

 private:
  std::string text_;
};

// The labels of a structured abstract ("METHODS: ..." paragraphs, as the
// readers write Article::abstract), lower case. A label is a short run of
// words before ": " at the start of a paragraph, without digits or periods.
std::vector<std::string> abstract_labels(std::string_view text) {
  std::vector<std::string> labels;
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find("\n\n", at);
    auto para = text.substr(at, end == npos ? npos : end - at);
    auto colon = para.find(": ");
    if (colon != npos && colon > 0 && colon <= 40 && para[0] >= 'A' && para[0] <= 'Z') {
      auto label = para.substr(0, colon);
      if (std::none_of(label.begin(), label.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))
        labels.push_back(lower_ascii(label));
    }
    if (end == npos) break;
    at = end + 2;
  }
  return labels;
}

template <typename List>
std::string_view first_label(const std::vector<std::string>& labels, const List& wanted) {
  for (std::string_view w : wanted)
    if (std::find(labels.begin(), labels.end(), w) != labels.end()) return w;
  return {};
}

struct Rule {
  Evidence type;
  std::string_view phrase;
};

// ---------------------------------------------------------------------------
// Title rules: the title names the design. Strongest design first, except
// that a review of trials is a review, a protocol is not yet evidence, and a
// case report that also reviews the literature is a case report (MEDLINE
// ranks Case Reports above Review, and so do we).
constexpr Rule title_rules[] = {
    {Evidence::guideline, "guideline"},
    {Evidence::guideline, "practice parameter"},
    {Evidence::guideline, "consensus statement"},
    {Evidence::guideline, "position statement"},
    {Evidence::guideline, "recommendations for"},
    {Evidence::guideline, "evidence report"},
    {Evidence::guideline, "report of the therapeutics and technology assessment"},
    {Evidence::review, "scoping review"},
    {Evidence::systematic_review, "systematic review"},
    {Evidence::systematic_review, "systematic literature review"},
    {Evidence::systematic_review, "meta-analysis"},
    {Evidence::systematic_review, "meta-analyses"},
    {Evidence::systematic_review, "meta analysis"},
    {Evidence::systematic_review, "metaanalysis"},
    {Evidence::systematic_review, "cochrane review"},
    {Evidence::systematic_review, "umbrella review"},
    {Evidence::other, "study protocol"},
    {Evidence::other, "trial protocol"},
    {Evidence::other, "protocol for a"},
    {Evidence::other, "rationale and design"},
    {Evidence::other, "design and rationale"},
    {Evidence::case_report, "case report"},
    {Evidence::case_report, "case series"},
    {Evidence::case_report, "a case of"},
    {Evidence::case_report, "report of a case"},
    {Evidence::case_report, "cases of"},
    {Evidence::case_report, "new cases"},
    {Evidence::case_report, "a patient with"},
    {Evidence::case_report, "in a patient"},
    {Evidence::case_report, "in a child"},
    {Evidence::case_report, "in an infant"},
    {Evidence::case_report, "in a neonate"},
    {Evidence::case_report, "in a man"},
    {Evidence::case_report, "in a woman"},
    {Evidence::case_report, "in a boy"},
    {Evidence::case_report, "in a girl"},
    {Evidence::observational, "retrospective review"},
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
    {Evidence::preclinical, "experimental autoimmune encephalomyelitis"},
    {Evidence::preclinical, "in vitro"},
    {Evidence::preclinical, "in mice"},
    {Evidence::preclinical, "mouse model"},
    {Evidence::preclinical, "murine"},
    {Evidence::preclinical, "in rats"},
    {Evidence::preclinical, "animal model"},
};

// Narrative reviews and overviews by their title, weaker than any design.
constexpr std::string_view title_review_phrases[] = {
    "review", "overview", "perspective", "update", "current concepts", "state of the art", "evolving concept",
    "therapeutics for", "management of", "treatment strategies", "prospects of", "digest", "research summary",
    "recent advances", "advances in", "a primer",
};

// ---------------------------------------------------------------------------
// Journals that publish one kind of article. Review journals (Current Opinion,
// Nature Reviews, Seminars, Trends, Expert Review...) publish reviews; case
// report journals publish case reports. Both are matched as words of the
// journal title, full or ISO-abbreviated.
constexpr std::string_view review_journal_words[] = {
    "review", "reviews", "current opinion in", "curr opin", "seminars in", "semin", "expert opinion on", "expert opin",
    "annu rev", "trends in", "current treatment options in", "curr treat options", "clinics of north america",
    "clin north am", "best practice & research", "best pract res", "handbook of clinical neurology",
    "handb clin neurol", "nat rev",
};

constexpr std::string_view case_report_journal_words[] = {"case reports", "case rep", "case reports journal"};

// ---------------------------------------------------------------------------
// Abstract (or text) rules, matched exactly (no plural added: "randomized
// controlled trials" in a background sentence is not this study's design).

// The methods of a systematic review: searching databases, selecting studies.
constexpr std::string_view sr_labels[] = {"data sources", "study selection", "data extraction", "data synthesis",
                                          "search methods", "selection criteria", "data collection and analysis",
                                          "search strategy", "eligibility criteria"};
constexpr std::string_view sr_phrases[] = {
    "systematic review and meta-analysis", "this systematic review", "this meta-analysis", "we performed a systematic",
    "we conducted a systematic", "we undertook a systematic", "a systematic literature search",
    "systematically searched", "databases were searched", "we searched medline", "we searched pubmed",
    "we searched embase", "we searched the cochrane", "prisma", "pooled odds ratio", "pooled relative risk",
    "random-effects model", "random effects model",
};

// The text says it is a guideline or a consensus of experts.
constexpr std::string_view guideline_phrases[] = {
    "this guideline", "these guidelines", "this practice guideline", "this consensus statement",
    "this position statement", "the guideline development group", "practice parameter", "consensus recommendations",
    "evidence-based recommendations were",
};

// A protocol describes a trial that has not been done: future tense.
constexpr std::string_view protocol_phrases[] = {
    "will be randomized", "will be randomised", "will be randomly", "will be recruited", "will be enrolled",
    "this protocol", "study protocol", "trial protocol",
};

// Randomised allocation of people. Exact phrases, each a statement of this
// study's design; reports of background trials are plural ("trials") and do
// not match. A "non-", "quasi-" or "not" just before the phrase cancels it.
constexpr std::string_view rct_phrases[] = {
    "randomized controlled trial", "randomised controlled trial", "randomized clinical trial",
    "randomised clinical trial", "randomized trial", "randomised trial", "randomized, double-blind",
    "randomised, double-blind", "randomized double-blind", "randomised double-blind", "double-blind, randomized",
    "double-blind, randomised", "double-blind randomized", "double-blind randomised", "randomized, placebo-controlled",
    "randomised, placebo-controlled", "randomized placebo-controlled", "randomized, controlled",
    "randomised, controlled", "randomized, open-label", "randomised, open-label", "randomized crossover",
    "randomized cross-over", "randomised crossover", "randomised cross-over", "randomized, crossover",
    "randomized study", "randomised study", "randomized pilot", "randomised pilot", "randomized, multicenter",
    "multicenter, randomized", "multicentre, randomised", "multicenter randomized", "multicentre randomised",
    "randomly assigned", "randomly allocated", "randomly divided", "were randomized", "were randomised",
    "was randomized", "was randomised", "randomized to", "randomised to", "randomization", "randomisation",
    "random assignment", "random allocation", "double-blind, placebo-controlled", "double-blind placebo-controlled",
    "placebo-controlled trial", "placebo-controlled study", "sham-controlled",
};

// Laboratory animals and cells: "rats were randomly divided into groups" is
// an experiment, not a randomised trial (veterinary trials in dogs or cattle
// are not vetoed).
constexpr std::string_view laboratory_phrases[] = {
    "rats", "mice", "mouse", "rabbits", "hamsters", "guinea pigs", "zebrafish", "in vitro", "cell line",
    "cell lines", "cultured cells", "experimental autoimmune encephalomyelitis", "murine", "rodents",
};

// A trial without (or not said to have) randomisation.
constexpr std::string_view trial_phrases[] = {
    "phase i trial", "phase ii trial", "phase iii trial", "phase i/ii trial", "phase ii/iii trial", "phase 1 trial",
    "phase 2 trial", "phase 3 trial", "phase 1/2 trial", "phase i study", "phase ii study", "phase iii study",
    "phase 1 study", "phase 2 study", "phase 3 study", "phase ib", "phase iia", "phase iib", "phase 1b", "phase 2a",
    "phase 2b", "open-label", "open label", "single-arm", "single arm", "nonrandomized", "non-randomized",
    "non-randomised", "quasi-randomized", "quasi-randomised", "uncontrolled trial", "pilot trial",
    "dose-escalation", "dose escalation", "this trial", "this clinical trial", "isrctn", "trial registration",
};

// A report of one or a few patients.
constexpr std::string_view case_labels[] = {
    "case report", "case reports", "case presentation", "case presentations", "case description", "case summary",
    "case history", "case", "cases", "observation", "observations", "case details", "clinical case", "case series",
    "case study",
};
constexpr std::string_view case_phrases[] = {
    "case report", "a case of", "report of a case", "report a case", "the present case", "our case", "our patient",
    "this case report", "a rare case", "an unusual case", "first reported case", "this is the first case",
    "this is the first report of a", "is presented of", "case is presented", "case was presented", "a case with",
    "case is reported", "case is described", "patient is described", "patient is reported",
};
// "we report ... a 45-year-old woman": a reporting verb followed within a
// few words by a patient.
constexpr std::string_view case_anchors[] = {
    "we report", "we describe", "we present", "we reported", "we described", "we presented", "we herein report",
    "we herein describe", "we herein present", "we here report", "we here describe", "herein we report",
    "herein we describe", "here we report", "here we describe", "this report describes", "this is a report of",
    "report of",
};
constexpr std::string_view patient_nouns[] = {
    "case", "cases", "patient", "patients", "man", "woman", "men", "women", "boy", "girl", "boys", "girls", "child",
    "children", "infant", "infants", "neonate", "newborn", "male", "female", "adult", "adolescent", "family",
    "kindred", "twins", "siblings", "sisters", "brothers", "observation", "observations", "lady", "baby",
};
constexpr std::string_view number_words[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety",
};

// Narrative reviews saying what they are. "Review of the literature" and
// "review the literature" are not here: case reports say that too.
constexpr std::string_view review_labels[] = {"purpose of review", "recent findings", "opinion statement"};
constexpr std::string_view review_phrases[] = {
    "this review", "in this review", "the present review", "this mini-review", "this minireview",
    "narrative review", "a comprehensive review", "a literature review", "we review", "this article reviews",
    "this paper reviews", "this chapter reviews", "is reviewed", "are reviewed", "are summarized",
    "are summarised", "is summarized", "we summarize", "we summarise", "this overview", "an overview of",
    "this paper presents a review", "review the current", "reviews the current", "reviews recent", "review recent",
};

// Observational designs.
constexpr std::string_view observational_phrases[] = {
    "cohort study", "prospective cohort", "retrospective cohort", "case-control study", "case control study",
    "cross-sectional study", "cross-sectional survey", "observational study", "population-based",
    "retrospective study", "retrospective analysis", "retrospective review", "retrospectively", "registry",
    "medical records were", "charts were reviewed", "chart review", "longitudinal study", "prospective study",
    "follow-up study", "real-world",
};

// Animal and cell experiments.
constexpr std::string_view preclinical_phrases[] = {
    "experimental autoimmune encephalomyelitis", "in vitro", "in mice", "in rats", "mouse model", "murine",
    "animal model", "cell lines",
};

// Original research reports what was done: "we"/"our" and then one of these
// words, or "was"/"were" and then a participle of method, or statistics.
// A narrative review does none of that, and discusses instead.
constexpr std::string_view first_person_research[] = {
    "found", "find", "show", "showed", "observe", "observed", "measured", "examined", "investigated", "analyzed",
    "analysed", "evaluated", "assessed", "studied", "performed", "conducted", "compared", "enrolled", "recruited",
    "identified", "developed", "propose", "proposed", "designed", "implemented", "tested", "report", "reported",
    "present", "presented", "demonstrate", "demonstrated", "used", "use", "collected", "obtained", "applied",
    "determined", "estimated", "explored", "results", "study", "data", "findings", "method", "approach", "system",
    "scheme", "solution", "patient", "patients", "analysis", "experiment", "experiments",
};
constexpr std::string_view passive_research[] = {
    "performed", "analyzed", "analysed", "measured", "examined", "evaluated", "assessed", "studied", "compared",
    "enrolled", "recruited", "included", "collected", "obtained", "conducted", "investigated", "determined", "tested",
    "calculated", "estimated", "used", "treated", "followed", "reviewed", "identified", "selected", "randomized",
    "randomised", "interviewed", "surveyed",
};
constexpr std::string_view research_phrases[] = {
    "this study", "this paper", "this work", "the present study", "the current study", "the aim", "we aimed",
    "p <", "p<", "p =", "p=", "p >", "n =", "n=",
};
constexpr std::string_view discussion_words[] = {
    "discuss", "discussed", "discusses", "summarize", "summarized", "summarizes", "summarise", "summarised",
    "overview", "recent", "recently", "advances", "current", "currently", "future", "perspective", "perspectives",
    "challenges", "highlight", "highlights", "highlighted", "reviewed", "emerging", "evolving", "progress",
    "knowledge", "understanding", "is described", "are described",
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

// How much of an article's text the design rules read: an abstract, or the
// opening of a full text (where the design is stated).
constexpr std::size_t text_window = 6000;

EvidenceDecision decided(Evidence type, std::string_view where, std::string_view what) {
  return {type, std::string(where) + ": " + std::string(what)};
}

// "non-", "quasi-", "not " or "no " just before position `at`: the phrase
// that follows names another design ("non-randomized") or none at all.
std::string_view negation_before(std::string_view text, std::size_t at) {
  static constexpr std::string_view negations[] = {"non-", "non ", "quasi-", "quasi ", "pseudo-", "not ", "no "};
  auto before = text.substr(0, at);
  for (auto n : negations)
    if (before.ends_with(n) && (before.size() == n.size() || !is_word_char(before[before.size() - n.size() - 1])))
      return n;
  return {};
}

std::optional<EvidenceDecision> by_title(const Lowered& title) {
  for (auto& rule : title_rules) {
    auto at = title.find(rule.phrase, true);
    if (at == npos) continue;
    if (rule.type == Evidence::rct)
      if (auto n = negation_before(title.view(), at); !n.empty())
        return decided(Evidence::clinical_trial, "title", std::string(n) + std::string(rule.phrase));
    return decided(rule.type, "title", rule.phrase);
  }
  return std::nullopt;
}


// The first of `phrases` that occurs not preceded by a negation or by "non-".
template <typename List>
std::string_view first_affirmed(const Lowered& text, const List& phrases) {
  for (std::string_view p : phrases) {
    for (auto at = text.find(p); at != npos; at = text.find(p, false, at + 1)) {
      if (negation_before(text.view(), at).empty()) return p;
    }
  }
  return {};
}

// The words of `text` from `at`, at most `n`: runs of letters, digits and
// hyphens, so "patient-centered" is one word and never "patient".
std::vector<std::string_view> words_from(std::string_view text, std::size_t at, std::size_t n) {
  std::vector<std::string_view> out;
  auto is_part = [](char c) { return is_word_char(c) || c == '-'; };
  while (at < text.size() && out.size() < n) {
    while (at < text.size() && !is_part(text[at])) {
      if (text[at] == '.' || text[at] == ';') return out;  // the sentence ends
      ++at;
    }
    auto start = at;
    while (at < text.size() && is_part(text[at])) ++at;
    if (at > start) out.push_back(text.substr(start, at - start));
  }
  return out;
}

template <typename List>
bool is_one_of(std::string_view w, const List& list) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// "We report a 45-year-old woman", "we describe two cases": the anchor and
// the patient noun, for the cue.
std::string reported_patient(const Lowered& text) {
  for (std::string_view anchor : case_anchors) {
    for (auto at = text.find(anchor); at != npos; at = text.find(anchor, false, at + 1)) {
      auto next = words_from(text.view(), at + anchor.size(), 6);
      for (auto w : next)
        if (is_one_of(w, patient_nouns)) return std::string(anchor) + " ... " + std::string(w);
    }
  }
  return {};
}

// "a 45-year-old woman", "a 7-year-old child", "58-years old woman": an age
// followed within three words by a person.
std::string aged_person(const Lowered& text) {
  static constexpr std::string_view ages[] = {"-year-old", " year-old", "-year old", " year old",
                                              "-years-old", "-years old", " years old", "-month-old", " month old"};
  auto t = text.view();
  for (std::string_view age : ages) {
    for (auto at = t.find(age); at != npos; at = t.find(age, at + 1)) {
      auto start = at;
      while (start > 0 && is_word_char(t[start - 1])) --start;
      auto number = t.substr(start, at - start);
      bool numeric = !number.empty() && std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!numeric && !is_one_of(number, number_words)) continue;
      auto after = at + age.size();
      if (after < t.size() && is_word_char(t[after])) continue;
      for (auto w : words_from(t, after, 3))
        if (is_one_of(w, patient_nouns) && w != "case" && w != "cases")
          return std::string(number) + std::string(age) + " " + std::string(w);
    }
  }
  return {};
}

// "we found", "were enrolled": a subject word followed by one of `words`.
template <typename List1, typename List2>
bool subject_then(const Lowered& text, const List1& subjects, const List2& words) {
  for (std::string_view subject : subjects)
    for (auto at = text.find(subject); at != npos; at = text.find(subject, false, at + 1)) {
      auto next = words_from(text.view(), at + subject.size(), 1);
      if (!next.empty() && is_one_of(next[0], words)) return true;
    }
  return false;
}

bool reports_research(const Lowered& text) {
  static constexpr std::string_view first_person[] = {"we", "our"};
  static constexpr std::string_view passive[] = {"was", "were"};
  return subject_then(text, first_person, first_person_research) || subject_then(text, passive, passive_research) ||
         !text.first_of(research_phrases).empty();
}

template <typename List>
std::string joined_hits(const Lowered& text, const List& phrases, std::size_t max) {
  std::string out;
  std::size_t n = 0;
  for (std::string_view p : phrases) {
    if (n == max) break;
    if (!text.has(p)) continue;
    out += (n++ ? ", " : "") + std::string(p);
  }
  return out;
}

// Design statements in an article's abstract (or the opening of its text).
std::optional<EvidenceDecision> by_text(std::string_view original, const Lowered& text) {
  auto labels = abstract_labels(original);
  if (auto l = first_label(labels, sr_labels); !l.empty()) return decided(Evidence::systematic_review, "abstract section", l);
  if (auto p = text.first_of(sr_phrases); !p.empty()) return decided(Evidence::systematic_review, "text", p);
  if (auto p = text.first_of(guideline_phrases); !p.empty()) return decided(Evidence::guideline, "text", p);
  if (auto p = text.first_of(protocol_phrases); !p.empty()) return decided(Evidence::other, "text (trial protocol)", p);
  if (auto l = first_label(labels, review_labels); !l.empty()) return decided(Evidence::review, "abstract section", l);

  if (auto p = first_affirmed(text, rct_phrases); !p.empty()) {
    auto lab = text.first_of(laboratory_phrases);
    if (lab.empty()) return decided(Evidence::rct, "text", p);
    // An animal or cell experiment: not a trial, whatever it randomised.
    return decided(Evidence::preclinical, "text", std::string(p) + " + " + std::string(lab));
  }
  if (auto p = text.first_of(trial_phrases); !p.empty() && text.first_of(laboratory_phrases).empty())
    return decided(Evidence::clinical_trial, "text", p);

  if (auto l = first_label(labels, case_labels); !l.empty()) return decided(Evidence::case_report, "abstract section", l);
  if (auto p = text.first_of(case_phrases); !p.empty()) return decided(Evidence::case_report, "text", p);
  if (auto p = aged_person(text); !p.empty()) return decided(Evidence::case_report, "text", p);
  if (auto p = reported_patient(text); !p.empty()) return decided(Evidence::case_report, "text", p);

  if (auto p = text.first_of(review_phrases); !p.empty()) return decided(Evidence::review, "text", p);
  if (auto p = text.first_of(observational_phrases); !p.empty()) return decided(Evidence::observational, "text", p);
  if (auto p = text.first_of(preclinical_phrases); !p.empty()) return decided(Evidence::preclinical, "text", p);

  // A narrative abstract: unstructured, long enough to judge, reporting no
  // methods or findings, and discussing (two different words of it).
  if (labels.empty() && word_count(original) >= 80 && !reports_research(text)) {
    auto hits = joined_hits(text, discussion_words, 3);
    if (hits.find(',') != std::string::npos)
      return decided(Evidence::review, "narrative abstract (no methods or findings)", hits);
  }
  return std::nullopt;
}

}  // namespace

EvidenceDecision classify_evidence(const EvidenceInput& in) {
  const Lowered title(in.title);
  const Lowered journal(in.journal);

  // 1. The title names the study design.
  if (auto d = by_title(title)) return *d;
  if (journal.has("cochrane database")) return {Evidence::systematic_review, "journal: Cochrane Database"};

  bool is_page = in.format == "text" || in.format == "markdown" || in.format == "snippets";
  if (in.kind == Kind::article) {
    // 2. What the source is. Pages are read whole, so these look at all of it.
    if (in.format == "snippets") return {Evidence::patient_info, "format: search-snippet page"};
    const Lowered header(in.header);
    const Lowered all_text(in.text);
    for (auto cue : clinical_reference_cues)
      if (header.has(cue) || all_text.has(cue)) return {Evidence::review, "clinical reference article: " + std::string(cue)};
    for (auto cue : patient_cues)
      if (header.has(cue) || all_text.has(cue)) return {Evidence::patient_info, "text: " + std::string(cue)};
  }
  // 3. A patient in the title: "... in a 36-year-old man", "report of two cases".
  if (auto p = aged_person(title); !p.empty()) return decided(Evidence::case_report, "title", p);
  if (auto p = reported_patient(title); !p.empty()) return decided(Evidence::case_report, "title", p);
  // 4. A narrative review by its title.
  if (auto p = title.first_of(title_review_phrases, true); !p.empty()) return decided(Evidence::review, "title", p);
  // 5. Journals that publish one kind of article.
  if (auto p = journal.first_of(case_report_journal_words); !p.empty()) return decided(Evidence::case_report, "journal", p);
  if (auto p = journal.first_of(review_journal_words); !p.empty()) return decided(Evidence::review, "journal", p);
  // 6. The abstract states the design. Not for pages and reports: a web page
  // that mentions trials is not a trial.
  if (in.kind == Kind::article && !is_page) {
    auto window = in.text.substr(0, std::min(in.text.size(), text_window));
    if (auto d = by_text(window, Lowered(window))) return *d;
  }
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
