#include "mslit/model.hpp"

#include <array>
#include <utility>

#include "mslit/error.hpp"
#include "mslit/text.hpp"

namespace mslit {

InputError::InputError(std::string file, std::size_t line, const std::string& message)
    : Error(file + (line ? ":" + std::to_string(line) : std::string()) + ": " + message),
      file_(std::move(file)),
      line_(line) {}

std::string_view to_string(Kind kind) { return kind == Kind::article ? "article" : "reference"; }

std::optional<Kind> kind_from_string(std::string_view name) {
  if (name == "article") return Kind::article;
  if (name == "reference") return Kind::reference;
  return std::nullopt;
}

namespace {
constexpr std::array<std::pair<Evidence, std::string_view>, 10> evidence_names = {{
    {Evidence::guideline, "guideline"},
    {Evidence::systematic_review, "systematic-review"},
    {Evidence::rct, "rct"},
    {Evidence::clinical_trial, "clinical-trial"},
    {Evidence::observational, "observational"},
    {Evidence::case_report, "case-report"},
    {Evidence::review, "review"},
    {Evidence::preclinical, "preclinical"},
    {Evidence::patient_info, "patient-info"},
    {Evidence::other, "other"},
}};
}  // namespace

const std::vector<Evidence>& all_evidence_types() {
  static const std::vector<Evidence> all = [] {
    std::vector<Evidence> v;
    for (auto& [e, name] : evidence_names) v.push_back(e);
    return v;
  }();
  return all;
}

std::string_view to_string(Evidence evidence) {
  for (auto& [e, name] : evidence_names)
    if (e == evidence) return name;
  return "other";
}

std::optional<Evidence> evidence_from_string(std::string_view name) {
  for (auto& [e, n] : evidence_names)
    if (n == name) return e;
  return std::nullopt;
}

std::string record_article_id(const Article& article, std::string_view file_key) {
  if (!article.pmid.empty()) return "pmid:" + article.pmid;
  if (!article.doi.empty()) return "doi:" + article.doi;
  std::string id = "f" + std::string(file_key);
  if (!article.record_id.empty()) return id + ":" + article.record_id;
  if (article.record > 0) return id + ":" + std::to_string(article.record);
  return id;
}

std::string normalize_doi(std::string_view doi) {
  auto s = to_lower_ascii(trim(doi));
  for (std::string_view p : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"})
    if (s.rfind(p, 0) == 0) s = s.substr(p.size());
  auto t = trim(s);
  // Identifiers have no white space; a DOI that does is cut there ("10.1/x [doi]").
  return std::string(t.substr(0, t.find_first_of(" \t")));
}

std::string reference_id(std::string_view article_id, int ordinal) {
  return std::string(article_id) + ".r" + std::to_string(ordinal);
}

}  // namespace mslit
