// SES103 send-from-any-network: an allowed send request from a public address outside every range
// the policy names, or through a VPC endpoint the policy does not name (or with no network keys at
// all, as SMTP endpoint traffic may be). IfExists on a VPC key therefore restricts nothing.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

std::string describe(const eval::Request& witness) {
  if (const auto* ip = witness.context.find("aws:SourceIp"))
    return fmt::format("from any public address, e.g. {}", (*ip)[0]);
  if (const auto* endpoint = witness.context.find("aws:SourceVpce"))
    return fmt::format("through a VPC endpoint the policy does not name, e.g. {}", (*endpoint)[0]);
  return "through a VPC endpoint that sets no aws:SourceVpce (no network condition applies)";
}

class SendFromAnyNetwork final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    const eval::PolicySet set = ses::policy_set(policy);
    const ses::NamedNetworks named = ses::named_networks(policy);
    for (const auto& statement : policy.statements) {
      const auto actions = ses::granted_send_actions(statement);
      if (actions.empty()) continue;
      bool undecided = false;
      for (const auto& probe : ses::probes_for(statement)) {
        std::vector<std::string_view> reachable;
        std::optional<eval::Request> example;
        for (std::string_view action : actions) {
          const auto& answer = ses::network_unrestricted(policy, set, action, probe, named);
          undecided = undecided || ses::undecided(answer);
          if (!answer.witness) continue;
          reachable.push_back(action);
          if (!example) example = answer.witness;
        }
        if (reachable.empty()) continue;
        undecided = false;  // reported: the finding stands for the statement
        out.report(statement.action->member->value,
                   fmt::format("{} on {} {} allowed {}: {}", ses::join_actions(reachable), probe.label(),
                               ses::is_are(reachable), describe(*example),
                               named.ranges.empty() && named.endpoints.empty()
                                   ? "the policy restricts no network"
                                   : "the policy's network conditions leave this way open"),
                   "allow only from your egress ranges (IpAddress aws:SourceIp) or your endpoint (StringEquals "
                   "aws:SourceVpce), or deny the rest with NotIpAddress plus StringNotEqualsIfExists aws:SourceVpce");
      }
      if (undecided) report_incomplete(policy, &statement, "sending is allowed from any network", out);
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_send_from_any_network() { return std::make_unique<SendFromAnyNetwork>(); }
}  // namespace seslint::rules
