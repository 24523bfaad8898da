// Small text helpers shared by the readers and annotators.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mslit {

/// Valid UTF-8 with every invalid byte sequence replaced by U+FFFD.
struct RepairedText {
  std::string text;
  std::vector<std::size_t> bad_offsets;  ///< byte offsets in the input of each replaced sequence
};
RepairedText repair_utf8(std::string_view input);

std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
bool contains_ci(std::string_view haystack, std::string_view needle);  ///< ASCII case-insensitive
bool starts_with_ci(std::string_view s, std::string_view prefix);

/// Splits into lines on \n, dropping a trailing \r from each.
std::vector<std::string_view> split_lines(std::string_view text);

/// Number of whitespace-separated words.
std::size_t word_count(std::string_view s);

/// 64-bit FNV-1a hash, for stable ids.
std::uint64_t fnv1a64(std::string_view s);
/// The low `digits` hex digits of a hash.
std::string hex_digits(std::uint64_t value, int digits);

/// Whether two strings are exactly one edit apart (Damerau-Levenshtein,
/// optimal string alignment: one letter inserted, deleted, replaced, or two
/// neighbours swapped). The drug lexicon's misspelling rule.
bool one_edit_apart(std::string_view a, std::string_view b);

/// A four-digit year (1800-2099) starting at s[i], bounded by non-digits.
bool year_at(std::string_view s, std::size_t i, int* year);

}  // namespace mslit
