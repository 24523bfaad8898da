// Publication types decide the evidence type when a record carries them
// (MEDLINE PublicationType, JATS article-type, RIS TY and M3). The table is
// documented in ARCHITECTURE.md ("Evidence types from publication types").
#include <algorithm>

#include "mslit/annotators.hpp"
#include "mslit/text.hpp"

namespace mslit {
namespace {

struct PublicationTypeRule {
  std::string_view type;  // lower case, the whole publication type
  Evidence evidence;
  int rank;  // lower wins when a record has several
};

// Study designs first; then narrative reviews; "Comparative Study" (a weak
// design cue, often on reviews and case series); then the kinds of item that
// are not studies at all (editorials, letters, news).
constexpr PublicationTypeRule rules[] = {
    {"practice guideline", Evidence::guideline, 0},
    {"guideline", Evidence::guideline, 0},
    {"consensus development conference", Evidence::guideline, 0},
    {"consensus development conference, nih", Evidence::guideline, 0},
    {"systematic review", Evidence::systematic_review, 1},
    {"meta-analysis", Evidence::systematic_review, 1},
    {"network meta-analysis", Evidence::systematic_review, 1},
    {"systematic-review", Evidence::systematic_review, 1},
    {"randomized controlled trial", Evidence::rct, 2},
    {"randomized controlled trial, veterinary", Evidence::rct, 2},
    {"equivalence trial", Evidence::rct, 2},
    {"clinical trial", Evidence::clinical_trial, 3},
    {"clinical trial, phase i", Evidence::clinical_trial, 3},
    {"clinical trial, phase ii", Evidence::clinical_trial, 3},
    {"clinical trial, phase iii", Evidence::clinical_trial, 3},
    {"clinical trial, phase iv", Evidence::clinical_trial, 3},
    {"controlled clinical trial", Evidence::clinical_trial, 3},
    {"pragmatic clinical trial", Evidence::clinical_trial, 3},
    {"adaptive clinical trial", Evidence::clinical_trial, 3},
    {"clinical trial, veterinary", Evidence::clinical_trial, 3},
    {"clinical study", Evidence::clinical_trial, 3},
    {"case reports", Evidence::case_report, 4},
    {"case report", Evidence::case_report, 4},
    {"case-report", Evidence::case_report, 4},
    {"observational study", Evidence::observational, 4},
    {"observational study, veterinary", Evidence::observational, 4},
    {"twin study", Evidence::observational, 4},
    {"review", Evidence::review, 5},
    {"scoping review", Evidence::review, 5},
    {"review-article", Evidence::review, 5},
    {"comparative study", Evidence::observational, 6},
    {"patient education handout", Evidence::patient_info, 7},
    {"editorial", Evidence::other, 8},
    {"comment", Evidence::other, 8},
    {"letter", Evidence::other, 8},
    {"news", Evidence::other, 8},
    {"newspaper article", Evidence::other, 8},
    {"published erratum", Evidence::other, 8},
    {"retraction of publication", Evidence::other, 8},
    {"biography", Evidence::other, 8},
    {"portrait", Evidence::other, 8},
    {"interview", Evidence::other, 8},
    {"lecture", Evidence::other, 8},
    {"congress", Evidence::other, 8},
    {"historical article", Evidence::other, 8},
    {"correction", Evidence::other, 8},
    {"book-review", Evidence::other, 8},
    {"obituary", Evidence::other, 8},
    {"retraction", Evidence::other, 8},
    {"mgzn", Evidence::other, 8},  // RIS: magazine article
};

}  // namespace

std::optional<EvidenceDecision> evidence_from_publication_types(const std::vector<std::string>& types) {
  const PublicationTypeRule* best = nullptr;
  std::string_view best_name;
  for (auto& t : types) {
    auto lower = to_lower_ascii(trim(t));
    for (auto& r : rules)
      if (r.type == lower && (!best || r.rank < best->rank)) {
        best = &r;
        best_name = t;
      }
  }
  if (!best) return std::nullopt;
  return EvidenceDecision{best->evidence, "publication type: " + std::string(trim(best_name))};
}

}  // namespace mslit
