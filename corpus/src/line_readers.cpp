// The line-based readers: PubMed's MEDLINE text export (.nbib), RIS, and
// JSON Lines. Each reads one record at a time from the stream.
#include <nlohmann/json.hpp>

#include <map>

#include "mslit/error.hpp"
#include "mslit/text.hpp"
#include "reader_support.hpp"

namespace mslit {
namespace {

// A tagged field line: "TI  - text" (MEDLINE: tag up to 4 characters; RIS:
// 2 characters), padded with spaces to 4, then "- ". Returns the tag.
std::optional<std::string> field_tag(std::string_view line, std::size_t max_tag) {
  if (line.size() < 5 || line[4] != '-' || (line.size() > 5 && line[5] != ' ')) return std::nullopt;
  auto tag = trim(line.substr(0, 4));
  if (tag.empty() || tag.size() > max_tag || line.substr(0, tag.size()) != tag) return std::nullopt;
  for (char c : tag)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return std::nullopt;
  return std::string(tag);
}

// A line that tries to be a field line and fails: "TI -Title", "AU- Olek",
// "PY  -2004": two to four capitals or digits, spaces, then a dash.
bool looks_like_tag(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 4 && ((line[i] >= 'A' && line[i] <= 'Z') || (line[i] >= '0' && line[i] <= '9'))) ++i;
  if (i < 2) return false;
  std::size_t j = i;
  while (j < line.size() && line[j] == ' ') ++j;
  return j < line.size() && j <= 6 && line[j] == '-';
}

// One record of tagged fields, in order, with the line each starts on.
struct TaggedRecord {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t line = 0;
  bool empty() const { return fields.empty(); }
  void clear() {
    fields.clear();
    line = 0;
  }
  std::string first(std::initializer_list<const char*> tags) const {
    for (auto* t : tags)
      for (auto& [tag, value] : fields)
        if (tag == t && !value.empty()) return value;
    return {};
  }
  std::vector<std::string> all(std::initializer_list<const char*> tags) const {
    std::vector<std::string> out;
    for (auto& [tag, value] : fields)
      for (auto* t : tags)
        if (tag == t && !value.empty()) out.push_back(value);
    return out;
  }
};

// Reads tagged records, calling `on_record` for each. `starts` says whether a
// tag starts a new record, `ends` whether it ends one (RIS "ER").
template <typename Starts, typename Ends, typename OnRecord>
void read_tagged(InputStream& in, ReadContext& cx, std::size_t max_tag, bool blank_ends, Starts starts, Ends ends,
                 OnRecord on_record) {
  TaggedRecord rec;
  std::size_t record = 0;
  auto finish = [&] {
    if (!rec.empty()) on_record(rec, ++record);
    rec.clear();
  };
  std::string line;
  bool too_long = false;
  while (in.getline(line, max_record_line, &too_long)) {
    auto n = in.line_number();
    if (too_long) {
      cx.warn(n, "line longer than 64 MiB; cut there");
    }
    if (trim(line).empty()) {
      if (blank_ends) finish();
      continue;
    }
    if (auto tag = field_tag(line, max_tag)) {
      if (starts(*tag) && !rec.empty()) finish();
      if (rec.empty()) rec.line = n;
      auto value = line.size() > 6 ? std::string(trim(std::string_view(line).substr(6))) : std::string();
      rec.fields.emplace_back(*tag, value);
      if (ends(*tag)) finish();
      continue;
    }
    auto shown = line.substr(0, 40) + (line.size() > 40 ? "..." : "");
    if (looks_like_tag(line)) {
      cx.warn(n, "malformed field tag (expected 'TAG  - value'): '" + shown + "'; line ignored");
      continue;
    }
    if (rec.empty()) {
      cx.warn(n, "text outside a record: '" + shown + "'; ignored");
      continue;
    }
    // Wrapped text (indented, or not as some exporters write it) continues the field above.
    auto& value = rec.fields.back().second;
    if (!value.empty()) value += ' ';
    value += trim(line);
  }
  finish();
  if (auto w = in.utf8_warning(); !w.empty()) cx.warn(0, w);
}

// "10.1016/j.x.2004.01.001 [doi]" -> the DOI, when the id is one.
std::string doi_from_id(std::string_view id) {
  auto s = trim(id);
  if (s.size() > 6 && s.substr(s.size() - 5) == "[doi]") return normalize_doi(s.substr(0, s.size() - 5));
  return {};
}

// "0 (Natalizumab)", "EC 3.1.1.7 (Acetylcholinesterase)" -> the name in parentheses.
std::string substance_name(std::string_view rn) {
  auto open = rn.find('(');
  auto close = rn.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close <= open) return std::string(trim(rn));
  return std::string(trim(rn.substr(open + 1, close - open - 1)));
}

// "Olek, Michael J." -> "Olek MJ"; names without a comma stay as written.
std::string ris_author(std::string_view name) {
  auto comma = name.find(',');
  if (comma == std::string_view::npos) return squash_space(name);
  return author_name(trim(name.substr(0, comma)), trim(name.substr(comma + 1)));
}

}  // namespace

void read_medline_text(InputStream& in, ReadContext& cx) {
  read_tagged(
      in, cx, 4, true, [](const std::string& tag) { return tag == "PMID"; }, [](const std::string&) { return false; },
      [&](const TaggedRecord& r, std::size_t record) {
        Article a;
        a.pmid = r.first({"PMID"});
        a.title = r.first({"TI", "BTI"});
        a.abstract = r.first({"AB"});
        a.authors = r.all({"AU"});
        if (a.authors.empty())
          for (auto& full : r.all({"FAU"})) a.authors.push_back(ris_author(full));
        a.journal = r.first({"JT", "TA"});
        auto dp = r.first({"DP"});
        if (auto y = first_year(dp)) {
          a.year = y;
          a.year_cue = "DP " + dp;
        }
        for (auto& id : r.all({"LID", "AID"}))
          if (a.doi.empty()) a.doi = doi_from_id(id);
        a.publication_types = r.all({"PT"});
        for (auto mh : r.all({"MH"})) {
          mh.erase(std::remove(mh.begin(), mh.end(), '*'), mh.end());
          a.mesh.push_back(mh);
        }
        for (auto& rn : r.all({"RN"}))
          if (auto name = substance_name(rn); !name.empty()) a.chemicals.push_back(name);
        for (auto& nm : r.all({"NM"})) a.chemicals.push_back(substance_name(nm));
        a.keywords = r.all({"OT"});
        a.language = r.first({"LA"});
        if (a.pmid.empty()) cx.warn(r.line, "record " + std::to_string(record) + " has no PMID");
        cx.emit(std::move(a), record, r.line);
      });
}

void read_ris(InputStream& in, ReadContext& cx) {
  read_tagged(
      in, cx, 2, false, [](const std::string& tag) { return tag == "TY"; },
      [](const std::string& tag) { return tag == "ER"; },
      [&](const TaggedRecord& r, std::size_t record) {
        if (r.fields.front().first != "TY")
          cx.warn(r.line, "record " + std::to_string(record) + " does not start with 'TY  - '");
        if (r.fields.back().first != "ER")
          cx.warn(r.line, "record " + std::to_string(record) + " has no 'ER  - ' line at its end");
        Article a;
        a.title = r.first({"TI", "T1", "CT", "BT"});
        a.abstract = r.first({"AB", "N2"});
        for (auto& au : r.all({"AU", "A1"})) a.authors.push_back(ris_author(au));
        a.journal = r.first({"JF", "JO", "T2", "JA", "J2", "J1"});
        auto date = r.first({"PY", "Y1", "DA"});
        if (auto y = first_year(date)) {
          a.year = y;
          a.year_cue = "PY " + date;
        }
        a.doi = normalize_doi(r.first({"DO"}));
        if (a.doi.empty())
          for (auto& ur : r.all({"UR", "L2"}))
            if (auto at = ur.find("doi.org/"); at != std::string::npos && a.doi.empty())
              a.doi = normalize_doi(ur.substr(at + 8));
        // The reference type, and any publication type the database adds (M3, Ovid's PT).
        if (auto ty = r.first({"TY"}); !ty.empty()) a.publication_types.push_back(ty);
        for (auto& t : r.all({"M3", "PT"})) a.publication_types.push_back(t);
        a.keywords = r.all({"KW"});
        a.language = r.first({"LA"});
        // PubMed's RIS puts the PMID in AN; other databases their own accession numbers.
        if (auto an = r.first({"AN"}); !an.empty() && an.find_first_not_of("0123456789") == std::string::npos &&
                                       contains_ci(r.first({"DB", "DP"}), "pubmed"))
          a.pmid = an;
        cx.emit(std::move(a), record, r.line);
      });
}

namespace {

using nlohmann::json;

std::string json_string(const json& j, std::initializer_list<const char*> keys) {
  for (auto* k : keys) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    throw InputError("", 0, std::string("field '") + k + "' must be a string");
  }
  return {};
}

std::vector<std::string> json_strings(const json& j, std::initializer_list<const char*> keys) {
  std::vector<std::string> out;
  for (auto* k : keys) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) continue;
    if (it->is_string()) {
      out.push_back(it->get<std::string>());
      continue;
    }
    if (!it->is_array()) throw InputError("", 0, std::string("field '") + k + "' must be a list of strings");
    for (auto& v : *it) {
      if (v.is_string()) out.push_back(v.get<std::string>());
      else if (v.is_object() && v.contains("name") && v["name"].is_string()) out.push_back(v["name"].get<std::string>());
      else throw InputError("", 0, std::string("field '") + k + "' must be a list of strings");
    }
  }
  return out;
}

std::optional<int> json_year(const json& j) {
  for (auto* k : {"year", "date", "pub_date"}) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) continue;
    if (it->is_number_integer()) {
      auto y = it->get<long long>();
      if (y >= 1800 && y <= 2099) return static_cast<int>(y);
    } else if (it->is_string()) {
      if (auto y = first_year(it->get<std::string>())) return y;
    }
  }
  return std::nullopt;
}

Article json_article(const json& j) {
  Article a;
  bool beir = j.contains("_id");
  const json empty = json::object();
  const json& meta = j.contains("metadata") && j["metadata"].is_object() ? j["metadata"] : empty;
  a.record_id = json_string(j, {"_id", "id"});
  a.pmid = json_string(j, {"pmid"});
  if (a.pmid.empty()) a.pmid = json_string(meta, {"pmid", "pubmed_id"});
  a.doi = normalize_doi(json_string(j, {"doi"}));
  if (a.doi.empty()) a.doi = normalize_doi(json_string(meta, {"doi"}));
  a.title = json_string(j, {"title"});
  a.abstract = json_string(j, {"abstract"});
  // BEIR's "text" is the abstract of a record; elsewhere "text"/"body" is full text.
  if (beir && a.abstract.empty()) a.abstract = json_string(j, {"text"});
  else a.body = json_string(j, {"body", "text"});
  a.authors = json_strings(j, {"authors"});
  if (a.authors.empty()) a.authors = json_strings(meta, {"authors"});
  a.journal = json_string(j, {"journal"});
  if (a.journal.empty()) a.journal = json_string(meta, {"journal"});
  a.year = json_year(j);
  if (!a.year) a.year = json_year(meta);
  if (a.year) a.year_cue = "year";
  a.publication_types = json_strings(j, {"publication_types"});
  a.mesh = json_strings(j, {"mesh"});
  a.keywords = json_strings(j, {"keywords"});
  a.chemicals = json_strings(j, {"chemicals"});
  a.language = json_string(j, {"language"});
  if (auto refs = j.find("references"); refs != j.end() && !refs->is_null()) {
    if (!refs->is_array()) throw InputError("", 0, "field 'references' must be a list");
    int ordinal = 0;
    for (auto& rj : *refs) {
      Reference r;
      r.ordinal = ++ordinal;
      if (rj.is_string()) {
        r.raw = rj.get<std::string>();
      } else if (rj.is_object()) {
        r.raw = json_string(rj, {"raw", "text"});
        r.title = json_string(rj, {"title"});
        r.authors = json_strings(rj, {"authors"});
        r.journal = json_string(rj, {"journal", "source"});
        r.year = json_year(rj);
        r.volume = json_string(rj, {"volume"});
        r.pages = json_string(rj, {"pages"});
        r.pmid = json_string(rj, {"pmid"});
        r.doi = normalize_doi(json_string(rj, {"doi"}));
        if (r.raw.empty()) {
          for (std::size_t i = 0; i < r.authors.size(); ++i) r.raw += (i ? ", " : "") + r.authors[i];
          for (auto* part : {&r.title, &r.journal})
            if (!part->empty()) r.raw += (r.raw.empty() ? "" : ". ") + *part;
          if (r.year) r.raw += (r.raw.empty() ? "" : ". ") + std::to_string(*r.year);
        }
      } else {
        throw InputError("", 0, "reference " + std::to_string(ordinal) + " must be a string or an object");
      }
      a.references.push_back(std::move(r));
    }
  }
  return a;
}

// InputError's text without its empty file part (": reason" -> "reason").
std::string reason(const InputError& e) {
  std::string s = e.what();
  return s.rfind(": ", 0) == 0 ? s.substr(2) : s;
}

}  // namespace

void read_jsonl(InputStream& in, ReadContext& cx) {
  std::string line;
  bool too_long = false;
  std::size_t record = 0;
  while (in.getline(line, max_record_line, &too_long)) {
    auto n = in.line_number();
    if (trim(line).empty()) continue;
    ++record;
    if (too_long) {
      cx.skip_record(record, n, "line longer than 64 MiB");
      continue;
    }
    json j;
    try {
      j = json::parse(line);
    } catch (const json::parse_error& e) {
      std::string what = e.what();
      cx.skip_record(record, n, "invalid JSON (" + what.substr(what.find(' ') + 1) + ")");
      continue;
    }
    if (!j.is_object()) {
      cx.skip_record(record, n, "a JSON record must be an object");
      continue;
    }
    try {
      cx.emit(json_article(j), record, n);
    } catch (const InputError& e) {
      cx.skip_record(record, n, reason(e));
    } catch (const json::exception& e) {
      cx.skip_record(record, n, e.what());
    }
  }
  if (auto w = in.utf8_warning(); !w.empty()) cx.warn(0, w);
}

}  // namespace mslit
