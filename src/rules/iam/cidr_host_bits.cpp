// IAM017 cidr-host-bits: a CIDR block with bits set past its prefix ("10.204.0.1/16").
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/ip.hpp"

namespace seslint::rules {
namespace {

class CidrHostBits final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Ip) return;
    for (const auto& value : clause.values) {
      const auto network = parse_ip_network(value.text);
      if (!network || !network->explicit_prefix || !network->host_bits_set()) continue;
      const std::string range = network->network().to_string();
      out.report(*value.node,
                 fmt::format("{} in {} has host bits set past /{}: it covers all of {}, not one address",
                             quoted(value.text), statement.label(), network->prefix, range),
                 fmt::format("write '{}' if the whole range is meant, or the address with /{} if one host is",
                             range, network->bits()));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_cidr_host_bits() { return std::make_unique<CidrHostBits>(); }
}  // namespace seslint::rules
