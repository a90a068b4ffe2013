// MM012 open-relay: a rule set behind an OPEN public ingress point that runs Send, or Relay to a
// server outside your network, for mail whose rule restricts neither the recipients (to your
// domains or an address list) nor the sending hosts (SOURCE_IP): anyone on the internet can send
// through your SES identity or your relay.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

// A condition that keeps the rule to known recipients or known sending hosts.
bool restricts(const mm::Condition& c) {
  if (c.unknown()) return true;  // a template value: no claim
  if (c.type == "IpExpression" && c.op.is("CIDR_MATCHES")) return true;
  if (c.type == "StringExpression" && c.attribute.is("RECIPIENT") && (c.op.is("EQUALS") || c.op.is("ENDS_WITH")))
    return true;
  return c.subject == "IsInAddressList" && c.attribute.is("RECIPIENT") && c.op.is("IS_TRUE");
}

class OpenRelay final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::RuleSet) return;
    const auto ingresses = open_public_ingresses(resource, config);
    if (ingresses.empty()) return;
    for (const auto& rule : resource.rule_set.rules) {
      if (std::any_of(rule.conditions.begin(), rule.conditions.end(), restricts)) continue;
      for (const auto& action : rule.actions) {
        const std::string target = outbound_target(action, config);
        if (target.empty()) continue;
        out.report(*action.node,
                   fmt::format("{} {} for any recipient from any host, and {} this rule set: an open relay",
                               rule.label(), target, feeders(ingresses)),
                   "restrict the rule to your domains (RECIPIENT ENDS_WITH @your-domain, or an address list), or "
                   "to your systems' SOURCE_IP ranges; submission belongs on an AUTH or MTLS ingress point");
        break;
      }
    }
  }

 private:
  // "the OPEN public ingress point 'a' feeds" / "the OPEN public ingress points 'a', 'b', 'c' and 2 more
  // feed": every one, by name, so that each can be fixed; past kNamed only a count.
  static std::string feeders(std::vector<const mm::Resource*> ingresses) {
    static constexpr std::size_t kNamed = 3;
    std::sort(ingresses.begin(), ingresses.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
    if (ingresses.size() == 1) return fmt::format("the OPEN public {} feeds", describe(*ingresses.front()));
    std::vector<std::string> names;
    for (std::size_t i = 0; i < ingresses.size() && i < kNamed; ++i) names.push_back(fmt::format("'{}'", ingresses[i]->name));
    const std::size_t rest = ingresses.size() - names.size();
    const std::string last = rest == 0 ? names.back() : fmt::format("{} more", rest);
    if (rest == 0) names.pop_back();
    return fmt::format("the OPEN public ingress points {} and {} feed", fmt::join(names, ", "), last);
  }

  // "sends with Send" / "relays to smtp.example.net"; empty for other actions and private relays.
  static std::string outbound_target(const mm::Action& action, const mm::Configuration& config) {
    if (action.type == "Send") return "sends the message on through SES (Send)";
    if (action.type != "Relay") return {};
    const mm::Resource* relay = config.resolve(mm::Kind::Relay, action.reference("Relay"));
    if (relay == nullptr || !relay->relay.server_name.known || private_server(relay->relay.server_name.value)) return {};
    return fmt::format("relays the message to {}", mm::quote(relay->relay.server_name));
  }
};

}  // namespace

std::unique_ptr<Rule> make_open_relay() { return std::make_unique<OpenRelay>(); }

}  // namespace seslint::rules
