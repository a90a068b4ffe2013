#pragma once
// Small text helpers: suggestions for misspellings, case-insensitive comparison, hex digits.
#include <span>
#include <string>
#include <string_view>

namespace seslint {

// Levenshtein distance, case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);
bool iequals(std::string_view a, std::string_view b);
// ASCII lower case (keys, actions and domains are compared without regard to case).
std::string to_lower(std::string_view text);
// The candidate `word` most likely meant: an exact case-insensitive match first, otherwise the
// closest within a distance of max(1, size/3). Empty when nothing is close.
std::string_view did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
// The value of a hexadecimal digit (either case), or -1.
constexpr int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace seslint
