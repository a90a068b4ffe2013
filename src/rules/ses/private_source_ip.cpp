// SES104 private-source-ip: aws:SourceIp compared with private or non-routable ranges, which it
// never holds (AWS puts only public addresses there, and none for VPC endpoint traffic). Private,
// loopback and link-local space is not public by definition; shared (100.64/10) and reserved space,
// and the IPv4-mapped IPv6 form of such an address, are our reading of "public only". The mapped
// form of a public address is not flagged: whether AWS ever compares one is not documented.
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// Not public under any reading: RFC 1918, RFC 4193 (ULA), loopback, link-local.
constexpr std::array<std::string_view, 8> kNotPublic = {"10.0.0.0/8",     "172.16.0.0/12", "192.168.0.0/16",
                                                        "127.0.0.0/8",    "169.254.0.0/16", "fc00::/7",
                                                        "fe80::/10",      "::1/128"};

bool within(const IpNetwork& network, std::string_view range) {
  const auto outer = *parse_ip_network(range);
  return outer.prefix <= network.prefix && outer.contains(network.network());
}

// The IPv4 block an IPv4-mapped IPv6 block (::ffff:a.b.c.d/96+n) stands for.
std::optional<IpNetwork> mapped_ipv4(const IpNetwork& network) {
  if (!network.v6 || network.prefix < 96 || !within(network, "::ffff:0:0/96")) return std::nullopt;
  IpNetwork v4;
  std::copy(network.bytes.begin() + 12, network.bytes.end(), v4.bytes.begin());
  v4.prefix = network.prefix - 96;
  v4.explicit_prefix = true;
  return v4;
}

class PrivateSourceIp final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Ip) return;
    if (!iequals(clause.key_member->key, "aws:SourceIp")) return;
    const std::string_view effect = statement.effect == Effect::Deny ? "so this Deny's test is decided without it"
                                                                     : "so this Allow never applies through it";
    for (const auto& value : clause.values) {
      const auto written = parse_ip_network(value.text);
      if (!written) continue;
      const auto mapped = mapped_ipv4(*written);
      const IpNetwork network = mapped ? *mapped : *written;
      if (!eval::is_private_range(network)) continue;  // public, or the mapped form of a public address
      const bool not_public = !mapped && std::any_of(kNotPublic.begin(), kNotPublic.end(),
                                                     [&](std::string_view range) { return within(network, range); });
      const std::string message =
          not_public ? fmt::format("{} under aws:SourceIp in {} never matches: AWS puts only public addresses in "
                                   "aws:SourceIp and leaves it out for requests through a VPC endpoint, {}",
                                   quoted(value.text), statement.label(), effect)
                     : fmt::format("{} under aws:SourceIp in {} is {}, which we read as never in aws:SourceIp "
                                   "(AWS documents public addresses only, and none through a VPC endpoint), {}",
                                   quoted(value.text), statement.label(),
                                   mapped ? "the IPv4-mapped form of a non-public address"
                                          : "shared or reserved address space",
                                   effect);
      out.report(*value.node, message,
                 "for traffic through a VPC endpoint, condition on aws:SourceVpce or aws:SourceVpc (and "
                 "aws:VpcSourceIp for the private address); keep aws:SourceIp for public addresses");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_private_source_ip() { return std::make_unique<PrivateSourceIp>(); }
}  // namespace seslint::rules
