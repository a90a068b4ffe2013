// IAM111 pass-role-star: iam:PassRole allowed on every role ("*", or a role ARN in any account),
// confirmed with the evaluator so that a Deny narrowing it is respected; and iam:PassRole on every
// role of one account ("arn:aws:iam::111122223333:role/*") without iam:PassedToService.
#include <set>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/catalog_support.hpp"
#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

bool names_pass_role(const Statement& statement) {
  if (!statement.action || statement.action->negated) return false;  // NotAction: the evaluator's part above
  for (const auto& value : statement.action->values)
    if (!value.node->templated && eval::action_matches(value.text, "iam:PassRole")) return true;  // glob_match without case, quicker
  return false;
}

// A condition that narrows which roles, or to what, the holder may pass.
bool narrows_pass_role(const Statement& statement) {
  for (const auto& clause : statement.clauses) {
    const std::string_view key = clause.key_member->key;
    if (iequals(key, "iam:PassedToService") || iequals(key, "iam:AssociatedResourceArn")) return true;
    if (key.size() > 16 && (iequals(key.substr(0, 16), "aws:ResourceTag/") || iequals(key.substr(0, 16), "iam:ResourceTag/")))
      return true;
  }
  return false;
}

// "arn:aws:iam::111122223333:role/*": a role name nobody chose (a made-up one) in the ARN's own
// account matches, so every role of the account does. Accounts given by a wildcard are left to the
// any-account check.
const StringNode* every_role_of_an_account(const Statement& statement) {
  for (const auto& value : statement.resource->values) {
    const std::string_view arn = value.text;
    if (value.node->templated || !arn.starts_with("arn:")) continue;
    const auto account_begin = arn.find("iam::");
    if (account_begin == std::string_view::npos) continue;
    const std::string_view account = arn.substr(account_begin + 5, 12);
    if (account.size() != 12 || account.find_first_not_of("0123456789") != std::string_view::npos) continue;
    const std::string probe = fmt::format("{}iam::{}:role/seslint-probe-admin", arn.substr(0, account_begin), account);
    if (glob_match(arn, probe) && glob_match(arn, probe + "-2/nested/path")) return &value;
  }
  return nullptr;
}

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
      else check_every_role_of_an_account(policy, {}, out);
      return;
    }
    std::set<const Statement*> reported;
    for (const auto& decided : eval::evaluate(set, *result.witness).deciding) {
      const Statement& statement = *decided.statement;
      if (!statement.resource) continue;  // cannot happen: identity statements without Resource apply to nothing
      reported.insert(&statement);
      out.report(statement.resource->member->value,
                 fmt::format("{} allows iam:PassRole on every role (e.g. a role in another account): the holder can "
                             "hand any role, administrators' included, to a service it controls",
                             statement.label()),
                 "scope iam:PassRole to the roles needed and add iam:PassedToService");
    }
    check_every_role_of_an_account(policy, reported, out);
  }

 private:
  // Access Analyzer's PASS_ROLE_WITH_STAR_IN_RESOURCE: all the account's roles, to any service.
  static void check_every_role_of_an_account(const Policy& policy, const std::set<const Statement*>& reported,
                                             Reporter& out) {
    for (const auto& statement : policy.statements) {
      if (statement.effect != Effect::Allow || !statement.resource || statement.resource->negated) continue;
      if (reported.count(&statement) != 0 || !names_pass_role(statement) || narrows_pass_role(statement)) continue;
      const StringNode* every_role = every_role_of_an_account(statement);
      if (every_role == nullptr) continue;
      const std::string probe = fmt::format("arn:aws:iam::{}:role/seslint-probe-admin",
                                            every_role->text.substr(every_role->text.find("iam::") + 5, 12));
      if (catalog::denied_unconditionally(policy, "iam:PassRole", probe)) continue;
      out.report(*every_role->node,
                 fmt::format("{} allows iam:PassRole on every role of account {} ({}), to any service: the "
                             "holder can hand the account's most privileged role to a service it controls",
                             statement.label(), every_role->text.substr(every_role->text.find("iam::") + 5, 12),
                             quoted(every_role->text)),
                 "name the roles to pass, or add an iam:PassedToService condition");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_pass_role_star() { return std::make_unique<PassRoleStar>(); }
}  // namespace seslint::rules
