// MM007 invalid-cidr: CIDR values in traffic-policy IpExpression / Ipv6Expression and rule-set
// IpExpression conditions that are not CIDR blocks, have a prefix out of range, belong to the other
// address family, or (a warning) have host bits set. The rule-set API pattern accepts nearly any
// text, so a typo there deploys and silently matches nothing.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

std::string problem(const mm::Text& value, bool want_v6) {
  const std::string_view text = value.value;
  const std::string shown = mm::quote(value);
  const std::string_view family = want_v6 ? "IPv6" : "IPv4";
  const auto network = parse_ip_network(text);
  if (!network) {
    const auto slash = text.find('/');
    if (slash != std::string_view::npos && parse_ip_network(text.substr(0, slash)))
      return fmt::format("{} has a prefix length out of range for its address family", shown);
    return fmt::format("{} is not an {} CIDR block", shown, family);
  }
  if (network->v6 != want_v6)
    return fmt::format("{} is an {} block in an {} expression: it never matches", shown, network->v6 ? "IPv6" : "IPv4",
                       family);
  if (!network->explicit_prefix) return fmt::format("{} has no /prefix: a CIDR block is required", shown);
  return {};
}

class InvalidCidr final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind == mm::Kind::TrafficPolicy)
      for (const auto& statement : resource.traffic_policy.statements) check_all(statement.conditions, out);
    if (resource.kind == mm::Kind::RuleSet)
      for (const auto& rule : resource.rule_set.rules) {
        check_all(rule.conditions, out);
        check_all(rule.unless, out);
      }
  }

 private:
  static void check_all(const std::vector<mm::Condition>& conditions, Reporter& out) {
    for (const auto& condition : conditions) {
      if (condition.type != "IpExpression" && condition.type != "Ipv6Expression") continue;
      const bool v6 = condition.type == "Ipv6Expression";
      for (const auto& value : condition.values) {
        if (!value.known || value.node == nullptr || !value.node->is_string()) continue;
        if (const std::string message = problem(value, v6); !message.empty()) {
          out.report(*value.node, message, "write the block as address/prefix, e.g. 198.51.100.0/24 or 2001:db8::/32");
          continue;
        }
        const auto network = parse_ip_network(value.value);
        if (!network->host_bits_set()) continue;
        const bool hidden = mm::sensitive(value);  // its network would give the value away
        const std::string meant = hidden ? fmt::format("the whole /{} network it lies in", network->prefix) : network->network().to_string();
        out.report(Level::Warning, *value.node,
                   fmt::format("{} has host bits set: it means {}, which may not be the range intended",
                               mm::quote(value), meant),
                   hidden ? "clear the host bits" : fmt::format("write {}", meant));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_invalid_cidr() { return std::make_unique<InvalidCidr>(); }

}  // namespace seslint::rules
