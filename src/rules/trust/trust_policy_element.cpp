// IAM120 trust-policy-element: a Resource, NotResource or NotPrincipal element in a role trust
// policy. IAM refuses such a trust policy (a trust policy's resource is the role it is attached to;
// NotPrincipal is not supported there), so the role cannot be created or updated with it.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class TrustPolicyElement final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    if (policy.kind != PolicyKind::Trust) return;
    for (auto element : {StatementElement::Resource, StatementElement::NotResource}) {
      if (const JsonMember* member = statement.element(element))
        out.report_key(*member,
                       fmt::format("{} has a {} element, which a role trust policy cannot have: IAM refuses the "
                                   "policy (the resource is the role it is attached to)",
                                   statement.label(), to_string(element)),
                       "remove the element");
    }
    if (const JsonMember* member = statement.element(StatementElement::NotPrincipal))
      out.report_key(*member,
                     fmt::format("{} uses NotPrincipal, which a role trust policy does not support: IAM refuses "
                                 "the policy",
                                 statement.label()),
                     "name who may assume the role in Principal; to exclude principals, add a Deny statement "
                     "with an aws:PrincipalArn condition");
  }
};

}  // namespace
std::unique_ptr<Rule> make_trust_policy_element() { return std::make_unique<TrustPolicyElement>(); }
}  // namespace seslint::rules
