// The searcher: a request (query text, filters, sort, page) in, a plain
// result (ranked hits with snippets, exact total, exact facet counts) out.
// Output formats (text, JSON) are the caller's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mslit/model.hpp"

namespace mslit {

enum class SortOrder { relevance, year_ascending, year_descending };

/// Inclusive year bounds; either end may be open.
struct YearRange {
  std::optional<int> from;
  std::optional<int> to;
};
/// Parses "2000..2010", "2000..", "..2010" or "2004". Throws UsageError.
YearRange parse_year_range(std::string_view text);
/// Parses "relevance", "year" or "-year". Throws UsageError.
SortOrder parse_sort_order(std::string_view text);

/// How the words of a query combine when no operator joins them.
enum class Match {
  automatic,  ///< every word required; when no document has them all, any word (SearchResult::relaxed)
  all,        ///< every word required, no fallback
  any,        ///< any word will do, ranked by BM25: for long natural-language queries (claims, questions)
};
/// Parses "auto", "all" or "any". Throws UsageError.
Match parse_match(std::string_view text);

/// Xapian's BM25 parameters (Xapian::BM25Weight); the defaults are mslit's ranking.
struct Bm25Params {
  double k1 = 1.0;  ///< term frequency saturation
  double b = 0.5;   ///< document length normalisation, 0 (none) to 1 (full)
};

struct SearchRequest {
  std::string query;                  ///< Xapian query syntax; empty matches every document
  std::size_t offset = 0;
  std::size_t limit = 10;
  std::optional<Kind> kind;           ///< only articles or only references
  std::vector<std::string> drugs;     ///< any name of a drug; several: documents with any of them
  std::vector<std::string> evidence;  ///< evidence type names; several: any of them
  YearRange years;
  SortOrder sort = SortOrder::relevance;
  Match match = Match::automatic;
  /// Count facets over every match (exact total too). Off: only the page is
  /// ranked (SearchResult::total is then Xapian's estimate and facets are
  /// empty), which is what batch runs and evaluations want.
  bool facets = true;
  bool snippets = true;               ///< cut a highlighted snippet for each hit
  Bm25Params bm25;
};

/// A byte range of Snippet::text where a query word matched.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Snippet {
  std::string text;  ///< plain text, no markup
  std::vector<Highlight> highlights;
};

struct Hit {
  std::size_t rank = 0;  ///< 1-based over the whole result list
  std::string id;
  std::string record_id;  ///< the collection's own id of the record (BEIR "_id"), when it has one
  Kind kind = Kind::article;
  std::string title;
  std::optional<int> year;
  std::string evidence;
  std::vector<std::string> drugs;
  std::string source;
  std::optional<int> ordinal;         ///< a reference's number in its list
  std::optional<std::string> parent;  ///< a reference's citing article
  std::string parent_title;
  double score = 0;
  Snippet snippet;
};

struct FacetCount {
  std::string value;
  std::size_t count = 0;
};

/// Counts over every matching document, not only the page returned.
struct Facets {
  std::vector<FacetCount> drug;      ///< by count, most first
  std::vector<FacetCount> evidence;  ///< by count, most first
  std::vector<FacetCount> year;      ///< by year, oldest first
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;  ///< exact number of matching documents (an estimate when facets are off)
  std::vector<Hit> hits;
  Facets facets;
  bool relaxed = false;             ///< no document had every word, so any word was enough
  std::vector<std::string> notes;   ///< things the user should know (unknown drug name, ...)
  /// The query with misspelt words corrected from the index's own vocabulary
  /// (titles and abstracts), when nothing matched the query as written and
  /// the corrected query was run instead; empty otherwise.
  std::string corrected;
  /// How the query was understood (as PubMed's "search details"): the query
  /// text after drug names were widened and fields normalised, and the
  /// Xapian query that ran, filters included.
  struct Explanation {
    std::string understood;
    std::string xapian_query;
  } explanation;
};

/// The field names a query may use ("title:", "year:2000..2010", ...).
const std::vector<std::string>& query_fields();

/// A reference as listed under its article.
struct ReferenceSummary {
  std::string id;
  int ordinal = 0;
  std::string title;
  std::optional<int> year;
};

/// One document with all its stored fields.
struct DocumentRecord {
  std::string id;
  Kind kind = Kind::article;
  std::string title;
  std::vector<std::string> authors;
  std::string journal;
  std::optional<int> year;
  std::string year_cue;
  std::string evidence;
  std::string evidence_cue;
  std::vector<std::string> drugs;
  std::string source;
  std::string format;
  std::optional<int> ordinal;
  std::optional<std::string> parent;
  std::string parent_title;
  std::string volume;
  std::string pages;
  std::string abstract;    ///< labelled sections as "LABEL: text" paragraphs
  std::string text;        ///< an article's full text, a reference's citation
  std::string record_id;   ///< the collection's own id of a record (BEIR "_id")
  std::string pmid;
  std::string doi;
  std::string language;
  std::vector<std::string> publication_types;
  std::vector<std::string> mesh;
  std::vector<std::string> keywords;
  std::vector<std::string> chemicals;
  std::vector<ReferenceSummary> references;  ///< an article's reference list, in order
};

struct IndexStats {
  std::size_t documents = 0;
  std::size_t articles = 0;
  std::size_t references = 0;
  int schema_version = 0;
  std::string last_updated;  ///< ISO 8601 UTC
  std::vector<FacetCount> formats;  ///< documents by the reader that read them, most first
  std::size_t files = 0;            ///< files indexed (with a recorded state)
  std::uint64_t size_bytes = 0;     ///< the index's size on disk
  Facets facets;
  std::vector<SkippedFile> skipped;
};

class Searcher {
 public:
  /// Opens the index read-only. Throws IndexError when there is no index
  /// there or it was built with another schema version.
  explicit Searcher(const std::filesystem::path& db_dir);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  /// Runs a search. Throws UsageError for a query or filter that cannot be
  /// understood. A writer committing meanwhile is handled here: the search is
  /// run again on the newest commit.
  SearchResult search(const SearchRequest& request) const;
  /// The document with this id, or nullopt.
  std::optional<DocumentRecord> get(std::string_view id) const;
  IndexStats stats() const;
  /// Documents like the one with this id (relevance feedback): the document's
  /// most telling words, chosen by Xapian's expansion set, searched as an OR
  /// query with the request's filters, the document itself left out. Returns
  /// nullopt when there is no document with this id.
  std::optional<SearchResult> similar(std::string_view id, SearchRequest request, std::size_t terms = 25) const;

 private:
  SearchResult search_once(const SearchRequest& request) const;
  std::optional<DocumentRecord> get_once(std::string_view id) const;
  IndexStats stats_once() const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mslit
