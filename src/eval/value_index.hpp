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

namespace seslint::eval {

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

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  using Bytes = std::array<std::uint8_t, 16>;

  bool string_match(std::string_view value) const;
  bool ip_match(std::string_view value) const;
  static bool has_affix(const Set& set, const std::vector<std::size_t>& lengths, std::string_view value, bool suffix);

  bool ip_ = false;
  bool ignore_case_ = false;
  Set literals_, prefixes_, suffixes_;
  std::vector<std::size_t> prefix_lengths_, suffix_lengths_;
  std::vector<GlobPattern> patterns_;
  std::array<std::vector<std::pair<Bytes, Bytes>>, 2> ranges_;  // IPv4, IPv6: [first, last], sorted, disjoint
};

}  // namespace seslint::eval
