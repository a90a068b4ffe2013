#pragma once
// Path globs for the config file (exclude, per-file-ignores, policy-type): '*' and '?' stay within
// one path segment, '**' spans any number of segments, [abc] and [!a-z] are character classes.
// Paths are '/'-separated and relative to the config file's directory.
#include <string>
#include <string_view>

namespace seslint {

class PathGlob {
 public:
  PathGlob() = default;
  explicit PathGlob(std::string_view pattern);
  // True when the pattern matches the path or one of its parent directories ("vendor" and
  // "vendor/**" both match "vendor/x/y.json"). A pattern without '/' matches at any depth, by name.
  bool matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  bool matches_exactly(std::string_view path) const;
  std::string pattern_;  // normalised: no leading "./" or "/", no trailing "/"
  bool anywhere_ = false;
};

}  // namespace seslint
