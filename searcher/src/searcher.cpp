#include "mslit/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "mslit/analysis.hpp"
#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/schema.hpp"
#include "mslit/text.hpp"
#include "snippets.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace mslit {
namespace {

// Counts every value of a multi-valued slot (names joined by schema::drug_separator).
class MultiValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    auto value = doc.get_value(slot_);
    std::size_t start = 0;
    while (start < value.size()) {
      auto end = value.find(schema::drug_separator, start);
      if (end == std::string::npos) end = value.size();
      if (end > start) ++counts_[value.substr(start, end - start)];
      start = end + 1;
    }
  }
  const std::map<std::string, std::size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::size_t> counts_;
};

// Sorts documents without a year after those with one.
class YearKey : public Xapian::KeyMaker {
 public:
  std::string operator()(const Xapian::Document& doc) const override {
    auto v = doc.get_value(schema::slot::year);
    return v.empty() ? std::string("\xff") : v;
  }
};

std::vector<FacetCount> by_count(const std::map<std::string, std::size_t>& counts) {
  std::vector<FacetCount> out;
  for (auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.count > b.count; });
  return out;
}

std::map<std::string, std::size_t> spy_counts(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, std::size_t> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) counts[*it] = it.get_termfreq();
  return counts;
}

// The facet spies of one search: attach to an Enquire, read after get_mset().
struct FacetCounter {
  MultiValueCountSpy drug{schema::slot::drugs};
  Xapian::ValueCountMatchSpy evidence{schema::slot::evidence};
  Xapian::ValueCountMatchSpy year{schema::slot::year};

  void attach(Xapian::Enquire& enquire) {
    enquire.clear_matchspies();
    enquire.add_matchspy(&drug);
    enquire.add_matchspy(&evidence);
    enquire.add_matchspy(&year);
  }
  Facets facets() const {
    Facets f;
    f.drug = by_count(drug.counts());
    f.evidence = by_count(spy_counts(evidence));
    for (auto& [value, count] : spy_counts(year)) f.year.push_back({value, count});
    return f;
  }
};

std::optional<int> optional_int(const json& j, const char* key) {
  if (auto it = j.find(key); it != j.end() && it->is_number_integer()) return it->get<int>();
  return std::nullopt;
}

std::string str(const json& j, const char* key) {
  if (auto it = j.find(key); it != j.end() && it->is_string()) return it->get<std::string>();
  return {};
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array())
    for (auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

int parse_year(std::string_view s, std::string_view whole) {
  int y = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), y);
  if (ec != std::errc() || p != s.data() + s.size() || s.size() != 4)
    throw UsageError("bad year range '" + std::string(whole) + "': expected FROM..TO with four-digit years (2000..2010, 2015.., ..1999 or 2004)");
  return y;
}

Xapian::Query or_of(const std::vector<std::string>& terms) {
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

YearRange parse_year_range(std::string_view text) {
  auto s = trim(text);
  YearRange r;
  auto dots = s.find("..");
  if (dots == std::string_view::npos) {
    r.from = r.to = parse_year(s, text);
    return r;
  }
  auto from = s.substr(0, dots), to = s.substr(dots + 2);
  if (from.empty() && to.empty()) throw UsageError("bad year range '" + std::string(text) + "': give at least one end");
  if (!from.empty()) r.from = parse_year(from, text);
  if (!to.empty()) r.to = parse_year(to, text);
  if (r.from && r.to && *r.from > *r.to)
    throw UsageError("bad year range '" + std::string(text) + "': " + std::to_string(*r.from) + " is after " + std::to_string(*r.to));
  return r;
}

SortOrder parse_sort_order(std::string_view text) {
  if (text == "relevance") return SortOrder::relevance;
  if (text == "year") return SortOrder::year_ascending;
  if (text == "-year") return SortOrder::year_descending;
  throw UsageError("bad sort order '" + std::string(text) + "': expected relevance, year or -year");
}

const std::vector<std::string>& query_fields() {
  static const std::vector<std::string> fields = {"title", "author", "journal", "abstract", "mesh", "ref",
                                                  "drug",  "evidence", "kind", "year", "pmid", "doi",
                                                  "pubtype", "id", "parent"};
  return fields;
}

// Field names are case-insensitive ("Title:" is "title:"); a word followed by
// ':' that is not a field is an error naming the fields, not a silent search
// for the words. Quoted text and identifier values are left alone.
std::string lower_field_names(const std::string& query) {
  std::string out = query;
  bool quoted = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '"') quoted = !quoted;
    if (quoted) continue;
    bool at_start = i == 0 || out[i - 1] == ' ' || out[i - 1] == '(' || out[i - 1] == '+' || out[i - 1] == '-';
    if (!at_start || !std::isalpha(static_cast<unsigned char>(out[i]))) continue;
    auto j = i;
    while (j < out.size() && std::isalpha(static_cast<unsigned char>(out[j]))) ++j;
    if (j >= out.size() || out[j] != ':' || j + 1 >= out.size() || out[j + 1] == ' ') {
      i = j;
      continue;
    }
    auto name = to_lower_ascii(std::string_view(out).substr(i, j - i));
    if (name == "http" || name == "https" || name == "ftp") {  // a pasted address is words, not a field
      i = j;
      continue;
    }
    const auto& known = query_fields();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (auto& f : known) list += (list.empty() ? "" : ", ") + f + ":";
      throw UsageError("unknown field '" + out.substr(i, j - i) + ":' in the query (fields: " + list + ")");
    }
    out.replace(i, j - i, name);
    // Skip the value: identifiers keep their case and characters.
    auto end = out.find(' ', j);
    i = (end == std::string::npos ? out.size() : end);
    if (name != "doi" && name != "pmid" && name != "id" && name != "parent") i = j;
  }
  return out;
}

Match parse_match(std::string_view text) {
  if (text == "auto") return Match::automatic;
  if (text == "all") return Match::all;
  if (text == "any") return Match::any;
  throw UsageError("bad match mode '" + std::string(text) + "': expected auto, all or any");
}

// A drug named in a query stands for every name of the drug: a plain query
// word or phrase that is a drug name (brand, code name, misspelling), and
// `drug:NAME`, become the OR of all the drug's names, as words and phrases,
// so "Rituxan" finds the papers that say rituximab. Names in quotes, after
// another field's prefix, or written =exactly are left alone.
std::string drug_alternatives(const DrugEntry& drug, const Analyzer& analyzer) {
  std::vector<std::string> seen;
  std::string out = "(";
  auto add = [&](std::string_view name) {
    std::string words;
    std::size_t n = 0;
    for (auto& t : analyzer.analyze(name))
      if (!t.compound) words += (n++ ? " " : "") + t.term;
    if (n == 0 || std::find(seen.begin(), seen.end(), words) != seen.end()) return;
    seen.push_back(words);
    if (out.size() > 1) out += " OR ";
    out += n == 1 ? words : "\"" + words + "\"";
  };
  add(drug.name);
  for (auto& name : drug.names) add(!name.empty() && name.front() == '=' ? std::string_view(name).substr(1) : name);
  return out + ")";
}

std::string expand_drug_names(const std::string& query, const Analyzer& analyzer) {
  const auto& lexicon = DrugLexicon::builtin();
  struct Span {
    std::size_t begin, end;
    std::string text;
  };
  std::vector<Span> spans;
  // Written drug:NAME or drug:"NAME".
  for (std::size_t i = 0; (i = query.find("drug:", i)) != std::string::npos; i += 5) {
    if (i > 0 && !(query[i - 1] == ' ' || query[i - 1] == '(' || query[i - 1] == '+' || query[i - 1] == '-')) continue;
    auto v = i + 5;
    std::size_t end;
    std::string name;
    if (v < query.size() && query[v] == '"') {
      auto close = query.find('"', v + 1);
      end = close == std::string::npos ? query.size() : close + 1;
      name = query.substr(v + 1, (close == std::string::npos ? query.size() : close) - v - 1);
    } else {
      end = std::min(query.find_first_of(" )", v), query.size());
      name = query.substr(v, end - v);
    }
    const auto* drug = lexicon.lookup(name, analyzer);
    spans.push_back({i, end, drug ? drug_alternatives(*drug, analyzer) : "\"" + name + "\""});
  }
  // Plain words that name a drug.
  for (auto& m : lexicon.find(analyzer.analyze(query))) {
    bool quoted = std::count(query.begin(), query.begin() + static_cast<std::ptrdiff_t>(m.begin), '"') % 2 == 1;
    bool after_prefix = m.begin > 0 && (query[m.begin - 1] == ':' || query[m.begin - 1] == '=');
    // NEAR and ADJ take words, not groups: a drug name beside them stays a word.
    auto before = trim(std::string_view(query).substr(0, m.begin));
    auto after = trim(std::string_view(query).substr(m.end));
    auto last_word = before.substr(before.find_last_of(' ') == std::string_view::npos ? 0 : before.find_last_of(' ') + 1);
    bool proximity = last_word.rfind("NEAR", 0) == 0 || last_word.rfind("ADJ", 0) == 0 || after.rfind("NEAR", 0) == 0 ||
                     after.rfind("ADJ", 0) == 0;
    if (proximity) continue;
    bool inside = std::any_of(spans.begin(), spans.end(), [&](auto& s) { return m.begin < s.end && m.end > s.begin; });
    if (!quoted && !after_prefix && !inside) spans.push_back({m.begin, m.end, drug_alternatives(*m.drug, analyzer)});
  }
  std::sort(spans.begin(), spans.end(), [](auto& a, auto& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t at = 0;
  for (auto& s : spans) {
    if (s.begin < at) continue;
    out.append(query, at, s.begin - at);
    out += s.text;
    at = s.end;
  }
  out.append(query, at, std::string::npos);
  return out;
}

struct Searcher::Impl {
  fs::path dir;
  // Mutable: reopened (to the latest commit) when a writer's changes overtake a read.
  mutable Xapian::Database db;
  Analyzer analyzer;
  Xapian::Stem stemmer{"english"};
  Xapian::SimpleStopper stopper;

  explicit Impl(const fs::path& d) : dir(d) {
    std::error_code ec;
    if (!fs::exists(d / "iamglass", ec))
      throw IndexError(d.string() + ": no mslit index here (build one with: mslit index --db " + d.string() + " PATH...)");
    try {
      db = Xapian::Database(d.string());
    } catch (const Xapian::Error& e) {
      throw IndexError(d.string() + ": cannot open index: " + e.get_description());
    }
    auto version = db.get_metadata(std::string(schema::metadata::version));
    if (version != std::to_string(schema::version))
      throw IndexError(d.string() + ": index has schema version '" + version + "', this mslit reads version " +
                       std::to_string(schema::version) + "; re-index the collection");
    // Stopwords are dropped from queries, never from the index, so phrases
    // such as "quality of life" still match exactly.
    for (const char* w : {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
                          "of", "on", "or", "that", "the", "this", "to", "was", "were", "with"})
      stopper.add(w);
  }

  // The query with its words spelt as the index spells them ("natalizimab
  // relaps" -> "natalizumab relaps"); empty when nothing needs correcting.
  std::string spelling_correction(const std::string& text) const {
    Xapian::QueryParser qp;
    qp.set_database(db);
    for (auto& f : query_fields()) qp.add_prefix(f, "X" + f);  // field names are not words to correct
    auto normal = analyzer.normalize_query(lower_field_names(text), {"doi", "pmid", "id", "parent"});
    try {
      qp.parse_query(normal, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    } catch (const Xapian::QueryParserError&) {
      return {};
    }
    return qp.get_corrected_query_string();
  }

  Xapian::Query parse(const std::string& text, Xapian::Query::op default_op, std::string* understood_out = nullptr) const {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stemmer);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&stopper);
    qp.set_default_op(default_op);
    qp.add_prefix("title", std::string(schema::prefix::title));
    qp.add_prefix("author", std::string(schema::prefix::author));
    qp.add_prefix("journal", std::string(schema::prefix::journal));
    qp.add_prefix("abstract", std::string(schema::prefix::abstract));
    qp.add_prefix("mesh", std::string(schema::prefix::mesh));
    qp.add_prefix("ref", std::string(schema::prefix::ref));
    // year:2000..2010 (either end may be left out); year:2004 is the boolean term.
    Xapian::RangeProcessor years(schema::slot::year, "year:");
    qp.add_rangeprocessor(&years);
    qp.add_boolean_prefix("pmid", std::string(schema::prefix::pmid));
    qp.add_boolean_prefix("doi", std::string(schema::prefix::doi));
    qp.add_boolean_prefix("pubtype", std::string(schema::prefix::pubtype));
    qp.add_boolean_prefix("evidence", std::string(schema::prefix::evidence));
    qp.add_boolean_prefix("kind", std::string(schema::prefix::kind));
    qp.add_boolean_prefix("year", std::string(schema::prefix::year));
    qp.add_boolean_prefix("id", std::string(schema::prefix::id));
    qp.add_boolean_prefix("parent", std::string(schema::prefix::parent));
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                     Xapian::QueryParser::FLAG_PURE_NOT;
    try {
      // Identifiers pass through unanalysed: "doi:10.1016/J.X(99)1" is one term.
      static const std::vector<std::string> verbatim = {"doi", "pmid", "id", "parent"};
      auto understood = analyzer.normalize_query(expand_drug_names(lower_field_names(text), analyzer), verbatim);
      if (understood_out) *understood_out = understood;
      return qp.parse_query(understood, flags);
    } catch (const Xapian::QueryParserError& e) {
      throw UsageError("cannot understand the query '" + text + "': " + e.get_msg());
    }
  }

  Xapian::Query filters(const SearchRequest& r, std::vector<std::string>& notes) const {
    std::vector<Xapian::Query> parts;
    if (r.kind) parts.emplace_back(std::string(schema::prefix::kind) + std::string(to_string(*r.kind)));
    if (!r.drugs.empty()) {
      std::vector<std::string> terms;
      for (auto& name : r.drugs) {
        if (auto* drug = DrugLexicon::builtin().lookup(name, analyzer)) {
          terms.push_back(std::string(schema::prefix::drug) + drug->name);
        } else {
          notes.push_back("'" + name + "' is not in the drug lexicon; filtering on it as written");
          terms.push_back(std::string(schema::prefix::drug) + analyzer.fold(name));
        }
      }
      parts.push_back(or_of(terms));
    }
    if (!r.evidence.empty()) {
      std::vector<std::string> terms;
      for (auto& e : r.evidence) {
        auto type = evidence_from_string(to_lower_ascii(trim(e)));
        if (!type) {
          std::string known;
          for (auto t : all_evidence_types()) known += (known.empty() ? "" : ", ") + std::string(to_string(t));
          throw UsageError("unknown evidence type '" + e + "' (known: " + known + ")");
        }
        terms.push_back(std::string(schema::prefix::evidence) + std::string(to_string(*type)));
      }
      parts.push_back(or_of(terms));
    }
    if (r.years.from || r.years.to) {
      auto from = r.years.from ? std::to_string(*r.years.from) : std::string("0000");
      auto to = r.years.to ? std::to_string(*r.years.to) : std::string("9999");
      parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot::year, from, to);
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }

  DocumentRecord record(const Xapian::Document& doc) const {
    auto j = json::parse(doc.get_data(), nullptr, false);
    DocumentRecord d;
    if (!j.is_object()) return d;
    d.id = str(j, "id");
    d.kind = str(j, "kind") == "reference" ? Kind::reference : Kind::article;
    d.title = str(j, "title");
    d.authors = strings(j, "authors");
    d.journal = str(j, "journal");
    d.year = optional_int(j, "year");
    d.year_cue = str(j, "year_cue");
    d.evidence = str(j, "evidence");
    d.evidence_cue = str(j, "evidence_cue");
    d.drugs = strings(j, "drugs");
    d.source = str(j, "source");
    d.format = str(j, "format");
    d.ordinal = optional_int(j, "ordinal");
    if (auto p = str(j, "parent"); !p.empty()) d.parent = p;
    d.parent_title = str(j, "parent_title");
    d.volume = str(j, "volume");
    d.pages = str(j, "pages");
    d.text = str(j, "text");
    d.abstract = str(j, "abstract");
    d.record_id = str(j, "record_id");
    d.pmid = str(j, "pmid");
    d.doi = str(j, "doi");
    d.language = str(j, "language");
    d.publication_types = strings(j, "publication_types");
    d.mesh = strings(j, "mesh");
    d.keywords = strings(j, "keywords");
    d.chemicals = strings(j, "chemicals");
    return d;
  }

  std::optional<Xapian::Document> find(std::string_view id) const {
    auto term = std::string(schema::prefix::id) + std::string(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return db.get_document(*it);
  }
};

Searcher::Searcher(const fs::path& db_dir) : impl_(std::make_unique<Impl>(db_dir)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

// A writer may commit while a search reads: Xapian then throws
// DatabaseModifiedError, and the search is run again on the newest commit.
template <typename F>
auto with_reopen(Xapian::Database& db, F&& f) -> decltype(f()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 10) throw IndexError("the index kept changing during the search: " + e.get_description());
      db.reopen();
    }
  }
}

SearchResult Searcher::search(const SearchRequest& r) const {
  return with_reopen(impl_->db, [&] { return search_once(r); });
}
std::optional<DocumentRecord> Searcher::get(std::string_view id) const {
  return with_reopen(impl_->db, [&] { return get_once(id); });
}
IndexStats Searcher::stats() const {
  return with_reopen(impl_->db, [&] { return stats_once(); });
}

SearchResult Searcher::search_once(const SearchRequest& r) const {
  const auto& I = *impl_;
  SearchResult result;
  result.query = r.query;
  try {
    bool empty = trim(r.query).empty();
    auto op = r.match == Match::any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
    Xapian::Query text = empty ? Xapian::Query::MatchAll : I.parse(r.query, op, &result.explanation.understood);
    Xapian::Query filter = I.filters(r, result.notes);

    Xapian::Enquire enquire(I.db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(r.bm25.k1, 0, 1, r.bm25.b, 0.5));
    YearKey year_key;
    switch (r.sort) {
      case SortOrder::relevance: break;
      case SortOrder::year_ascending: enquire.set_sort_by_key_then_relevance(&year_key, false); break;
      case SortOrder::year_descending: enquire.set_sort_by_value_then_relevance(schema::slot::year, true); break;
    }
    Xapian::MSet mset;
    std::unique_ptr<FacetCounter> counter;
    auto run = [&](const Xapian::Query& q) {
      enquire.set_query(filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter));
      if (r.facets) {
        counter = std::make_unique<FacetCounter>();
        counter->attach(enquire);
        // Checking every match makes the total and the facet counts exact.
        mset = enquire.get_mset(static_cast<Xapian::doccount>(r.offset), static_cast<Xapian::doccount>(r.limit),
                                I.db.get_doccount());
      } else {
        // Only the page: Xapian may stop early (the total is its estimate).
        mset = enquire.get_mset(static_cast<Xapian::doccount>(r.offset), static_cast<Xapian::doccount>(r.limit));
      }
    };
    run(text);
    // Nothing matches: a misspelt word may be why. Run the corrected query.
    if (r.match != Match::any && mset.size() == 0 && mset.get_matches_upper_bound() == 0 && !empty) {
      auto corrected = I.spelling_correction(r.query);
      if (!corrected.empty()) {
        std::string understood;
        auto fixed = I.parse(corrected, op, &understood);
        run(fixed);
        if (mset.get_matches_upper_bound() > 0) {
          text = fixed;
          result.corrected = corrected;
          result.explanation.understood = std::move(understood);
        } else {
          run(text);
        }
      }
    }
    // Short keyword queries need every word; when nothing has them all, any word will do.
    if (r.match == Match::automatic && mset.size() == 0 && mset.get_matches_upper_bound() == 0 && !empty) {
      std::string understood;
      Xapian::Query any = I.parse(r.query, Xapian::Query::OP_OR, &understood);
      if (any.serialise() != text.serialise()) {
        run(any);
        text = any;
        result.relaxed = mset.get_matches_estimated() > 0;
        result.explanation.understood = std::move(understood);
      }
    }
    result.total = mset.get_matches_estimated();
    result.explanation.xapian_query =
        (filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, filter)).get_description();
    if (counter) result.facets = counter->facets();

    auto words = QueryWords::from(text);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto doc = it.get_document();
      auto d = I.record(doc);
      Hit h;
      h.rank = r.offset + it.get_rank() - mset.get_firstitem() + 1;
      h.id = d.id;
      h.record_id = d.record_id;
      h.kind = d.kind;
      h.title = d.title;
      h.year = d.year;
      h.evidence = d.evidence;
      h.drugs = d.drugs;
      h.source = d.source;
      h.ordinal = d.ordinal;
      h.parent = d.parent;
      h.parent_title = d.parent_title;
      h.score = it.get_weight();
      if (r.snippets)
        h.snippet = make_snippet(d.abstract.empty() ? d.text : d.text.empty() ? d.abstract : d.abstract + "\n\n" + d.text,
                               words, I.analyzer, I.stemmer);
      result.hits.push_back(std::move(h));
    }
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // with_reopen() runs it again
  } catch (const Xapian::Error& e) {
    throw IndexError(I.dir.string() + ": search failed: " + e.get_description());
  }
  return result;
}

std::optional<DocumentRecord> Searcher::get_once(std::string_view id) const {
  const auto& I = *impl_;
  try {
    auto doc = I.find(id);
    if (!doc) return std::nullopt;
    auto d = I.record(*doc);
    if (d.kind == Kind::article) {
      auto term = std::string(schema::prefix::parent) + d.id;
      for (auto it = I.db.postlist_begin(term); it != I.db.postlist_end(term); ++it) {
        auto r = I.record(I.db.get_document(*it));
        d.references.push_back({r.id, r.ordinal.value_or(0), r.title, r.year});
      }
      std::sort(d.references.begin(), d.references.end(), [](auto& a, auto& b) { return a.ordinal < b.ordinal; });
    }
    return d;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // with_reopen() runs it again
  } catch (const Xapian::Error& e) {
    throw IndexError(I.dir.string() + ": reading document " + std::string(id) + " failed: " + e.get_description());
  }
}

IndexStats Searcher::stats_once() const {
  const auto& I = *impl_;
  IndexStats s;
  try {
    s.documents = I.db.get_doccount();
    s.articles = I.db.get_termfreq(std::string(schema::prefix::kind) + "article");
    s.references = I.db.get_termfreq(std::string(schema::prefix::kind) + "reference");
    s.schema_version = std::stoi(I.db.get_metadata(std::string(schema::metadata::version)));
    s.last_updated = I.db.get_metadata(std::string(schema::metadata::last_updated));
    auto format_prefix = std::string(schema::prefix::format);
    for (auto t = I.db.allterms_begin(format_prefix); t != I.db.allterms_end(format_prefix); ++t)
      s.formats.push_back({(*t).substr(format_prefix.size()), t.get_termfreq()});
    std::sort(s.formats.begin(), s.formats.end(), [](auto& a, auto& b) { return a.count > b.count; });
    auto state_prefix = std::string(schema::metadata::file_state);
    for (auto k = I.db.metadata_keys_begin(state_prefix); k != I.db.metadata_keys_end(state_prefix); ++k)
      if (!I.db.get_metadata(*k).empty()) ++s.files;
    std::error_code ec;
    for (auto it = fs::directory_iterator(I.dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec)) s.size_bytes += it->file_size(ec);
    auto skipped = json::parse(I.db.get_metadata(std::string(schema::metadata::skipped)), nullptr, false);
    if (skipped.is_array())
      for (auto& e : skipped) s.skipped.push_back({str(e, "file"), str(e, "reason")});

    Xapian::Enquire enquire(I.db);
    FacetCounter counter;
    counter.attach(enquire);
    enquire.set_query(Xapian::Query::MatchAll);
    enquire.get_mset(0, 0, I.db.get_doccount());
    s.facets = counter.facets();
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // with_reopen() runs it again
  } catch (const Xapian::Error& e) {
    throw IndexError(I.dir.string() + ": reading statistics failed: " + e.get_description());
  }
  return s;
}

// Only plain free-text words make a good "more like this" query: no field or
// filter terms (upper-case prefixes), no stems, no bare numbers.
class WordsOnly : public Xapian::ExpandDecider {
 public:
  explicit WordsOnly(const Xapian::Stopper& stopper) : stopper_(stopper) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 3 || !(term[0] >= 'a' && term[0] <= 'z') || stopper_(term)) return false;
    return term.find_first_of(" :\"()") == std::string::npos;
  }

 private:
  const Xapian::Stopper& stopper_;
};

std::optional<SearchResult> Searcher::similar(std::string_view id, SearchRequest request, std::size_t terms) const {
  std::string words;
  bool found = with_reopen(impl_->db, [&] {
    auto& db = impl_->db;
    auto id_term = std::string(schema::prefix::id) + std::string(id);
    auto it = db.postlist_begin(id_term);
    if (it == db.postlist_end(id_term)) return false;
    Xapian::RSet rset;
    rset.add_document(*it);
    Xapian::Enquire enquire(db);
    WordsOnly decider(impl_->stopper);
    auto eset = enquire.get_eset(static_cast<Xapian::termcount>(terms), rset, &decider);
    words.clear();
    for (auto t = eset.begin(); t != eset.end(); ++t) words += (words.empty() ? "" : " OR ") + *t;
    return true;
  });
  if (!found) return std::nullopt;
  request.query = words.empty() ? std::string() : "(" + words + ") NOT id:" + std::string(id);
  auto result = search(request);
  result.query = "like " + std::string(id);
  return result;
}

}  // namespace mslit
