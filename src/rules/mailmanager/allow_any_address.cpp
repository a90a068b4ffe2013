// MM002 allow-any-address: an ALLOW statement whose CIDR_MATCHES covers every IPv4 or IPv6 sender
// (/0) or a block shorter than /8, which cancels a DENY default for that whole family; and
// NOT_CIDR_MATCHES on a /0, which never matches, so its statement never applies.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

constexpr int kShortestPrefix = 8;

class AllowAnyAddress final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::TrafficPolicy) return;
    for (const auto& statement : resource.traffic_policy.statements)
      for (const auto& condition : statement.conditions) check(statement, condition, out);
  }

 private:
  static void check(const mm::Statement& statement, const mm::Condition& condition, Reporter& out) {
    if (condition.type != "IpExpression" && condition.type != "Ipv6Expression") return;
    for (const auto& value : condition.values) {
      const auto network = value.known ? parse_ip_network(value.value) : std::nullopt;
      if (!network || !network->explicit_prefix || network->v6 != (condition.type == "Ipv6Expression")) continue;
      const std::string_view family = network->v6 ? "IPv6" : "IPv4";
      if (condition.op.is("NOT_CIDR_MATCHES") && network->prefix == 0) {
        out.report(*value.node,
                   fmt::format("NOT_CIDR_MATCHES {} matches no {} sender, so statement {} never applies to {} "
                               "connections",
                               mm::quote(value), family, statement.index + 1, family),
                   "remove the condition, or name the range you meant to exclude");
      } else if (condition.op.is("CIDR_MATCHES") && statement.action.is("ALLOW") && network->prefix < kShortestPrefix) {
        out.report(*value.node,
                   network->prefix == 0
                       ? fmt::format("ALLOW statement {} matches every {} sender with {}, which cancels a DENY default "
                                     "for the whole address family",
                                     statement.index + 1, family, mm::quote(value))
                       : fmt::format("ALLOW statement {} matches a /{} block, {}, a large part of the {} internet",
                                     statement.index + 1, network->prefix, mm::quote(value), family),
                   "allow the ranges your senders use, or filter on something they cannot choose (TLS, address lists)");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_allow_any_address() { return std::make_unique<AllowAnyAddress>(); }

}  // namespace seslint::rules
