#include "output.hpp"

#include <algorithm>
#include <iomanip>

namespace mslit::cli {
namespace {

using nlohmann::json;

json nullable(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json nullable(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json facet_list(const std::vector<FacetCount>& values, bool numeric) {
  json a = json::array();
  for (auto& v : values) {
    json value = v.value;
    if (numeric) value = std::stoi(v.value);
    a.push_back({{"value", value}, {"count", v.count}});
  }
  return a;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string highlighted(const Snippet& s, bool color) {
  if (!color || s.highlights.empty()) return s.text;
  std::string out;
  std::size_t at = 0;
  for (auto& h : s.highlights) {
    if (h.begin < at) continue;
    out += s.text.substr(at, h.begin - at);
    out += "\x1b[1m" + s.text.substr(h.begin, h.end - h.begin) + "\x1b[0m";
    at = h.end;
  }
  return out + s.text.substr(at);
}

void print_facet_line(std::ostream& out, const char* name, const std::vector<FacetCount>& values, std::size_t max) {
  out << "  " << std::left << std::setw(10) << name;
  if (values.empty()) out << "-";
  for (std::size_t i = 0; i < values.size() && i < max; ++i)
    out << (i ? " · " : "") << values[i].value << " (" << values[i].count << ")";
  if (values.size() > max) out << " · +" << values.size() - max << " more";
  out << "\n";
}

// Years as text bars; by decade when there are too many years for a screen.
void print_year_histogram(std::ostream& out, const std::vector<FacetCount>& years) {
  if (years.empty()) {
    out << "  year      -\n";
    return;
  }
  std::vector<FacetCount> rows = years;
  if (years.size() > 15) {
    rows.clear();
    for (auto& y : years) {
      auto decade = y.value.substr(0, 3) + "0s";
      if (rows.empty() || rows.back().value != decade) rows.push_back({decade, 0});
      rows.back().count += y.count;
    }
  }
  std::size_t most = 0;
  for (auto& y : rows) most = std::max(most, y.count);
  out << "  year\n";
  for (auto& y : rows) {
    std::size_t bar = std::max<std::size_t>(1, y.count * 30 / most);
    out << "    " << std::left << std::setw(6) << y.value;
    for (std::size_t i = 0; i < bar; ++i) out << "\xE2\x96\x87";  // ▇
    out << " " << y.count << "\n";
  }
}

}  // namespace

json to_json(const Facets& f) {
  return {{"drug", facet_list(f.drug, false)}, {"evidence", facet_list(f.evidence, false)}, {"year", facet_list(f.year, true)}};
}

json to_json(const SearchResult& r) {
  json results = json::array();
  for (auto& h : r.hits) {
    json highlights = json::array();
    for (auto& m : h.snippet.highlights) highlights.push_back({m.begin, m.end});
    results.push_back({
        {"id", h.id},
        {"kind", to_string(h.kind)},
        {"title", h.title},
        {"year", nullable(h.year)},
        {"evidence", h.evidence},
        {"drugs", h.drugs},
        {"source", h.source},
        {"ordinal", nullable(h.ordinal)},
        {"parent", nullable(h.parent)},
        {"score", h.score},
        {"snippet", h.snippet.text},
        {"highlights", highlights},
    });
    if (!h.record_id.empty()) results.back()["record_id"] = h.record_id;
  }
  json j = {{"query", r.query}, {"total", r.total}, {"results", results}, {"facets", to_json(r.facets)}};
  if (r.relaxed) j["relaxed"] = true;
  if (!r.corrected.empty()) j["corrected"] = r.corrected;
  if (!r.notes.empty()) j["notes"] = r.notes;
  return j;
}

json to_json(const DocumentRecord& d) {
  json j = {
      {"id", d.id},         {"kind", to_string(d.kind)},     {"title", d.title},
      {"authors", d.authors}, {"journal", d.journal},        {"year", nullable(d.year)},
      {"evidence", d.evidence}, {"evidence_cue", d.evidence_cue}, {"drugs", d.drugs},
      {"source", d.source}, {"format", d.format},            {"ordinal", nullable(d.ordinal)},
      {"parent", nullable(d.parent)}, {"text", d.text},
  };
  for (auto [key, value] : {std::pair{"abstract", &d.abstract}, {"record_id", &d.record_id}, {"pmid", &d.pmid},
                            {"doi", &d.doi}, {"language", &d.language}})
    if (!value->empty()) j[key] = *value;
  for (auto [key, list] : {std::pair{"publication_types", &d.publication_types}, {"mesh", &d.mesh},
                           {"keywords", &d.keywords}, {"chemicals", &d.chemicals}})
    if (!list->empty()) j[key] = *list;
  if (d.kind == Kind::article) {
    j["year_cue"] = d.year_cue;
    json refs = json::array();
    for (auto& r : d.references)
      refs.push_back({{"id", r.id}, {"ordinal", r.ordinal}, {"title", r.title}, {"year", nullable(r.year)}});
    j["references"] = refs;
  } else {
    j["parent_title"] = d.parent_title;
    j["volume"] = d.volume;
    j["pages"] = d.pages;
  }
  return j;
}

json to_json(const IndexStats& s) {
  json skipped = json::array();
  for (auto& e : s.skipped) skipped.push_back({{"file", e.file}, {"reason", e.reason}});
  return {{"documents", s.documents},
          {"kinds", {{"article", s.articles}, {"reference", s.references}}},
          {"schema_version", s.schema_version},
          {"last_updated", s.last_updated},
          {"formats", facet_list(s.formats, false)},
          {"files", s.files},
          {"size_bytes", s.size_bytes},
          {"years", s.facets.year.empty() ? json(nullptr)
                                          : json{{"from", std::stoi(s.facets.year.front().value)},
                                                 {"to", std::stoi(s.facets.year.back().value)}}},
          {"facets", to_json(s.facets)},
          {"skipped", skipped}};
}

void print_json(std::ostream& out, const json& j) {
  out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
}

void print_text(std::ostream& out, const SearchResult& r, const SearchRequest& req, bool color) {
  for (auto& n : r.notes) out << "note: " << n << "\n";
  if (!r.corrected.empty())
    out << "note: nothing matches \"" << r.query << "\"; showing results for \"" << r.corrected << "\"\n";
  if (r.relaxed) out << "note: no document has every word; showing documents with any of them\n";
  out << r.total << (r.total == 1 ? " match" : " matches");
  if (!r.query.empty()) out << " for \"" << r.query << "\"";
  if (!r.hits.empty()) out << " (showing " << r.hits.front().rank << "-" << r.hits.back().rank << ")";
  out << "\n";
  for (auto& h : r.hits) {
    out << "\n" << std::right << std::setw(3) << h.rank << ". " << (color ? "\x1b[1m" : "") << h.title
        << (color ? "\x1b[0m" : "") << "\n";
    out << "     " << (h.kind == Kind::reference ? "reference " + std::to_string(h.ordinal.value_or(0)) : "article")
        << " · " << (h.year ? std::to_string(*h.year) : "year unknown") << " · " << h.evidence;
    if (!h.drugs.empty()) out << " · " << join(h.drugs, ", ");
    out << "\n";
    if (h.parent) out << "     cited by: " << h.parent_title << " [" << *h.parent << "]\n";
    out << "     id: " << h.id << "   source: " << h.source << "\n";
    if (!h.snippet.text.empty()) out << "     " << highlighted(h.snippet, color) << "\n";
  }
  if (req.offset + r.hits.size() < r.total)
    out << "\n(" << r.total - req.offset - r.hits.size() << " more: use --offset " << req.offset + r.hits.size() << ")\n";
  out << "\nFacets over all " << r.total << " matches\n";
  print_facet_line(out, "drug", r.facets.drug, 12);
  print_facet_line(out, "evidence", r.facets.evidence, 10);
  print_year_histogram(out, r.facets.year);
}

void print_text(std::ostream& out, const DocumentRecord& d) {
  out << d.title << "\n";
  out << "  id:        " << d.id << "\n";
  out << "  kind:      " << to_string(d.kind);
  if (d.ordinal) out << " " << *d.ordinal;
  out << "\n";
  if (d.parent) out << "  cited by:  " << d.parent_title << " [" << *d.parent << "]\n";
  if (!d.authors.empty()) out << "  authors:   " << join(d.authors, "; ") << "\n";
  if (!d.journal.empty()) out << "  journal:   " << d.journal << "\n";
  out << "  year:      " << (d.year ? std::to_string(*d.year) : "unknown");
  if (!d.year_cue.empty()) out << "  (from \"" << d.year_cue << "\")";
  out << "\n";
  if (!d.volume.empty() || !d.pages.empty()) out << "  volume:    " << d.volume << "  pages: " << d.pages << "\n";
  out << "  evidence:  " << d.evidence << "  (" << d.evidence_cue << ")\n";
  out << "  drugs:     " << (d.drugs.empty() ? "-" : join(d.drugs, ", ")) << "\n";
  out << "  source:    " << d.source << "  (" << d.format << ")\n";
  if (!d.pmid.empty()) out << "  pmid:      " << d.pmid << "\n";
  if (!d.doi.empty()) out << "  doi:       " << d.doi << "\n";
  if (!d.record_id.empty()) out << "  record id: " << d.record_id << "\n";
  if (!d.language.empty()) out << "  language:  " << d.language << "\n";
  if (!d.publication_types.empty()) out << "  types:     " << join(d.publication_types, "; ") << "\n";
  if (!d.mesh.empty()) out << "  mesh:      " << join(d.mesh, "; ") << "\n";
  if (!d.chemicals.empty()) out << "  chemicals: " << join(d.chemicals, "; ") << "\n";
  if (!d.keywords.empty()) out << "  keywords:  " << join(d.keywords, "; ") << "\n";
  if (!d.abstract.empty()) out << "\n" << d.abstract << "\n";
  if (d.kind == Kind::reference) out << "\n  " << d.text << "\n";
  if (!d.references.empty()) {
    out << "\nReferences (" << d.references.size() << ")\n";
    for (auto& r : d.references)
      out << std::right << std::setw(5) << r.ordinal << ". " << r.title << " (" << (r.year ? std::to_string(*r.year) : "n.d.")
          << ")  [" << r.id << "]\n";
  }
}

void print_text(std::ostream& out, const IndexStats& s) {
  out << "documents:       " << s.documents << " (" << s.articles << " articles, " << s.references << " references)\n";
  out << "by format:       ";
  for (std::size_t i = 0; i < s.formats.size(); ++i) out << (i ? " · " : "") << s.formats[i].value << " (" << s.formats[i].count << ")";
  out << "\n";
  if (!s.facets.year.empty())
    out << "years:           " << s.facets.year.front().value << "-" << s.facets.year.back().value << "\n";
  out << "files indexed:   " << s.files << "\n";
  out << "size on disk:    " << std::fixed << std::setprecision(1) << static_cast<double>(s.size_bytes) / (1 << 20) << " MiB\n";
  out << "schema version:  " << s.schema_version << "\n";
  out << "last updated:    " << (s.last_updated.empty() ? "never" : s.last_updated) << "\n\n";
  out << "Facets\n";
  print_facet_line(out, "drug", s.facets.drug, 20);
  print_facet_line(out, "evidence", s.facets.evidence, 10);
  print_year_histogram(out, s.facets.year);
  if (!s.skipped.empty()) {
    out << "\nSkipped files (" << s.skipped.size() << ")\n";
    for (auto& e : s.skipped) out << "  " << e.file << ": " << e.reason << "\n";
  }
}

}  // namespace mslit::cli
