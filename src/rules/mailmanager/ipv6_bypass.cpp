// MM008 ipv6-bypass: a DUAL_STACK ingress point whose traffic policy refuses senders only by IPv4
// ranges or add-on verdicts. IPv4 expressions do not match IPv6 senders and add-on conditions are
// not evaluated on IPv6 connections, so an IPv6 sender gets past every such DENY.
#include <algorithm>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

bool ipv4_or_addon_only(const mm::Statement& statement) {
  const auto& conditions = statement.conditions;
  const bool filters = std::any_of(conditions.begin(), conditions.end(), [](const mm::Condition& c) {
    return c.type == "IpExpression" || c.subject == "Analysis";
  });
  const bool v6 = std::any_of(conditions.begin(), conditions.end(),
                              [](const mm::Condition& c) { return c.type == "Ipv6Expression"; });
  return filters && !v6;
}

class Ipv6Bypass final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::IngressPoint || !resource.ingress.ip_type.is("DUAL_STACK")) return;
    const mm::Resource* policy = traffic_policy_of(resource, config);
    if (policy == nullptr || !fully_known(policy->traffic_policy)) return;
    const mm::TrafficPolicy& rules = policy->traffic_policy;
    for (const std::size_t deny : statements_with(rules, "DENY")) {
      if (!ipv4_or_addon_only(rules.statements[deny])) continue;
      mm::TrafficQuery denied_v4;  // the statement does refuse some IPv4 sender
      denied_v4.ipv6 = false;
      denied_v4.ingress = &resource.ingress;
      denied_v4.must_match = {deny};
      if (!mm::find_connection(rules, denied_v4).witness) continue;
      mm::TrafficQuery accepted_v6;
      accepted_v6.ipv6 = true;
      accepted_v6.ingress = &resource.ingress;  // e.g. no plaintext witness under TlsPolicy REQUIRED
      accepted_v6.decision = mm::Decision::Allow;
      const mm::SearchResult found = mm::find_connection(rules, accepted_v6);
      if (!found.witness) continue;
      out.report(*resource.ingress.ip_type.node,
                 fmt::format("IpType DUAL_STACK, but DENY statement {} of {} filters by IPv4 ranges or add-on verdicts "
                             "only, which IPv6 connections bypass: {} is accepted",
                             deny + 1, describe(*policy), found.witness->describe()),
                 "add the matching Ipv6Expression DENY statements (or a DENY on SENDER_IPV6 ::/0), or use IpType IPV4");
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ipv6_bypass() { return std::make_unique<Ipv6Bypass>(); }

}  // namespace seslint::rules
