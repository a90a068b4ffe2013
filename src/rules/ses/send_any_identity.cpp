// SES101 send-any-identity: a send action allowed on every identity ("*", "identity/*", or any
// account or region), confirmed with the evaluator so that a Deny that narrows it is respected.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/arn.hpp"

namespace seslint::rules {
namespace {

// Why `resource` covers every identity, or empty.
std::string_view every_identity(std::string_view resource) {
  if (resource == "*") return "every resource";
  const auto arn = split_arn(resource);
  if (!arn || !(arn->service == "ses" || arn->service == "*")) return {};
  if (arn->resource == "*" || arn->resource == "identity/*") return "every identity";
  if (arn->resource.substr(0, 9) != "identity/") return {};
  if (arn->account.find_first_of("*?") != std::string_view::npos) return "this identity name in every account";
  if (arn->region.find_first_of("*?") != std::string_view::npos) return "this identity name in every region";
  return {};
}

class SendAnyIdentity final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    const eval::PolicySet set = ses::policy_set(policy);
    for (const auto& statement : policy.statements) {
      const auto actions = ses::granted_send_actions(statement);
      if (actions.empty() || !statement.resource || statement.resource->negated) continue;
      bool undecided = false;
      for (const auto& value : statement.resource->values) {
        const std::string_view why = every_identity(value.text);
        if (why.empty()) continue;
        const auto probe = ses::probe_for(value.text);
        if (!probe) continue;
        std::vector<std::string_view> reachable;
        for (std::string_view action : actions) {
          const auto& answer = ses::allowed(policy, set, action, *probe);
          if (answer.witness) reachable.push_back(action);
          undecided = undecided || ses::undecided(answer);
        }
        if (reachable.empty()) continue;
        out.report(*value.node,
                   fmt::format("{} in {} {} allowed on {} (Resource {}): the credentials can send as identities "
                               "they were never meant for",
                               ses::join_actions(reachable), statement.label(), ses::is_are(reachable), why,
                               quoted(value.text)),
                   "scope Resource to the identity ARN, e.g. arn:aws:ses:<region>:<account>:identity/<your-domain>");
        undecided = false;  // reported: the statement's finding stands for it
      }
      if (undecided) report_incomplete(policy, &statement, "sending is allowed on every identity", out);
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_send_any_identity() { return std::make_unique<SendAnyIdentity>(); }
}  // namespace seslint::rules
