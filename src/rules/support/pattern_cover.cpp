#include "rules/support/pattern_cover.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {

bool pattern_covers(std::string_view cover, std::string_view covered, bool ignore_case) {
  if (cover.find('?') != std::string_view::npos && has_wildcard(covered)) return false;
  // The covered pattern's wildcards are matched as literal characters: only a '*' of `cover` can
  // absorb them, which is exactly when every expansion of `covered` stays inside `cover`.
  return glob_match(cover, covered, ignore_case);
}

namespace {

// Where the first five ':' of an ARN are, if it has five (a six-part ARN). Found once per value of a
// list (covering_values), since each value is compared with several others.
struct ArnShape {
  bool six_parts = false;
  std::array<std::size_t, 5> colons{};
};

ArnShape arn_shape(std::string_view arn) {
  ArnShape shape;
  std::size_t found = 0;
  for (std::size_t i = 0; i < arn.size() && found < 5; ++i)
    if (arn[i] == ':') shape.colons[found++] = i;
  shape.six_parts = found == 5;
  return shape;
}

// Part `i` (0..5) of an ARN whose colons are known.
std::string_view arn_part(std::string_view arn, const std::array<std::size_t, 5>& colons, std::size_t i) {
  const std::size_t begin = i == 0 ? 0 : colons[i - 1] + 1;
  const std::size_t end = i == 5 ? arn.size() : colons[i];
  return arn.substr(begin, end - begin);
}

bool has_one_wildcard(std::string_view pattern) {
  return std::any_of(pattern.begin(), pattern.end(), [](char c) { return c == '?' || c == GlobPattern::kOne; });
}

// pattern_covers for one part, quick when both are the same text (as most parts of two ARNs of
// one list are): without a '?', a pattern covers itself, its own wildcards matched by themselves.
bool part_covers(std::string_view cover, std::string_view covered, bool ignore_case) {
  const bool same = ignore_case ? iequals(cover, covered) : cover == covered;
  if (same && !has_one_wildcard(cover)) return true;
  return pattern_covers(cover, covered, ignore_case);
}

// arn_pattern_covers with both shapes known.
bool arn_shapes_cover(std::string_view cover, const ArnShape& c, std::string_view covered, const ArnShape& d) {
  if (cover == "*") return true;
  if (!c.six_parts || !d.six_parts) return pattern_covers(cover, covered, false);  // as the evaluator does
  for (std::size_t i = 0; i < 6; ++i)
    if (!part_covers(arn_part(cover, c.colons, i), arn_part(covered, d.colons, i), i > 0 && i < 5)) return false;
  return true;
}

}  // namespace

bool arn_pattern_covers(std::string_view cover, std::string_view covered) {
  return arn_shapes_cover(cover, arn_shape(cover), covered, arn_shape(covered));
}

namespace {

// The byte length of a pattern's text before its first wildcard ('*', '?' or their encoded bytes,
// which glob_match also reads as wildcards): every value it covers starts with that text.
// A table rather than four comparisons: this reads every byte of every Action and Resource value.
constexpr std::array<bool, 256> kWildcardBytes = [] {
  std::array<bool, 256> table{};
  for (const char c : {'*', '?', GlobPattern::kStar, GlobPattern::kOne}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

std::size_t literal_prefix_length(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i)
    if (kWildcardBytes[static_cast<unsigned char>(pattern[i])]) return i;
  return pattern.size();
}

// Lists up to this long are compared pair by pair: cheaper than building CoverCandidates' index
// (most Action and Resource lists are this short).
constexpr std::size_t kShortList = 8;

// The necessary condition CoverCandidates indexes: the cover's text before its first wildcard
// starts the covered value, case aside.
bool literal_prefix_fits(std::string_view cover, std::size_t literal_length, std::string_view covered) {
  return literal_length <= covered.size() && iequals(cover.substr(0, literal_length), covered.substr(0, literal_length));
}

// A value with a wildcard in its service prefix ("*:Get*", "s*:GetObject") is a finding of its own
// (IAM026): as an Action it covers nothing here. "*" alone covers every action.
bool action_covers_nothing(std::string_view text) {
  return text != "*" && has_wildcard(text.substr(0, text.find(':')));
}

// The values that may cover a given one: a value covers another only if its literal prefix,
// case-folded, starts the other's folded text (both cover rules fold no more than that), and a
// value without wildcards only its own folded text. Long lists (AWS managed policies name
// thousands of actions) are then compared in near-linear time instead of pair by pair.
class CoverCandidates {
 public:
  CoverCandidates(const std::vector<StringNode>& values, ValueKind kind) {
    std::size_t total = 0;
    for (const auto& value : values) total += value.text.size();
    folded_.reserve(total);  // the views below point into them: they never grow past this
    if (kind == ValueKind::Resource) exact_texts_.reserve(total);  // only ARNs are rewritten there
    texts_.reserve(values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
      const std::size_t start = folded_.size();
      folded_.resize(start + values[k].text.size());
      std::transform(values[k].text.begin(), values[k].text.end(), folded_.begin() + static_cast<std::ptrdiff_t>(start), ascii_lower);
      const std::string_view text = std::string_view(folded_).substr(start);
      texts_.push_back(text);
      const std::size_t length = literal_prefix_length(values[k].text);
      if (length == text.size()) exact_.emplace_back(compared_text(values[k].text, text, kind), k);
      else if (!(kind == ValueKind::Action && action_covers_nothing(values[k].text)) && !values[k].node->templated)
        wildcard_.emplace_back(text.substr(0, length), k);  // the others cover nothing: not candidates
    }
    std::sort(exact_.begin(), exact_.end());
    // Each exact value's run of equal texts, found once here rather than searched for per value. A
    // value with a wildcard equals no exact value (their texts differ in that byte): its run is empty.
    // Values of one run cover each other, and no value outside it covers them without a wildcard.
    runs_.assign(values.size(), {0, 0});
    for (std::size_t a = 0; a < exact_.size();) {
      std::size_t b = a + 1;
      while (b < exact_.size() && exact_[b].first == exact_[a].first) ++b;
      for (std::size_t m = a; m < b; ++m) runs_[exact_[m].second] = {a, b};
      a = b;
    }
    next_in_run_.resize(exact_.size());
    for (std::size_t m = 0; m < exact_.size(); ++m) next_in_run_[m] = m;
    std::sort(wildcard_.begin(), wildcard_.end());
    for (const auto& entry : wildcard_) prefix_lengths_.push_back(entry.first.size());
    std::sort(prefix_lengths_.begin(), prefix_lengths_.end());
    prefix_lengths_.erase(std::unique(prefix_lengths_.begin(), prefix_lengths_.end()), prefix_lengths_.end());
  }

  // The earliest earlier repeat of value `i` (the same text as the cover rule compares it) that
  // `usable` accepts.
  // Values are asked in index order and `usable` turns down a repeat for good (it is redundant or
  // templated itself), so each run's scan goes on from where it stopped: long runs of one repeated
  // value cost their length, not its square.
  template <typename Usable>
  std::optional<std::size_t> earlier_repeat(std::size_t i, Usable usable) {
    const auto [first, end] = runs_[i];
    if (first == end) return std::nullopt;
    std::size_t& m = next_in_run_[first];
    while (m < end && exact_[m].second < i && !usable(exact_[m].second)) ++m;
    if (m < end && exact_[m].second < i) return exact_[m].second;
    return std::nullopt;
  }

  // The values with a wildcard that may cover value `i`, in no particular order.
  const std::vector<std::size_t>& wildcards_for(std::size_t i) {
    const std::string_view text = texts_[i];
    found_.clear();
    // The wildcard entries starting with the text's first `length` bytes are one sorted run, which
    // shrinks as the length grows (its shortest entry, when equal to that prefix, comes first): narrow
    // it length by length and stop once it is empty, as it soon is for most values.
    auto lo = wildcard_.begin(), hi = wildcard_.end();
    for (const std::size_t length : prefix_lengths_) {
      if (length > text.size()) break;
      const std::string_view prefix = text.substr(0, length);
      lo = std::lower_bound(lo, hi, prefix, [](const auto& entry, std::string_view t) { return entry.first < t; });
      hi = std::partition_point(lo, hi, [&](const auto& entry) { return entry.first.starts_with(prefix); });
      if (lo == hi) break;
      for (auto it = lo; it != hi && it->first.size() == length; ++it) found_.push_back(it->second);
    }
    return found_;
  }

 private:
  using Entries = std::vector<std::pair<std::string_view, std::size_t>>;  // (text, index), sorted

  // A value without wildcards as the cover rule compares it: an action folded; a six-part ARN with
  // its partition, service, region and account folded ("arn" and the resource keep their case);
  // anything else as written.
  std::string_view compared_text(std::string_view text, std::string_view folded, ValueKind kind) {
    if (kind == ValueKind::Action) return folded;
    const std::size_t start = exact_texts_.size();
    exact_texts_.append(text);
    const ArnShape shape = arn_shape(text);
    if (shape.six_parts)
      std::copy(folded.begin() + static_cast<std::ptrdiff_t>(shape.colons[0]),
                folded.begin() + static_cast<std::ptrdiff_t>(shape.colons[4]),
                exact_texts_.begin() + static_cast<std::ptrdiff_t>(start + shape.colons[0]));
    return std::string_view(exact_texts_).substr(start);
  }

  std::string folded_;
  std::string exact_texts_;  // Resource values' compared texts
  std::vector<std::string_view> texts_;
  Entries exact_, wildcard_;
  std::vector<std::pair<std::size_t, std::size_t>> runs_;  // per value: its [first, last) in exact_
  std::vector<std::size_t> next_in_run_;  // per run (at its first entry): where earlier_repeat goes on
  std::vector<std::size_t> prefix_lengths_;
  std::vector<std::size_t> found_;
};

}  // namespace

Covers covering_values(const ValueList& list, ValueKind kind) {
  const auto& values = list.values;
  Covers result;
  auto& out = result.of;
  out.resize(values.size());
  if (values.size() < 2) return result;  // a single value has nothing to be covered by
  std::vector<ArnShape> shapes;  // Resource values' shapes, found once rather than once per pair
  if (kind == ValueKind::Resource) {
    shapes.reserve(values.size());
    for (const auto& value : values) shapes.push_back(arn_shape(value.text));
  }
  // Does value `cover` cover value `covered`?
  const auto covers = [&](std::size_t cover, std::size_t covered) {
    const std::string_view text = values[cover].text;
    if (kind == ValueKind::Resource) return arn_shapes_cover(text, shapes[cover], values[covered].text, shapes[covered]);
    if (action_covers_nothing(text)) return false;
    return pattern_covers(text, values[covered].text, /*ignore_case=*/true);
  };
  // Whether value j covers value i, the later of two covering each other being the redundant one.
  const auto covered_by = [&](std::size_t i, std::size_t j) {
    if (i == j || out[j]) return false;  // a value already found redundant covers nothing new
    if (values[i].node->templated || values[j].node->templated) return false;  // '*' there is unknown, not a wildcard
    if (!covers(j, i)) return false;
    return j < i || !covers(i, j);
  };
  // In index order, as a scan of the whole list would meet them: the first cover found wins.
  if (values.size() <= kShortList) {
    std::array<std::size_t, kShortList> literal_lengths{};
    for (std::size_t j = 0; j < values.size(); ++j) literal_lengths[j] = literal_prefix_length(values[j].text);
    for (std::size_t i = 0; i < values.size(); ++i)
      for (std::size_t j = 0; j < values.size() && !out[i]; ++j)
        if (literal_prefix_fits(values[j].text, literal_lengths[j], values[i].text) && covered_by(i, j)) out[i] = j;
    return result;
  }
  // The same answer, the lowest index that covers: an earlier repeat, or a value with a wildcard.
  CoverCandidates candidates(values, kind);
  std::size_t checks = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].node->templated) continue;  // covered by nothing
    // Of two equal texts the later is covered: by the first earlier repeat not itself redundant.
    std::optional<std::size_t> best = candidates.earlier_repeat(i, [&](std::size_t j) { return covered_by(i, j); });
    if (result.complete) {
      const auto& wildcards = candidates.wildcards_for(i);
      checks += wildcards.size();
      if (checks > kCoverChecks) result.complete = false;
      else
        for (const std::size_t j : wildcards)
          if ((!best || j < *best) && covered_by(i, j)) best = j;
    }
    out[i] = best;
  }
  return result;
}

}  // namespace seslint::rules
