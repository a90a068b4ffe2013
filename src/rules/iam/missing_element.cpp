// IAM006 missing-element: no Statement, Effect, Action/NotAction, Resource/NotResource (identity and
// SES identity policies) or Principal/NotPrincipal (resource policies).
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

using E = StatementElement;

class MissingElement final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy) | bit(NodeKind::Statement); }

  void check_policy(const Policy& policy, Reporter& out) const override {
    if (policy.statement_member == nullptr)
      out.report_at(out.default_level(), policy.root->opening(), policy.root->pointer,
                    "the policy has no Statement, so it allows and denies nothing");
  }

  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    auto missing = [&](std::string what, std::string why = {}) {
      out.report_at(out.default_level(), statement.node->opening(), statement.node->pointer,
                    fmt::format("{} has no {}{}", statement.label(), what, why));
    };
    if (statement.element(E::Effect) == nullptr) missing("Effect");
    if (statement.element(E::Action) == nullptr && statement.element(E::NotAction) == nullptr)
      missing("Action or NotAction");
    const bool has_resource = statement.element(E::Resource) != nullptr || statement.element(E::NotResource) != nullptr;
    if (!has_resource && policy.kind == PolicyKind::Identity)
      missing("Resource or NotResource", " (identity policies require one)");
    if (!has_resource && policy.kind == PolicyKind::SesIdentity)
      missing("Resource", " (an SES identity policy names the identity's ARN)");
    const bool has_principal = statement.element(E::Principal) != nullptr || statement.element(E::NotPrincipal) != nullptr;
    if (!has_principal && policy.kind != PolicyKind::Identity)
      missing("Principal or NotPrincipal", " (resource policies must say whom they apply to)");
  }
};

}  // namespace
std::unique_ptr<Rule> make_missing_element() { return std::make_unique<MissingElement>(); }
}  // namespace seslint::rules
