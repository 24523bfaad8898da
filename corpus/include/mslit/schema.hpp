// The index schema: term prefixes, value slots and the schema version. The
// indexer writes with these constants and the searcher reads with them, so the
// two cannot drift (as Omega's values.h does). Prefixes follow Omega's
// conventions: single capitals for standard fields, X... for mslit's own.
#pragma once

#include <string_view>

namespace mslit::schema {

/// Bumped whenever the meaning of a prefix, slot or stored field changes.
/// The version is stored in the index; the searcher refuses other versions.
inline constexpr int version = 4;

/// Metadata keys stored in the index.
namespace metadata {
inline constexpr std::string_view version = "mslit.schema_version";
inline constexpr std::string_view last_updated = "mslit.last_updated";
inline constexpr std::string_view skipped = "mslit.skipped";  ///< JSON array of {file, reason}
/// Prefix of one key per indexed file: "mslit.file." + file key -> JSON
/// {source, path, size, crc32, format, articles}; written in the commit that
/// completes the file, so a file without one was not (wholly) indexed.
inline constexpr std::string_view file_state = "mslit.file.";
}  // namespace metadata

/// Term prefixes.
namespace prefix {
// Free-text fields (positional terms plus "Z"-prefixed stems, as Xapian's
// TermGenerator writes them, so Xapian's QueryParser can read them).
inline constexpr std::string_view title = "S";
inline constexpr std::string_view author = "A";
inline constexpr std::string_view journal = "XJ";
inline constexpr std::string_view abstract = "XA";
inline constexpr std::string_view mesh = "XM";      ///< MeSH headings, as words
inline constexpr std::string_view ref = "XR";       ///< reference-list text: a reference's citation; on an article, all of its list
// Boolean filter terms.
inline constexpr std::string_view id = "Q";          ///< unique id
inline constexpr std::string_view kind = "XK";       ///< "article" | "reference"
inline constexpr std::string_view drug = "XD";       ///< canonical drug name
inline constexpr std::string_view evidence = "XE";   ///< evidence type name
inline constexpr std::string_view year = "Y";        ///< four-digit year
inline constexpr std::string_view parent = "XP";     ///< a reference's citing article id
inline constexpr std::string_view file = "XF";       ///< key of the source file (all its documents)
inline constexpr std::string_view format = "XT";     ///< reader name
inline constexpr std::string_view pmid = "XI";       ///< PubMed id, digits
inline constexpr std::string_view doi = "XO";        ///< DOI, lower case
inline constexpr std::string_view pubtype = "XG";    ///< publication type, lower case ("randomized controlled trial")
inline constexpr std::string_view language = "XL";   ///< language code as the record gives it, lower case
}  // namespace prefix

/// Value slots.
namespace slot {
inline constexpr unsigned year = 0;      ///< "2004" (four digits sort as strings); empty when unknown
inline constexpr unsigned evidence = 1;  ///< evidence type name
inline constexpr unsigned drugs = 2;     ///< canonical drug names joined by '\n'
inline constexpr unsigned kind = 3;      ///< "article" | "reference"
inline constexpr unsigned fingerprint = 4;  ///< an article's content hash (with its references), hex
}  // namespace slot

/// Separator of the names in slot::drugs.
inline constexpr char drug_separator = '\n';

/// Position gap between fields, so phrases do not run across them.
inline constexpr unsigned field_gap = 100;

}  // namespace mslit::schema
