// IAM109 any-ip-range: 0.0.0.0/0 or ::/0 under an IP operator: no restriction, or never true.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/ip.hpp"

namespace seslint::rules {
namespace {

class AnyIpRange final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Ip) return;
    for (const auto& value : clause.values) {
      const auto network = parse_ip_network(value.text);
      if (!network || network->prefix != 0) continue;
      const std::string_view family = network->v6 ? "IPv6" : "IPv4";
      const std::string_view effect = op.parsed.base->negated
                                          ? "so NotIpAddress is never true for an address of that family"
                                          : "so IpAddress restricts nothing for that family";
      out.report(*value.node, fmt::format("{} in {} matches every {} address, {}", quoted(value.text), statement.label(),
                                          family, effect),
                 "name the ranges you mean, or drop the condition");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_any_ip_range() { return std::make_unique<AnyIpRange>(); }
}  // namespace seslint::rules
