#pragma once
// Small text helpers: suggestions for misspellings, case-insensitive comparison, hex digits.
#include <cstdint>
#include <cstring>
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
// The ASCII capitals among eight bytes made small, the other bytes (UTF-8 included) left as they
// are: eight characters folded at once. Each sum stays within its byte (its low seven bits plus
// at most 0x3F), so no carry crosses into the next one.
constexpr std::uint64_t lower_ascii_word(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
  const std::uint64_t low7 = word & ~kHigh;
  const std::uint64_t at_least_a = low7 + kOnes * (0x80 - 'A');    // top bit: >= 'A'
  const std::uint64_t beyond_z = low7 + kOnes * (0x80 - 'Z' - 1);  // top bit: > 'Z'
  const std::uint64_t capitals = at_least_a & ~beyond_z & ~word & kHigh;
  return word | (capitals >> 2);  // 0x80 >> 2 is the 0x20 between 'A' and 'a'
}
// Is `text`, its ASCII capitals made small, exactly `lower` (already in lower case)? iequals with
// one side folded ahead, eight characters at a time: for a hash table's look-up, whose candidate
// almost always matches all the way (where iequals' byte loop is quicker on early differences).
inline bool equals_folded(std::string_view lower, std::string_view text) {
  const std::size_t size = text.size();
  if (lower.size() != size) return false;
  std::size_t at = 0;
  for (; at + 8 <= size; at += 8) {
    std::uint64_t folded, expected;
    std::memcpy(&folded, text.data() + at, sizeof folded);
    std::memcpy(&expected, lower.data() + at, sizeof expected);
    if (lower_ascii_word(folded) != expected) return false;
  }
  for (; at < size; ++at)
    if (ascii_lower(text[at]) != lower[at]) return false;
  return true;
}
// The value of a hexadecimal digit (either case), or -1.
constexpr int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace seslint
