#include "seslint/path_glob.hpp"

#include <vector>

namespace seslint {
namespace {

// One character against a class body ("abc", "!a-z"); `end` is set past the closing ']'.
// A '[' without a closing ']' is a literal.
bool class_matches(std::string_view pattern, std::size_t open, char c, std::size_t& end, bool& valid) {
  std::size_t i = open + 1;
  const bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) ++i;
  bool found = false;
  const std::size_t first = i;
  for (; i < pattern.size() && (pattern[i] != ']' || i == first); ++i) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      found = found || (c >= pattern[i] && c <= pattern[i + 2]);
      i += 2;
    } else {
      found = found || c == pattern[i];
    }
  }
  valid = i < pattern.size();
  end = i + 1;
  return valid && found != negated && c != '/';
}

// Matches one segment pattern (no '/') against one segment: iterative, backtracking only to the
// last '*' (linear in practice, never exponential).
bool segment_matches(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      std::size_t next = p + 1;
      bool ok = false;
      if (pattern[p] == '[') {
        bool valid = false;
        ok = class_matches(pattern, p, text[t], next, valid);
        if (!valid) {
          ok = text[t] == '[';
          next = p + 1;
        }
      } else {
        ok = pattern[p] == '?' || pattern[p] == text[t];
      }
      if (ok) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// Segments against segments, with "**" matching zero or more whole segments.
bool segments_match(const std::vector<std::string_view>& pattern, std::size_t p,
                    const std::vector<std::string_view>& path, std::size_t t) {
  for (; p < pattern.size(); ++p, ++t) {
    if (pattern[p] == "**") {
      while (p + 1 < pattern.size() && pattern[p + 1] == "**") ++p;
      for (std::size_t skip = t; skip <= path.size(); ++skip)
        if (segments_match(pattern, p + 1, path, skip)) return true;
      return false;
    }
    if (t >= path.size() || !segment_matches(pattern[p], path[t])) return false;
  }
  return t == path.size();
}

}  // namespace

PathGlob::PathGlob(std::string_view pattern) {
  while (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  while (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  while (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
  pattern_ = std::string(pattern);
  anywhere_ = pattern_.find('/') == std::string::npos && pattern_ != "**";
}

bool PathGlob::matches_exactly(std::string_view path) const {
  const auto pattern = split(pattern_);
  const auto segments = split(path);
  return segments_match(pattern, 0, segments, 0);
}

bool PathGlob::matches(std::string_view path) const {
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (anywhere_) {
    for (const auto segment : split(path))
      if (segment_matches(pattern_, segment)) return true;
    return false;
  }
  // The path itself, then each parent directory.
  for (std::size_t end = path.size(); end != std::string_view::npos && end > 0; end = path.rfind('/', end - 1)) {
    if (matches_exactly(path.substr(0, end))) return true;
  }
  return false;
}

}  // namespace seslint
