// IAM008 principal-in-identity-policy: Principal/NotPrincipal where the policy is declared identity.
// An undeclared policy with a Principal is inferred to be a resource policy, so this needs a
// declaration (--policy-type identity, or the container the policy came from).
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class PrincipalInIdentityPolicy final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity || !policy.kind_declared) return;
    out.report_key(*principal.member,
                   fmt::format("{} in {} is not allowed in an identity policy: the principal is the user, group or "
                               "role the policy is attached to",
                               element_name(principal), statement.label()),
                   "remove it, or lint the file as a resource policy");
  }
};

}  // namespace
std::unique_ptr<Rule> make_principal_in_identity_policy() { return std::make_unique<PrincipalInIdentityPolicy>(); }
}  // namespace seslint::rules
