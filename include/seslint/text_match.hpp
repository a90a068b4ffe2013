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
// The same within `max_distance` edits.
std::string_view did_you_mean(std::string_view word, std::span<const std::string_view> candidates,
                              std::size_t max_distance);
// Does an IAM pattern hold a '*' or '?' wildcard? A plain loop: find_first_of("*?") costs a memchr
// call per character, and this sits on the hot path of action matching.
constexpr bool has_wildcard(std::string_view text) {
  for (char c : text)
    if (c == '*' || c == '?') return true;
  return false;
}
// ASCII lower case of one character, without the locale lookup of std::tolower.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
// The value of a hexadecimal digit (either case), or -1.
constexpr int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace seslint
