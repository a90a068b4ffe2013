// IAM021 condition-value-types: the values of one condition key mix JSON types ([3600, "7200"],
// [true, "false"]), or a Bool condition lists several values for one boolean key.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

std::string_view type_name(JsonKind kind) {
  switch (kind) {
    case JsonKind::String: return "a string";
    case JsonKind::Number: return "a number";
    case JsonKind::Bool: return "a boolean";
    default: return "null";
  }
}

class ConditionValueTypes final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (clause.values.size() < 2) return;
    // A template's value (an intrinsic) is a string whatever it resolves to: its type is unknown.
    if (std::any_of(clause.values.begin(), clause.values.end(), [](const ConditionValue& v) { return v.node->templated; }))
      return;
    const ConditionValue& first = clause.values.front();
    for (const auto& value : clause.values)
      if (value.node->kind != first.node->kind) {
        out.report(*value.node,
                   fmt::format("{} is {} but the first value of condition key {} under {} in {} is {}: one key's "
                               "values must share one JSON type",
                               quoted(value.text), type_name(value.node->kind), quoted(clause.key_member->key),
                               quoted(op.member->key), statement.label(), type_name(first.node->kind)),
                   "write every value the same way (all quoted, or none)");
        return;  // one finding per key: the cause is the mixture
      }
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Bool ||
        op.parsed.qualifier != SetQualifier::None)
      return;
    bool seen_true = false, seen_false = false;
    for (const auto& value : clause.values) {
      if (!is_bool_text(value.text)) return;  // IAM014
      (iequals(value.text, "true") ? seen_true : seen_false) = true;
    }
    const std::string consequence = seen_true && seen_false
                                        ? "with both true and false it holds whenever the key is present"
                                        : "the repeated value adds nothing";
    out.report(clause.key_member->value,
               fmt::format("{} lists {} values for condition key {} in {}; a boolean key holds one value, so {}",
                           quoted(op.member->key), clause.values.size(), quoted(clause.key_member->key),
                           statement.label(), consequence),
               "keep one value: \"true\" or \"false\"");
  }
};

}  // namespace
std::unique_ptr<Rule> make_condition_value_types() { return std::make_unique<ConditionValueTypes>(); }
}  // namespace seslint::rules
