// What a document is: articles and the references in their bibliographies.
// Readers produce Articles; annotators fill in drugs, evidence and year; the
// indexer turns each Article and each of its References into one document.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mslit {

/// The two kinds of searchable document.
enum class Kind { article, reference };

std::string_view to_string(Kind kind);
std::optional<Kind> kind_from_string(std::string_view name);

/// The closed set of evidence types, from strongest design to weakest.
enum class Evidence {
  guideline,
  systematic_review,
  rct,
  clinical_trial,
  observational,
  case_report,
  review,
  preclinical,
  patient_info,
  other,
};

/// All evidence types in the order above.
const std::vector<Evidence>& all_evidence_types();
/// The facet name of an evidence type, e.g. "systematic-review".
std::string_view to_string(Evidence evidence);
/// Parses a facet name ("rct", "case-report"); nullopt when unknown.
std::optional<Evidence> evidence_from_string(std::string_view name);

/// What the annotators found in a piece of text.
struct Annotations {
  std::vector<std::string> drugs;  ///< canonical generic names, sorted, unique
  Evidence evidence = Evidence::other;
  std::string evidence_cue;        ///< the words or rule that decided the evidence type
};

/// One entry of an article's reference list, parsed from its citation text.
struct Reference {
  int ordinal = 0;                   ///< its number in the list, from 1
  std::string raw;                   ///< the citation as written (markers stripped)
  std::vector<std::string> authors;  ///< "Yudkin PL" style, or a group author
  std::string title;
  std::string journal;               ///< journal, book or web source
  std::optional<int> year;
  std::string volume;
  std::string pages;
  std::string pmid;                  ///< when the reference list gives one
  std::string doi;                   ///< lower case, without "https://doi.org/"
  Annotations annotations;
};

/// One article: a web page, report, clinical reference article or bibliographic record.
struct Article {
  std::string id;         ///< stable unique id, see record_article_id()
  std::string source;     ///< the file path as given to the indexer
  std::string format;     ///< the reader that read it ("text", "pubmed-xml", ...)
  std::size_t record = 0; ///< position of the record in a multi-record file, from 1 (0: one per file)
  std::string record_id;  ///< the collection's own id of the record (BEIR "_id"), when it has one
  std::string title;
  std::vector<std::string> authors;  ///< "Surname Initials" or a group author
  std::string journal;
  std::optional<int> year;
  std::string year_cue;   ///< where the year came from ("Last reviewed: March 2024", "PubDate")
  std::string abstract;   ///< labelled sections as "LABEL: text" paragraphs separated by blank lines
  std::string body;       ///< cleaned full text: boilerplate and citation markers removed
  std::string header;     ///< byline, date, editor and publisher lines taken out of the body
  std::string pmid;
  std::string doi;        ///< lower case, without "https://doi.org/"
  std::string language;   ///< as the record gives it ("eng")
  std::vector<std::string> publication_types;  ///< as the record gives them ("Randomized Controlled Trial")
  std::vector<std::string> mesh;               ///< MeSH headings ("Multiple Sclerosis/drug therapy")
  std::vector<std::string> keywords;
  std::vector<std::string> chemicals;          ///< substance names (MEDLINE chemical list, supplementary concepts)
  std::vector<Reference> references;
  Annotations annotations;
};

/// The id of a record: "pmid:N" when it has a PMID, else "doi:DOI", else
/// "f" + `file_key` + ":" + its own id in the file (or its position there).
/// A whole-file document (record 0, no ids) is "f" + `file_key`.
std::string record_article_id(const Article& article, std::string_view file_key);

/// A DOI as stored: trimmed, lower case, without a "doi:" or resolver prefix.
std::string normalize_doi(std::string_view doi);

/// A file the indexer could not read, and why; recorded in the index.
struct SkippedFile {
  std::string file;    ///< the path as given to the indexer
  std::string reason;  ///< "empty file", "binary file (contains NUL bytes), not text", ...
};

/// The id of the reference with this ordinal in the article with this id.
std::string reference_id(std::string_view article_id, int ordinal);

}  // namespace mslit
