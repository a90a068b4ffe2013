#include "rules/support/pinned_condition.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "seslint/condition_operators.hpp"
#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// Might the clause value match some case variant of `value`? A value with a policy variable or a
// byte the matcher reads as an encoded wildcard might match anything. Otherwise, whether it is
// compared exactly, without case or as a pattern, a match with a case variant is a match of the
// folded texts, with '*' and '?' read as wildcards (which only widens an exact comparison).
bool may_match_case_variant(std::string_view clause_value, std::string_view value) {
  if (clause_value.find("${") != std::string_view::npos) return true;
  if (clause_value.find_first_of(std::string_view("\xFE\xFF", 2)) != std::string_view::npos) return true;
  return glob_match(clause_value, value, /*ignore_case=*/true);
}

}  // namespace

bool may_admit_pinned(const Statement& statement, std::string_view key, std::string_view value) {
  const auto on_key = [&](const ConditionClause& clause) { return iequals(clause.key_member->key, key); };
  if (std::none_of(statement.clauses.begin(), statement.clauses.end(), on_key)) return true;  // most: no copy made
  const std::vector<std::string> request_values{std::string(value)};
  return std::all_of(statement.clauses.begin(), statement.clauses.end(), [&](const ConditionClause& clause) {
    if (!on_key(clause)) return true;
    const ParsedOperator& parsed = statement.operator_of(clause).parsed;
    // Negated operators hold when nothing matches: widening "matches" would narrow them.
    if (parsed.base == nullptr || parsed.base->negated || parsed.base->family != OperatorFamily::String) return true;
    // The evaluator's own reading of qualifiers, IfExists and multivalued keys, with "some clause
    // value matches the request's value" widened to any case variant of it.
    return eval::clause_holds_given(statement, clause, &request_values, [&](std::string_view) {
      return std::any_of(clause.values.begin(), clause.values.end(),
                         [&](const ConditionValue& v) { return may_match_case_variant(v.text, value); });
    });
  });
}

}  // namespace seslint::rules
