// IAM111 pass-role-star: iam:PassRole allowed on every role ("*", or a role ARN in any account),
// confirmed with the evaluator so that a Deny narrowing it is respected.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/reach.hpp"

namespace seslint::rules {
namespace {

class PassRoleStar final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity) return;
    // A role in an account the policy cannot know: only a wildcard reaches it.
    eval::ReachQuery query{"iam:PassRole", "arn:aws:iam::999988887777:role/seslint-probe-admin", "", "111122223333", {}, {}};
    const eval::PolicySet set{{&policy}, nullptr};
    const auto& result = eval::reach_session(policy).find(set, query, {});
    if (!result.witness) {
      if (!result.exhaustive) report_incomplete(policy, nullptr, "iam:PassRole is allowed on every role", out);
      return;
    }
    for (const auto& decided : eval::evaluate(set, *result.witness).deciding) {
      const Statement& statement = *decided.statement;
      if (!statement.resource) continue;  // cannot happen: identity statements without Resource apply to nothing
      out.report(statement.resource->member->value,
                 fmt::format("{} allows iam:PassRole on every role (e.g. a role in another account): the holder can "
                             "hand any role, administrators' included, to a service it controls",
                             statement.label()),
                 "scope iam:PassRole to the roles needed and add iam:PassedToService");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_pass_role_star() { return std::make_unique<PassRoleStar>(); }
}  // namespace seslint::rules
