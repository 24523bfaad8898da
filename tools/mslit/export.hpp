// Exports of search results for reference managers and spreadsheets: RIS,
// BibTeX, CSV and JSON Lines. Each result is written from its full stored
// record (authors, journal, volume, pages, ids), not just the result line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "mslit/searcher.hpp"

namespace mslit::cli {

/// A result with its stored record.
struct ExportRow {
  Hit hit;
  DocumentRecord record;
};

/// The formats `mslit search --format` writes besides text and json.
bool is_export_format(const std::string& name);

/// Writes rows in `format` ("ris", "bibtex", "csv" or "jsonl").
void write_export(std::ostream& out, const std::string& format, const std::vector<ExportRow>& rows);

}  // namespace mslit::cli
