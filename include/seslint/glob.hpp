#pragma once
// Wildcard matching for IAM: '*' matches any run of characters (also none), '?' exactly one
// (a Unicode code point). Runs in O(n*m) worst case with no backtracking blow-up: the pattern is
// split at '*' and each piece is found leftmost, which is exact for this wildcard language.
#include <string>
#include <string_view>

namespace seslint {

// A compiled pattern: wildcards are kept as bytes that never occur in UTF-8 text, so literal '*'
// and '?' (from ${*} and ${?}, or from exact operators) stay literal.
class GlobPattern {
 public:
  static constexpr char kStar = '\xFF';
  static constexpr char kOne = '\xFE';
  GlobPattern() = default;
  // `text` with '*' and '?' as wildcards.
  static GlobPattern wildcard(std::string_view text);
  // `text` matched literally.
  static GlobPattern literal(std::string_view text);
  void append_literal(std::string_view text);
  void append_wildcards(std::string_view text);
  const std::string& encoded() const { return encoded_; }
  bool matches(std::string_view text, bool ignore_case = false) const;

 private:
  std::string encoded_;
};

bool glob_match(std::string_view pattern, std::string_view text, bool ignore_case = false);

}  // namespace seslint
