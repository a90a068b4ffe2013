#pragma once
// The values of one condition clause indexed for testing many request values against them, as
// reachability does: literals in a hash set (case-folded for IgnoreCase), "*suffix" and "prefix*"
// patterns by their literal part, other patterns compiled once, IP ranges as sorted disjoint
// intervals. Answers exactly what scanning the values with the evaluator answers.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/ip.hpp"

namespace seslint::eval {

// The request values one key takes in a search (its representatives), sorted for the reverse
// question a ValueIndex answers: which of them does a clause match? The views must outlive it.
class CandidateValues {
 public:
  explicit CandidateValues(std::vector<std::string_view> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  std::string_view operator[](std::size_t i) const { return values_[i]; }

 private:
  friend class ValueIndex;
  using Bytes = std::array<std::uint8_t, 16>;
  using Sorted = std::vector<std::pair<std::string, std::uint32_t>>;
  // Built on first use: (folded) texts, (folded) reversed texts, addresses per family; all sorted.
  const Sorted& texts(bool ignore_case, bool reversed) const;
  const std::vector<std::pair<Bytes, std::uint32_t>>& addresses(bool v6) const;

  std::vector<std::string_view> values_;
  mutable std::array<std::optional<Sorted>, 4> texts_;
  mutable std::optional<std::array<std::vector<std::pair<Bytes, std::uint32_t>>, 2>> addresses_;
};

class ValueIndex {
 public:
  // nullopt when the clause's family is not indexed or its values hold policy variables (their
  // meaning then depends on the request).
  static std::optional<ValueIndex> build(const Policy& policy, const Statement& statement, const ConditionClause& clause);
  // Whether any of the clause's values matches `request_value` (the positive test; negation,
  // qualifiers and absence are the caller's).
  bool any_match(std::string_view request_value) const;
  // The number of values tested by scanning (the rest cost a lookup), for work accounting.
  std::size_t scan_cost() const { return patterns_.size() + 1; }
  // The positions of the candidates any_match accepts, in order, found from the clause's side: a
  // sorted range per literal, affix, pattern prefix or IP range, so the cost follows the clause and
  // the matches, not the candidates (only a pattern with no literal prefix or suffix scans them).
  // Returns the work done, for accounting.
  std::size_t matching(const CandidateValues& candidates, std::vector<std::uint32_t>& out) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  using Bytes = std::array<std::uint8_t, 16>;

  bool string_match(std::string_view value) const;
  bool ip_match(std::string_view value) const;
  std::size_t ip_matching(const CandidateValues& candidates, std::vector<std::uint32_t>& out) const;
  std::size_t pattern_matching(const GlobPattern& pattern, const CandidateValues& candidates,
                               std::vector<std::uint32_t>& out) const;
  static bool has_affix(const Set& set, const std::vector<std::size_t>& lengths, std::string_view value, bool suffix);

  bool ip_ = false;
  bool ignore_case_ = false;
  Set literals_, prefixes_, suffixes_;
  std::vector<std::size_t> prefix_lengths_, suffix_lengths_;
  std::vector<GlobPattern> patterns_;
  IpRangeSet ranges_;
};

}  // namespace seslint::eval
