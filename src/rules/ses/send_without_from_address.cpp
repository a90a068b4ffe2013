// SES102 send-without-from-address: an allowed send request whose From address is a fresh address
// in the identity's domain, i.e. no effective ses:FromAddress restriction (a pattern that covers
// the whole domain counts as none). Reasoned over the whole policy with the evaluator.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"

namespace seslint::rules {
namespace {

class SendWithoutFromAddress final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    const eval::PolicySet set = ses::policy_set(policy);
    for (const auto& statement : policy.statements) {
      const auto actions = ses::granted_send_actions(statement);
      if (actions.empty()) continue;
      bool undecided = false;
      for (const auto& probe : ses::probes_for(statement)) {
        if (probe.name.find('@') != std::string::npos) continue;  // an address identity sends as itself only
        const std::string fresh = "seslint-probe-7f3a@" + probe.domain;
        std::vector<std::string_view> reachable;
        for (std::string_view action : actions) {
          const auto& answer = ses::from_unpinned(policy, set, action, probe);
          if (answer.witness) reachable.push_back(action);
          undecided = undecided || ses::undecided(answer);
        }
        if (reachable.empty()) continue;
        undecided = false;  // reported: the finding stands for the statement
        out.report(statement.action->member->value,
                   fmt::format("{} on {} {} allowed with any From address{}, e.g. {}: no ses:FromAddress condition "
                               "pins the sender",
                               ses::join_actions(reachable), probe.label(), ses::is_are(reachable),
                               probe.made_up ? std::string() : " in " + probe.domain, quoted(fresh)),
                   "add \"StringEquals\": {\"ses:FromAddress\": \"noreply@<domain>\"} (or the few addresses this "
                   "sender needs)");
      }
      if (undecided) report_incomplete(policy, &statement, "sending is allowed with any From address", out);
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_send_without_from_address() { return std::make_unique<SendWithoutFromAddress>(); }
}  // namespace seslint::rules
