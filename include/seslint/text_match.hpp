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
// Does an IAM pattern hold a '*' or '?' wildcard? A plain loop: find_first_of("*?") costs a memchr
// call per character, and this sits on the hot path of action matching.
constexpr bool has_wildcard(std::string_view text) {
  for (char c : text)
    if (c == '*' || c == '?') return true;
  return false;
}
// ASCII lower case of one character, without the locale lookup of std::tolower.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
// Three-way comparison of the ASCII lower case of `a` and `b`, byte by byte as std::string orders
// them: a binary search over lower-case names without making a lower-case copy of the query.
constexpr int icompare(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(ascii_lower(a[i])), y = static_cast<unsigned char>(ascii_lower(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}
// The value of a hexadecimal digit (either case), or -1.
constexpr int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace seslint
