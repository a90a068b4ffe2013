// SES101 send-any-identity: a send action allowed on every identity ("*", "identity/*", or any
// account or region), confirmed with the evaluator so that a Deny that narrows it is respected.
// With the organisation's identities (.seslint.yaml org), a send allowed on a named identity it
// does not own is a finding too.
#include "rules/factories.hpp"
#include "rules/support/managed_policies.hpp"
#include "rules/support/org.hpp"
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

std::string attached_to(const Document& document) {
  return document.origin.name.empty() ? std::string("the principal") : document.origin.name;
}

class SendAnyIdentity final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document) | bit(NodeKind::Policy); }
  // An AWS managed policy attached by ARN that allows sending on every identity, unconditionally.
  void check_document(const Document& document, Reporter& out) const override {
    if (document.managed_policy_arn == nullptr) return;
    const auto* policy = managed::find_aws_managed(document.managed_policy_arn->text);
    if (policy == nullptr || policy->grant != managed::Grant::SendAnyIdentity) return;
    std::vector<std::string_view> actions(policy->actions.begin(), policy->actions.end());
    out.report(*document.managed_policy_arn,
               fmt::format("{} has the AWS managed policy {} attached, which allows {} on every identity without a "
                           "condition: the principal may send as any identity from anywhere",
                           attached_to(document), policy->name, ses::join_actions(actions)),
               "attach a policy of your own that allows sending as your identity only, with ses:FromAddress and "
               "network conditions");
  }
  void check_policy(const Policy& policy, Reporter& out) const override {
    const eval::PolicySet set = ses::policy_set(policy);
    UndecidedStatements undecided_statements;
    for (const auto& statement : policy.statements) {
      const auto actions = ses::granted_send_actions(statement);
      if (actions.empty() || !statement.resource || statement.resource->negated) continue;
      bool undecided = false;
      for (const auto& value : statement.resource->values) {
        const std::string_view why = every_identity(value.text);
        if (why.empty()) {
          check_org(policy, set, statement, actions, value, out);
          continue;
        }
        const auto probe = ses::probe_for(value.text);
        if (!probe) continue;
        std::vector<std::string_view> reachable;
        for (std::string_view action : actions) {
          const auto& answer = ses::allowed(policy, set, action, *probe);
          if (answer.witness) reachable.push_back(action);
          undecided = undecided || ses::undecided(answer);
        }
        if (reachable.empty()) continue;
        // Also on a templated value: every_identity() reads only literal wildcards, and a template's
        // unknown parts are specific values (report() drops findings on templated values).
        out.report_at(out.default_level(), value.node->span, value.node->pointer,
                   fmt::format("{} in {} {} allowed on {} (Resource {}): the credentials can send as identities "
                               "they were never meant for",
                               ses::join_actions(reachable), statement.label(), ses::is_are(reachable), why,
                               quoted(value.text)),
                   "scope Resource to the identity ARN, e.g. arn:aws:ses:<region>:<account>:identity/<your-domain>");
        undecided = false;  // reported: the statement's finding stands for it
      }
      if (undecided) undecided_statements.add(statement);
    }
    undecided_statements.report(policy, "sending is allowed on every identity", out);
  }

 private:
  // A named identity (not a pattern) that is not among the organisation's identities.
  static void check_org(const Policy& policy, const eval::PolicySet& set, const Statement& statement,
                        const std::vector<std::string_view>& actions, const StringNode& value, Reporter& out) {
    if (out.org() == nullptr || out.org()->identities.empty()) return;
    const auto probe = ses::probe_for(value.text);
    if (!probe || probe->made_up || org::owns_identity(*out.org(), probe->name)) return;
    const auto found = org::reached(actions, [&](std::string_view action) -> std::optional<std::string> {
      if (!ses::allowed(policy, set, action, *probe).witness) return std::nullopt;
      return probe->name;
    });
    if (found.actions.empty()) return;
    out.report(*value.node,
               fmt::format("{} in {} {} allowed on identity {}, which is not among the organisation's identities "
                           "(.seslint.yaml org): the credentials can send as a domain or address it does not own",
                           ses::join_actions(found.actions), statement.label(), ses::is_are(found.actions),
                           quoted(probe->name)),
               "name only the organisation's identities in Resource (or add this one to org.identities if it is yours)");
  }
};

}  // namespace
std::unique_ptr<Rule> make_send_any_identity() { return std::make_unique<SendAnyIdentity>(); }
}  // namespace seslint::rules
