// IAM107 forallvalues-allow-without-null: ForAllValues in an Allow is true when the key is absent,
// unless a Null: false guard on the key is there. IAM108 foranyvalue-deny: ForAnyValue in a Deny is
// false when the key is absent, so the Deny is skipped.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

bool has_null_false_guard(const Statement& statement, std::string_view key) {
  return std::any_of(statement.clauses.begin(), statement.clauses.end(), [&](const ConditionClause& clause) {
    const auto& parsed = statement.operator_of(clause).parsed;
    return parsed.base != nullptr && parsed.base->family == OperatorFamily::Null && iequals(clause.key_member->key, key) &&
           std::any_of(clause.values.begin(), clause.values.end(), [](const ConditionValue& v) { return iequals(v.text, "false"); });
  });
}

class ForAllValuesAllowWithoutNull final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (statement.effect != Effect::Allow || op.parsed.base == nullptr || op.parsed.qualifier != SetQualifier::ForAllValues)
      return;
    const std::string_view key = clause.key_member->key;
    if (has_null_false_guard(statement, key)) return;
    out.report_at(out.default_level(), clause.key_member->key_span, clause.key_member->value.pointer,
                  fmt::format("{} on {} in {} is also true when the request has no {} at all (or an empty list), so "
                              "the Allow applies to requests the condition was meant to check",
                              op.member->key, key, statement.label(), key),
                  fmt::format("add \"Null\": {{\"{}\": \"false\"}} to the same Condition: it fails for a missing or "
                              "empty list",
                              key));
  }
};

class ForAnyValueDeny final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (statement.effect != Effect::Deny || op.parsed.base == nullptr || op.parsed.qualifier != SetQualifier::ForAnyValue)
      return;
    const std::string_view key = clause.key_member->key;
    out.report_at(out.default_level(), clause.key_member->key_span, clause.key_member->value.pointer,
                  fmt::format("{} on {} in {} is false when the request has no {} (or an empty list), so the Deny does "
                              "not apply to such requests",
                              op.member->key, key, statement.label(), key),
                  fmt::format("deny the missing key too, in a statement with \"Null\": {{\"{}\": \"true\"}}", key));
  }
};

}  // namespace
std::unique_ptr<Rule> make_forallvalues_allow_without_null() { return std::make_unique<ForAllValuesAllowWithoutNull>(); }
std::unique_ptr<Rule> make_foranyvalue_deny() { return std::make_unique<ForAnyValueDeny>(); }
}  // namespace seslint::rules
