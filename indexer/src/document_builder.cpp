#include "document_builder.hpp"

#include <nlohmann/json.hpp>

#include "mslit/schema.hpp"

namespace mslit {
namespace {

std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

std::string drugs_value(const std::vector<std::string>& drugs) {
  std::string v;
  for (auto& d : drugs) {
    if (!v.empty()) v += schema::drug_separator;
    v += d;
  }
  return v;
}

nlohmann::json year_json(const std::optional<int>& year) { return year ? nlohmann::json(*year) : nlohmann::json(nullptr); }

}  // namespace

const std::string& DocumentBuilder::stem(const std::string& word) const {
  // Bounded: a collection's vocabulary grows without end (numbers, names).
  if (stems_.size() > 200'000) stems_.clear();
  auto [it, inserted] = stems_.try_emplace(word);
  if (inserted) it->second = stemmer_(word);
  return it->second;
}

Xapian::termpos DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                                            Xapian::termpos start, Xapian::termcount wdf) const {
  Xapian::termpos last = start;
  for (const auto& token : analyzer_.analyze(text)) {
    Xapian::termpos pos = start + token.position + 1;
    doc.add_posting(term(prefix, token.term), pos, wdf);
    // Stems as TermGenerator writes them: "Z" + prefix + stem, for words that
    // start with a letter (Xapian's QueryParser does not stem the others).
    if (!(token.term[0] >= '0' && token.term[0] <= '9')) {
      std::string stem = "Z";
      stem += prefix;
      stem += this->stem(token.term);
      doc.add_term(stem, wdf);
    }
    last = std::max(last, pos);
  }
  return last + schema::field_gap;
}

void DocumentBuilder::add_facets(Xapian::Document& doc, const Annotations& a, const std::optional<int>& year,
                                 Kind kind) const {
  auto kind_name = std::string(to_string(kind));
  auto evidence = std::string(to_string(a.evidence));
  doc.add_boolean_term(term(schema::prefix::kind, kind_name));
  doc.add_boolean_term(term(schema::prefix::evidence, evidence));
  for (auto& d : a.drugs) doc.add_boolean_term(term(schema::prefix::drug, d));
  if (year) doc.add_boolean_term(term(schema::prefix::year, std::to_string(*year)));
  doc.add_value(schema::slot::kind, kind_name);
  doc.add_value(schema::slot::evidence, evidence);
  if (!a.drugs.empty()) doc.add_value(schema::slot::drugs, drugs_value(a.drugs));
  if (year) doc.add_value(schema::slot::year, std::to_string(*year));
}

Xapian::Document DocumentBuilder::article(const Article& a, const std::string& file_key) const {
  Xapian::Document doc;
  doc.add_boolean_term(term(schema::prefix::id, a.id));
  doc.add_boolean_term(term(schema::prefix::file, file_key));
  doc.add_boolean_term(term(schema::prefix::format, a.format));
  add_facets(doc, a.annotations, a.year, Kind::article);

  // The title counts in free text too, and more than the body.
  Xapian::termpos pos = index_text(doc, a.title, schema::prefix::title, 0);
  pos = index_text(doc, a.title, "", pos, 3);
  for (auto& author : a.authors) pos = index_text(doc, author, schema::prefix::author, pos);
  pos = index_text(doc, a.journal, schema::prefix::journal, pos);
  index_text(doc, a.body, "", pos);

  nlohmann::json refs = nlohmann::json::array();
  for (auto& r : a.references) refs.push_back(reference_id(a.id, r.ordinal));
  nlohmann::json data = {
      {"id", a.id},
      {"kind", "article"},
      {"title", a.title},
      {"authors", a.authors},
      {"journal", a.journal},
      {"year", year_json(a.year)},
      {"year_cue", a.year_cue},
      {"evidence", to_string(a.annotations.evidence)},
      {"evidence_cue", a.annotations.evidence_cue},
      {"drugs", a.annotations.drugs},
      {"source", a.source},
      {"format", a.format},
      {"references", refs},
      {"text", a.body},
  };
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

Xapian::Document DocumentBuilder::reference(const Article& parent, const Reference& r, const std::string& file_key) const {
  Xapian::Document doc;
  auto id = reference_id(parent.id, r.ordinal);
  doc.add_boolean_term(term(schema::prefix::id, id));
  doc.add_boolean_term(term(schema::prefix::file, file_key));
  doc.add_boolean_term(term(schema::prefix::parent, parent.id));
  doc.add_boolean_term(term(schema::prefix::format, parent.format));
  add_facets(doc, r.annotations, r.year, Kind::reference);

  Xapian::termpos pos = index_text(doc, r.title, schema::prefix::title, 0);
  for (auto& author : r.authors) pos = index_text(doc, author, schema::prefix::author, pos);
  pos = index_text(doc, r.journal, schema::prefix::journal, pos);
  index_text(doc, r.raw, "", pos);

  nlohmann::json data = {
      {"id", id},
      {"kind", "reference"},
      {"title", r.title},
      {"authors", r.authors},
      {"journal", r.journal},
      {"year", year_json(r.year)},
      {"volume", r.volume},
      {"pages", r.pages},
      {"evidence", to_string(r.annotations.evidence)},
      {"evidence_cue", r.annotations.evidence_cue},
      {"drugs", r.annotations.drugs},
      {"source", parent.source},
      {"format", parent.format},
      {"ordinal", r.ordinal},
      {"parent", parent.id},
      {"parent_title", parent.title},
      {"text", r.raw},
  };
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

}  // namespace mslit
