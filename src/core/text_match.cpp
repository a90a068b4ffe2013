#include "seslint/text_match.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace seslint {

namespace {

// edit_distance(a, b') when it is below `limit`, otherwise some value >= `limit`, where b' is `b`
// case-folded when `fold_b`. Only the band of cells within `limit` - 1 of the diagonal can lead
// below the limit (a cell off it costs at least its distance from the diagonal): the others are
// the limit, and a row whose smallest entry reaches the limit ends the search.
std::size_t edit_distance_below(std::string_view a, std::string_view b, std::size_t limit, bool fold_b) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap >= limit) return limit;
  const std::size_t band = std::min(limit - 1, std::max(a.size(), b.size()));
  thread_local std::vector<std::size_t> row;
  row.resize(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = std::min(j, limit);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t lo = i > band ? i - band : 1, hi = std::min(b.size(), i + band);
    std::size_t diagonal = row[lo - 1];
    row[lo - 1] = lo == 1 ? std::min(i, limit) : limit;
    std::size_t smallest = row[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t above = row[j];
      const char c = fold_b ? ascii_lower(b[j - 1]) : b[j - 1];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == c ? 0 : 1), limit});
      diagonal = above;
      smallest = std::min(smallest, row[j]);
    }
    if (smallest >= limit) return limit;
  }
  return row[b.size()];
}

// A lower bound of the edit distance, in a few instructions a character: each edit changes the
// count of at most one character on each side, so the larger of the surplus counts bounds it
// (counting characters in 64 buckets only lowers the bound). did_you_mean skips the candidates it
// rules out: IAM201 compares an unknown action with every action of its service.
class LetterCounts {
 public:
  explicit LetterCounts(std::string_view lowered) : size_(lowered.size()) {
    if (size_ > kMaxSize) return;  // no bound: the counts would not fit
    for (const char c : lowered) ++counts_[bucket(c)];
  }
  std::size_t distance_at_least(std::string_view candidate) const {
    if (size_ > kMaxSize) return 0;
    std::array<std::int16_t, 64> surplus = counts_;
    std::size_t theirs = 0;  // the candidate's characters beyond the word's count of them
    for (const char c : candidate)
      if (--surplus[bucket(ascii_lower(c))] < 0) ++theirs;
    // The surpluses sum to size_ - |candidate|, which is mine - theirs.
    const std::size_t mine = theirs + size_ - candidate.size();
    return std::max(mine, theirs);
  }

 private:
  static constexpr std::size_t kMaxSize = 30000;
  static std::size_t bucket(char c) { return static_cast<unsigned char>(c) & 63u; }
  std::size_t size_;
  std::array<std::int16_t, 64> counts_{};
};

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return edit_distance_below(a, b, std::numeric_limits<std::size_t>::max(), false);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return x == y || ascii_lower(x) == ascii_lower(y); });
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::string_view did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  return did_you_mean(word, candidates, std::max<std::size_t>(1, word.size() / 3));
}

std::string_view did_you_mean(std::string_view word, std::span<const std::string_view> candidates,
                              std::size_t max_distance) {
  for (std::string_view candidate : candidates)
    if (iequals(word, candidate)) return candidate;
  const std::string lowered = to_lower(word);
  const LetterCounts counts(lowered);
  std::string_view best;
  std::size_t best_distance = max_distance + 1;
  for (std::string_view candidate : candidates) {
    // Lengths first (an edit distance is at least their difference): cheaper than the letter counts.
    const std::size_t longer = std::max(word.size(), candidate.size()), shorter = std::min(word.size(), candidate.size());
    if (longer - shorter >= best_distance) continue;
    if (counts.distance_at_least(candidate) >= best_distance) continue;
    const std::size_t distance = edit_distance_below(lowered, candidate, best_distance, /*fold_b=*/true);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace seslint
