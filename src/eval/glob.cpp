#include "seslint/glob.hpp"

#include <algorithm>


namespace seslint {
namespace {

char fold(char c, bool ignore_case) {
  return ignore_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::size_t code_point_length(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
  return std::min(length, text.size() - pos);
}

// Which bytes of a pattern are wildcards: a compiled pattern uses kStar and kOne only; a raw one
// (glob_match) also '*' and '?', exactly as GlobPattern::wildcard would encode them.
struct Encoded {
  static bool star(char c) { return c == GlobPattern::kStar; }
  static bool one(char c) { return c == GlobPattern::kOne; }
};
struct Raw {
  static bool star(char c) { return c == GlobPattern::kStar || c == '*'; }
  static bool one(char c) { return c == GlobPattern::kOne || c == '?'; }
};

// Does `piece` (no star) match `text` starting at `pos`? On success, `end` is where it stops.
template <typename Syntax>
bool piece_at(std::string_view piece, std::string_view text, std::size_t pos, bool ignore_case, std::size_t& end) {
  for (char p : piece) {
    if (pos >= text.size()) return false;
    if (Syntax::one(p)) {
      pos += code_point_length(text, pos);
      continue;
    }
    if (fold(p, ignore_case) != fold(text[pos], ignore_case)) return false;
    ++pos;
  }
  end = pos;
  return true;
}

template <typename Syntax>
bool has_one(std::string_view piece) {
  for (char c : piece)
    if (Syntax::one(c)) return true;
  return false;
}

template <typename Syntax>
std::size_t next_star(std::string_view pattern, std::size_t from) {
  for (std::size_t i = from; i < pattern.size(); ++i)
    if (Syntax::star(pattern[i])) return i;
  return std::string_view::npos;
}

// The pattern is split at its stars into pieces, walked in place (no allocation: this runs for
// every action and resource comparison).
template <typename Syntax>
bool match_pieces(std::string_view pattern, std::string_view text, bool ignore_case) {
  const std::size_t first_star = next_star<Syntax>(pattern, 0);
  std::size_t pos = 0;
  if (first_star == std::string_view::npos) return piece_at<Syntax>(pattern, text, 0, ignore_case, pos) && pos == text.size();
  if (!piece_at<Syntax>(pattern.substr(0, first_star), text, 0, ignore_case, pos)) return false;
  std::size_t last_star = first_star;
  for (std::size_t i = first_star; i < pattern.size(); ++i)
    if (Syntax::star(pattern[i])) last_star = i;
  // The last piece must end the text. Without '?' its length in bytes is fixed, so it can be
  // placed first; with '?' (variable-width code points) it is found by trying each start, last first.
  const std::string_view last = pattern.substr(last_star + 1);
  std::size_t tail_start = text.size();
  if (!has_one<Syntax>(last)) {
    if (last.size() > text.size() - pos) return false;
    tail_start = text.size() - last.size();
    std::size_t end = 0;
    if (!piece_at<Syntax>(last, text, tail_start, ignore_case, end)) return false;
  } else {
    bool found = false;
    for (std::size_t s = text.size() + 1; s-- > pos;) {
      std::size_t end = 0;
      if (piece_at<Syntax>(last, text, s, ignore_case, end) && end == text.size()) {
        tail_start = s;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  for (std::size_t start = first_star + 1; start <= last_star;) {
    const std::size_t stop = next_star<Syntax>(pattern, start);
    const std::string_view piece = pattern.substr(start, stop - start);
    start = stop + 1;
    bool found = false;
    for (std::size_t s = pos; s <= tail_start; ++s) {  // leftmost placement is always safe
      std::size_t end = 0;
      if (piece_at<Syntax>(piece, text, s, ignore_case, end) && end <= tail_start) {
        pos = end;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return pos <= tail_start;
}

}  // namespace

GlobPattern GlobPattern::wildcard(std::string_view text) {
  GlobPattern pattern;
  pattern.append_wildcards(text);
  return pattern;
}

GlobPattern GlobPattern::literal(std::string_view text) {
  GlobPattern pattern;
  pattern.append_literal(text);
  return pattern;
}

void GlobPattern::append_literal(std::string_view text) { encoded_.append(text); }

void GlobPattern::append_wildcards(std::string_view text) {
  for (char c : text) encoded_ += c == '*' ? kStar : c == '?' ? kOne : c;
}

bool GlobPattern::matches(std::string_view text, bool ignore_case) const {
  return match_pieces<Encoded>(encoded_, text, ignore_case);
}

bool glob_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  return match_pieces<Raw>(pattern, text, ignore_case);
}

}  // namespace seslint
