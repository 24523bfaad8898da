#include "export.hpp"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "output.hpp"

namespace mslit::cli {
namespace {

bool is_page(const DocumentRecord& r) { return r.format == "text" || r.format == "markdown" || r.format == "snippets"; }

// "7-18" -> {"7", "18"}; "e279" -> {"e279", ""}.
std::pair<std::string, std::string> page_range(const std::string& pages) {
  for (std::string_view dash : {"-", "\xE2\x80\x93"})
    if (auto at = pages.find(dash); at != std::string::npos) return {pages.substr(0, at), pages.substr(at + dash.size())};
  return {pages, ""};
}

std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// --- RIS (as Zotero, EndNote and Mendeley import it).

void write_ris(std::ostream& out, const std::vector<ExportRow>& rows) {
  for (auto& [hit, r] : rows) {
    auto tag = [&](const char* t, const std::string& value) {
      if (!value.empty()) out << t << "  - " << one_line(value) << "\r\n";
    };
    tag("TY", is_page(r) && r.kind == Kind::article ? "ELEC" : r.journal.empty() ? "GEN" : "JOUR");
    tag("TI", r.title);
    for (auto& a : r.authors) tag("AU", a);
    tag("JO", r.journal);
    if (r.year) tag("PY", std::to_string(*r.year));
    tag("VL", r.volume);
    auto [sp, ep] = page_range(r.pages);
    tag("SP", sp);
    tag("EP", ep);
    tag("DO", r.doi);
    if (!r.pmid.empty()) tag("AN", r.pmid), tag("DB", "PubMed");
    tag("AB", r.abstract);
    for (auto& m : r.mesh) tag("KW", m);
    for (auto& k : r.keywords) tag("KW", k);
    tag("N1", "mslit id: " + r.id + "; evidence: " + r.evidence + (r.drugs.empty() ? "" : "; drugs: " + join(r.drugs, ", ")));
    if (r.kind == Kind::reference && r.parent) tag("N1", "cited by: " + r.parent_title + " [" + *r.parent + "]");
    out << "ER  - \r\n\r\n";
  }
}

// --- BibTeX.

std::string bibtex_escape(const std::string& s) {
  std::string out;
  for (char c : one_line(s)) {
    if (c == '{' || c == '}' || c == '\\') out += '\\';
    else if (c == '&' || c == '%' || c == '$' || c == '#' || c == '_') out += '\\';
    out += c;
  }
  return out;
}

std::string bibtex_key(const DocumentRecord& r, std::map<std::string, int>& used) {
  std::string base;
  for (char c : r.authors.empty() ? std::string("mslit") : r.authors.front().substr(0, r.authors.front().find(' ')))
    if (std::isalnum(static_cast<unsigned char>(c))) base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (base.empty()) base = "mslit";
  base += r.year ? std::to_string(*r.year) : "nd";
  int n = used[base]++;
  return n == 0 ? base : base + static_cast<char>('a' + (n - 1) % 26) + (n > 26 ? std::to_string(n) : "");
}

void write_bibtex(std::ostream& out, const std::vector<ExportRow>& rows) {
  std::map<std::string, int> used;
  for (auto& [hit, r] : rows) {
    bool article = !r.journal.empty() && !(is_page(r) && r.kind == Kind::article);
    out << (article ? "@article{" : "@misc{") << bibtex_key(r, used) << ",\n";
    auto field = [&](const char* name, const std::string& value) {
      if (!value.empty()) out << "  " << name << " = {" << bibtex_escape(value) << "},\n";
    };
    field("title", r.title);
    field("author", join(r.authors, " and "));
    field(article ? "journal" : "howpublished", r.journal);
    if (r.year) field("year", std::to_string(*r.year));
    field("volume", r.volume);
    auto [sp, ep] = page_range(r.pages);
    field("pages", ep.empty() ? sp : sp + "--" + ep);
    field("doi", r.doi);
    if (!r.pmid.empty()) field("pmid", r.pmid);
    field("note", "mslit id " + r.id + "; evidence " + r.evidence);
    out << "}\n\n";
  }
}

// --- CSV (RFC 4180), one row per result.

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void write_csv(std::ostream& out, const std::vector<ExportRow>& rows) {
  out << "rank,id,kind,title,authors,journal,year,evidence,drugs,pmid,doi,source,cited_by\r\n";
  for (auto& [hit, r] : rows) {
    std::vector<std::string> fields = {std::to_string(hit.rank), r.id, std::string(to_string(r.kind)), r.title,
                                       join(r.authors, "; "), r.journal, r.year ? std::to_string(*r.year) : "",
                                       r.evidence, join(r.drugs, "; "), r.pmid, r.doi, r.source,
                                       r.parent.value_or("")};
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << "\r\n";
  }
}

void write_jsonl(std::ostream& out, const std::vector<ExportRow>& rows) {
  for (auto& [hit, r] : rows) {
    auto j = to_json(r);
    j["rank"] = hit.rank;
    j["score"] = hit.score;
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

}  // namespace

bool is_export_format(const std::string& name) {
  return name == "ris" || name == "bibtex" || name == "csv" || name == "jsonl";
}

void write_export(std::ostream& out, const std::string& format, const std::vector<ExportRow>& rows) {
  if (format == "ris") write_ris(out, rows);
  else if (format == "bibtex") write_bibtex(out, rows);
  else if (format == "csv") write_csv(out, rows);
  else write_jsonl(out, rows);
}

}  // namespace mslit::cli
