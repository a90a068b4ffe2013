// MM001 traffic-policy-fail-open: DefaultAction ALLOW and no DENY statement, so the traffic policy
// accepts every connection. An error when an OPEN ingress point on a public network uses it.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class TrafficPolicyFailOpen final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::TrafficPolicy) return;
    const mm::TrafficPolicy& policy = resource.traffic_policy;
    if (!policy.default_action.is("ALLOW")) return;
    for (const auto& statement : policy.statements)
      if (!statement.action.known || statement.action.is("DENY")) return;
    std::string exposure;
    Level level = out.default_level();
    for (const mm::Resource* ingress : config.ingresses_using(resource))
      if (ingress->ingress.public_open()) {
        exposure = fmt::format(", and the OPEN public {} uses it: anyone on the internet can deliver into its rule set",
                               describe(*ingress));
        level = Level::Error;
        break;
      }
    out.report(level, *policy.default_action.node,
               fmt::format("DefaultAction ALLOW with no DENY statement accepts every connection{}", exposure),
               "set DefaultAction to DENY and ALLOW the senders you expect (or add DENY statements for what you refuse)");
  }
};

}  // namespace

std::unique_ptr<Rule> make_traffic_policy_fail_open() { return std::make_unique<TrafficPolicyFailOpen>(); }

}  // namespace seslint::rules
