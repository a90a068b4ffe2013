// IAM113 mfa-condition-pattern: aws:MultiFactorAuthPresent tested in a way that does not enforce
// MFA. The key is absent from requests signed with long-term access keys, so `Bool ... false` in a
// Deny never matches them, and `Null ... false` only asks for temporary credentials, with or
// without MFA.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

bool holds_false(const ConditionClause& clause) {
  for (const auto& value : clause.values)
    if (iequals(value.text, "false")) return true;
  return false;
}

class MfaConditionPattern final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    if (!iequals(clause.key_member->key, "aws:MultiFactorAuthPresent") || !holds_false(clause)) return;
    const ParsedOperator& op = statement.operator_of(clause).parsed;
    if (!op.valid() || op.qualifier != SetQualifier::None || op.base->negated) return;
    if (op.base->family == OperatorFamily::Bool && !op.if_exists) {
      const std::string_view consequence =
          statement.effect == Effect::Deny
              ? "so the Deny never applies to them and they go through without MFA"
              : "so the statement never grants them, and grants sessions only when they were made without MFA";
      out.report_key(*clause.key_member,
                     fmt::format("Bool aws:MultiFactorAuthPresent \"false\" in {} does not match requests signed with "
                                 "long-term access keys (they carry no aws:MultiFactorAuthPresent at all), {}",
                                 statement.label(), consequence),
                     statement.effect == Effect::Deny
                         ? "use BoolIfExists {\"aws:MultiFactorAuthPresent\": \"false\"}, which also matches requests without the key"
                         : "to require MFA, Allow with Bool {\"aws:MultiFactorAuthPresent\": \"true\"}");
      return;
    }
    if (op.base->family == OperatorFamily::Null && statement.effect == Effect::Allow)
      out.report_key(*clause.key_member,
                     fmt::format("Null aws:MultiFactorAuthPresent \"false\" in {} only asks that the key be present, "
                                 "which it is for every temporary credential, with or without MFA: it does not require MFA",
                                 statement.label()),
                     "to require MFA, use Bool {\"aws:MultiFactorAuthPresent\": \"true\"}");
  }
};

}  // namespace
std::unique_ptr<Rule> make_mfa_condition_pattern() { return std::make_unique<MfaConditionPattern>(); }
}  // namespace seslint::rules
