#pragma once
// The IAM condition operators: families, negation, wildcard and variable support (facts §2.2).
#include <span>
#include <string>
#include <string_view>

namespace seslint {

enum class OperatorFamily { String, Numeric, Date, Bool, Binary, Ip, Arn, Null };
enum class SetQualifier { None, ForAllValues, ForAnyValue };

struct OperatorInfo {
  std::string_view name;
  OperatorFamily family;
  bool negated;      // StringNotEquals, NotIpAddress, ...: a list of values must all fail to match
  bool wildcards;    // '*' and '?' are wildcards (StringLike, Arn*)
  bool ignore_case;  // *IgnoreCase
};

std::span<const OperatorInfo> condition_operators();
std::string_view to_string(OperatorFamily family);
// Policy variables are allowed in String, Bool and Arn values only.
bool family_allows_variables(OperatorFamily family);

struct ParsedOperator {
  SetQualifier qualifier = SetQualifier::None;
  const OperatorInfo* base = nullptr;  // null when the operator is not recognised
  bool if_exists = false;
  bool exact_case = true;   // false: recognised only when case is ignored
  std::string problem;      // why it is invalid, empty when valid
  std::string suggestion;   // a valid spelling to suggest, if any
  bool valid() const { return base != nullptr && problem.empty(); }
  // Recognised, but only when letter case is ignored (e.g. "stringEquals").
  bool case_only() const { return base != nullptr && !exact_case && !(if_exists && base->family == OperatorFamily::Null); }
};

// Parses "[ForAllValues:|ForAnyValue:]<Operator>[IfExists]".
ParsedOperator parse_operator(std::string_view text);

}  // namespace seslint
