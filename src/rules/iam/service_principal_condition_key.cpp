// IAM115 service-principal-condition-key: a statement whose Principal names only AWS service
// principals tests a key that requests by a service principal never carry
// (rules/condition-key-facts.json: aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalTag/...:
// a service belongs to no organization and has no tags). The condition is then decided by the key's
// absence. IfExists and Null tests say the author expects it to be absent, so they are not judged.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/embedded_data.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

const std::vector<std::string>& absent_keys() {
  static const std::vector<std::string> parsed = [] {
    std::vector<std::string> out;
    for (const auto key : embedded::data("condition_key_facts").at("absent_for_service_principals").at("keys"))
      out.push_back(to_lower(key.text()));
    return out;
  }();
  return parsed;
}

bool absent_for_services(std::string_view key) {
  const std::string lower = to_lower(key);
  for (const auto& each : absent_keys())
    if (each.ends_with('/') ? lower.size() > each.size() && lower.starts_with(each) : lower == each) return true;
  return false;
}

// The service principals, when they are all the statement's Principal names; else empty.
std::vector<std::string> only_services(const Principal& principal) {
  std::vector<std::string> services;
  if (principal.negated || principal.wildcard) return {};
  for (const auto& entry : principal.entries) {
    if (entry.member->key != "Service") return {};
    for (const auto& value : entry.values) {
      if (value.node->templated || has_wildcard(value.text)) return {};
      services.push_back(quoted(value.text));
    }
  }
  return services;
}

std::string_view consequence(const ParsedOperator& op, Effect effect) {
  const bool holds = op.base->negated || op.qualifier == SetQualifier::ForAllValues;
  if (effect == Effect::Deny) return holds ? "the condition always holds, so the Deny always applies to the service"
                                           : "the condition never holds, so the Deny never applies";
  return holds ? "the condition always holds, so it restricts nothing"
               : "the condition never holds, so the statement grants the service nothing";
}

class ServicePrincipalConditionKey final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy& policy, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    if (policy.kind == PolicyKind::Identity || !statement.principal) return;
    if (statement.effect != Effect::Allow && statement.effect != Effect::Deny) return;
    const ParsedOperator& op = statement.operator_of(clause).parsed;
    if (!op.valid() || op.if_exists || op.base->family == OperatorFamily::Null) return;
    if (!absent_for_services(clause.key_member->key)) return;
    const auto services = only_services(*statement.principal);
    if (services.empty()) return;
    out.report_key(*clause.key_member,
                   fmt::format("{} in {} is never in a request by service principal{} {}: a service belongs to no "
                               "organization and has no tags; {}",
                               clause.key_member->key, statement.label(), services.size() == 1 ? "" : "s",
                               short_list(services, services.size(), 3), consequence(op, statement.effect)),
                   "scope the service with aws:SourceAccount, aws:SourceArn or aws:SourceOrgID instead");
  }
};

}  // namespace
std::unique_ptr<Rule> make_service_principal_condition_key() { return std::make_unique<ServicePrincipalConditionKey>(); }
}  // namespace seslint::rules
