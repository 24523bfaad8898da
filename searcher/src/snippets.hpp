// Snippets: the part of a document's text where the query's words are
// densest, with the matched words marked by byte offsets.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>

#include "mslit/analysis.hpp"
#include "mslit/searcher.hpp"

namespace mslit {

/// The words of a query as the index holds them: exact forms and stems.
struct QueryWords {
  std::unordered_set<std::string> exact;
  std::unordered_set<std::string> stems;
  static QueryWords from(const Xapian::Query& query);
};

/// The best window of about `max_bytes` of text, cut at word boundaries.
Snippet make_snippet(std::string_view text, const QueryWords& words, const Analyzer& analyzer,
                     const Xapian::Stem& stemmer, std::size_t max_bytes = 240);

}  // namespace mslit
