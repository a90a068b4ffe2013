#pragma once
// Whether one IAM wildcard pattern names everything another names (for the redundancy rules).
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "seslint/policy.hpp"

namespace seslint::rules {

// Every value `covered` names is named by `cover` too. Conservative: a '?' in `cover` facing a
// wildcard of `covered` answers no, since '?' stands for one character and '*' for any run.
bool pattern_covers(std::string_view cover, std::string_view covered, bool ignore_case);

// The same for ARN patterns, matched as IAM matches them: wildcards do not cross ':' in the first
// five segments, and service, region and account ignore case.
bool arn_pattern_covers(std::string_view cover, std::string_view covered);

// For each value of the list, the index of an earlier-or-broader value that covers it (an exact
// repeat is covered by its first occurrence; of two values covering each other, the later one is
// the redundant one), or nullopt when it adds something.
// Distinct wildcard values sharing their text before the wildcard ("ec2:*a*", "ec2:*b*", ...) are
// compared pair by pair: a list may spend kCoverChecks comparisons on them, after which the values
// left are compared with their exact repeats only, and `complete` is false.
enum class ValueKind { Action, Resource };
inline constexpr std::size_t kCoverChecks = 200000;
struct Covers {
  std::vector<std::optional<std::size_t>> of;  // per value
  bool complete = true;
};
Covers covering_values(const ValueList& list, ValueKind kind);

}  // namespace seslint::rules
