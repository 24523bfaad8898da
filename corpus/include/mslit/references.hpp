// Reference lists: finding the numbered list at the end of an article and
// parsing each citation (Vancouver style "Authors. Title. Journal Year;
// Vol:Pages." or web style "Title — Source") into fields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mslit/model.hpp"

namespace mslit {

/// One numbered entry of a list.
struct ListItem {
  int ordinal = 0;
  std::string text;
};

/// A reference list found in a document's lines.
struct FoundReferenceList {
  std::size_t first_line = 0;  ///< the heading line if there is one, else the first item
  std::size_t end_line = 0;    ///< one past the last line of the list
  bool has_heading = false;
  std::vector<ListItem> items;
};

/// Finds the reference list: numbered lines after a "References" (or
/// "Sources", "Bibliography", ...) heading, else the last run of consecutively
/// numbered lines starting at 1 whose items mostly carry a year, as in
/// clinical reference articles that print their references without a heading.
std::optional<FoundReferenceList> find_reference_list(const std::vector<std::string_view>& lines);

/// Parses one citation. Fields that cannot be found are left empty; raw keeps the text.
Reference parse_citation(std::string_view text, int ordinal);

/// Whether s looks like a Vancouver author list ("Yudkin PL, Ellison GW, et al").
bool looks_like_author_list(std::string_view s);

}  // namespace mslit
