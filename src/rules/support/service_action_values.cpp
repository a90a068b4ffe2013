#include "rules/support/service_action_values.hpp"

#include <algorithm>
#include <string>

#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

bool is_wildcard_byte(char c) { return c == '*' || c == '?' || c == GlobPattern::kStar || c == GlobPattern::kOne; }

bool is_allow_value(const Statement& statement, std::string_view value) {
  return statement.effect == Effect::Allow && statement.action && !statement.action->negated && value != "*" &&
         value != "*:*";
}

// Can the pattern match an action starting with `prefix` ("iam:")? Its text before the first
// wildcard must agree with the prefix, letter case aside, as far as both go: action_matches
// compares that text character by character before anything else.
bool may_match_prefix(std::string_view pattern, std::string_view prefix) {
  for (std::size_t i = 0; i < pattern.size() && i < prefix.size(); ++i) {
    if (is_wildcard_byte(pattern[i])) return true;
    if (ascii_lower(pattern[i]) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

ServiceActionValues::ServiceActionValues(const Policy& policy, std::string_view service)
    : policy_(policy), prefix_(std::string(service) + ':') {
  for (const auto& statement : policy.statements) {
    if (!statement.action) continue;
    for (const auto& value : statement.action->values)
      if (is_allow_value(statement, value.text) && may_match_prefix(value.text, prefix_)) values_.push_back(value.text);
  }
}

bool ServiceActionValues::named(std::string_view action) const {
  const auto matches = [&](std::string_view value) { return eval::action_matches(value, action); };
  if (action.size() >= prefix_.size() && iequals(action.substr(0, prefix_.size()), prefix_))
    return std::any_of(values_.begin(), values_.end(), matches);
  return std::any_of(policy_.statements.begin(), policy_.statements.end(), [&](const Statement& statement) {
    if (!statement.action) return false;
    const auto& values = statement.action->values;
    return std::any_of(values.begin(), values.end(),
                       [&](const StringNode& value) { return is_allow_value(statement, value.text) && matches(value.text); });
  });
}

}  // namespace seslint::rules
