#include "seslint/glob.hpp"

#include <vector>

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

// Does `piece` (no '*') match `text` starting at `pos`? On success, `end` is where it stops.
bool piece_at(std::string_view piece, std::string_view text, std::size_t pos, bool ignore_case, std::size_t& end) {
  for (char p : piece) {
    if (pos >= text.size()) return false;
    if (p == GlobPattern::kOne) {
      pos += code_point_length(text, pos);
      continue;
    }
    if (fold(p, ignore_case) != fold(text[pos], ignore_case)) return false;
    ++pos;
  }
  end = pos;
  return true;
}

bool has_one(std::string_view piece) { return piece.find(GlobPattern::kOne) != std::string_view::npos; }

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
  std::string_view pattern = encoded_;
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= pattern.size(); ++i) {
    if (i == pattern.size() || pattern[i] == kStar) {
      pieces.push_back(pattern.substr(start, i - start));
      start = i + 1;
    }
  }
  std::size_t pos = 0;
  if (pieces.size() == 1) return piece_at(pieces[0], text, 0, ignore_case, pos) && pos == text.size();
  if (!piece_at(pieces.front(), text, 0, ignore_case, pos)) return false;
  // The last piece must end the text. Without '?' its length in bytes is fixed, so it can be
  // placed first; with '?' (variable-width code points) it is found by trying each start, last first.
  const std::string_view last = pieces.back();
  std::size_t tail_start = text.size();
  if (!has_one(last)) {
    if (last.size() > text.size() - pos) return false;
    tail_start = text.size() - last.size();
    std::size_t end = 0;
    if (!piece_at(last, text, tail_start, ignore_case, end)) return false;
  } else {
    bool found = false;
    for (std::size_t s = text.size() + 1; s-- > pos;) {
      std::size_t end = 0;
      if (piece_at(last, text, s, ignore_case, end) && end == text.size()) {
        tail_start = s;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
    bool found = false;
    for (std::size_t s = pos; s <= tail_start; ++s) {  // leftmost placement is always safe
      std::size_t end = 0;
      if (piece_at(pieces[i], text, s, ignore_case, end) && end <= tail_start) {
        pos = end;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return pos <= tail_start;
}

bool glob_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  return GlobPattern::wildcard(pattern).matches(text, ignore_case);
}

}  // namespace seslint
