#include "document_builder.hpp"

#include <nlohmann/json.hpp>

#include "mslit/schema.hpp"
#include "mslit/text.hpp"

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

Xapian::termpos DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text,
                                            std::initializer_list<Field> fields, Xapian::termpos start) const {
  Xapian::termpos last = start;
  std::string t, z;
  for (const auto& token : analyzer_.analyze(text)) {
    Xapian::termpos pos = start + token.position + 1;
    // Stems as TermGenerator writes them: "Z" + prefix + stem, for words that
    // start with a letter (Xapian's QueryParser does not stem the others).
    bool stemmed = !(token.term[0] >= '0' && token.term[0] <= '9');
    const std::string* stem = stemmed ? &this->stem(token.term) : nullptr;
    for (const auto& f : fields) {
      t.assign(f.prefix).append(token.term);
      doc.add_posting(t, pos, f.wdf);
      if (stem) {
        z.assign("Z").append(f.prefix).append(*stem);
        doc.add_term(z, f.wdf);
      }
    }
    last = std::max(last, pos);
  }
  return last + schema::field_gap;
}

void DocumentBuilder::add_identifiers(Xapian::Document& doc, const std::string& pmid, const std::string& doi) const {
  if (!pmid.empty()) doc.add_boolean_term(term(schema::prefix::pmid, pmid));
  if (!doi.empty()) doc.add_boolean_term(term(schema::prefix::doi, doi));
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
  add_identifiers(doc, a.pmid, a.doi);
  for (auto& t : a.publication_types) doc.add_boolean_term(term(schema::prefix::pubtype, to_lower_ascii(t)));
  if (!a.language.empty()) doc.add_boolean_term(term(schema::prefix::language, to_lower_ascii(a.language)));
  add_facets(doc, a.annotations, a.year, Kind::article);

  // The title counts in free text too, and more than the body.
  Xapian::termpos pos = index_text(doc, a.title, {{schema::prefix::title}, {"", 3}}, 0);
  for (auto& author : a.authors) pos = index_text(doc, author, schema::prefix::author, pos);
  pos = index_text(doc, a.journal, schema::prefix::journal, pos);
  for (auto& heading : a.mesh) pos = index_text(doc, heading, schema::prefix::mesh, pos);
  for (auto& keyword : a.keywords) pos = index_text(doc, keyword, "", pos);
  pos = index_text(doc, a.abstract, {{schema::prefix::abstract}, {""}}, pos);
  pos = index_text(doc, a.body, "", pos);
  // ref: finds the articles whose reference list cites the words.
  for (auto& r : a.references) pos = index_text(doc, r.raw, schema::prefix::ref, pos);

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
      {"abstract", a.abstract},
      {"text", a.body},
  };
  // Record fields only when there are any, to keep the stored data small.
  if (a.record) data["record"] = a.record;
  for (auto [key, value] : {std::pair{"record_id", &a.record_id}, {"pmid", &a.pmid}, {"doi", &a.doi},
                            {"language", &a.language}})
    if (!value->empty()) data[key] = *value;
  for (auto [key, list] : {std::pair{"publication_types", &a.publication_types}, {"mesh", &a.mesh},
                           {"keywords", &a.keywords}, {"chemicals", &a.chemicals}})
    if (!list->empty()) data[key] = *list;
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
  add_identifiers(doc, r.pmid, r.doi);
  add_facets(doc, r.annotations, r.year, Kind::reference);

  Xapian::termpos pos = index_text(doc, r.title, schema::prefix::title, 0);
  for (auto& author : r.authors) pos = index_text(doc, author, schema::prefix::author, pos);
  pos = index_text(doc, r.journal, schema::prefix::journal, pos);
  index_text(doc, r.raw, {{""}, {schema::prefix::ref}}, pos);

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
  if (!r.pmid.empty()) data["pmid"] = r.pmid;
  if (!r.doi.empty()) data["doi"] = r.doi;
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

}  // namespace mslit
