// Rendering results for people (text) and programs (JSON).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "mslit/searcher.hpp"

namespace mslit::cli {

nlohmann::json to_json(const SearchResult& result);
nlohmann::json to_json(const DocumentRecord& doc);
nlohmann::json to_json(const IndexStats& stats);
nlohmann::json to_json(const Facets& facets);

/// Text for a terminal; `color` adds bold highlights.
void print_text(std::ostream& out, const SearchResult& result, const SearchRequest& request, bool color);
void print_text(std::ostream& out, const DocumentRecord& doc);
void print_text(std::ostream& out, const IndexStats& stats);

/// Prints JSON as one line, invalid UTF-8 replaced rather than thrown on.
void print_json(std::ostream& out, const nlohmann::json& j);

}  // namespace mslit::cli
