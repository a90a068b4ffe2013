// IAM109 any-ip-range: 0.0.0.0/0 or ::/0 under an IP operator. The range is every address of one
// family, which is not "any request": the other family, and requests without the key (for
// aws:SourceIp, every request through a VPC endpoint), fall outside it.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// The requests that do not carry the key, as the global condition keys page documents them.
std::string requests_without(std::string_view key) {
  if (iequals(key, "aws:SourceIp")) return "requests without aws:SourceIp (every request through a VPC endpoint)";
  if (iequals(key, "aws:VpcSourceIp")) return "requests without aws:VpcSourceIp (every request not through a VPC endpoint)";
  return fmt::format("requests without {}", key);
}

class AnyIpRange final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Ip) return;
    bool covers[2] = {false, false};  // [v4, v6]: a /0 of that family is listed
    bool listed[2] = {false, false};  // [v4, v6]: some range of that family is listed
    for (const auto& value : clause.values)
      if (const auto network = parse_ip_network(value.text)) {
        listed[network->v6] = true;
        if (network->prefix == 0) covers[network->v6] = true;
      }
    const std::string_view key = clause.key_member->key;
    for (const auto& value : clause.values) {
      const auto network = parse_ip_network(value.text);
      if (!network || network->prefix != 0) continue;
      const std::string_view family = network->v6 ? "IPv6" : "IPv4";
      const std::string_view other = network->v6 ? "IPv4" : "IPv6";
      const bool other_covered = covers[!network->v6];
      std::string effect;
      if (op.parsed.base->negated) {
        // A negated operator on an absent key is true, IfExists or not.
        const std::string other_callers =
            other_covered            ? ""
            : listed[!network->v6] ? fmt::format(" and for {} callers outside the listed {} ranges", other, other)
                                   : fmt::format(" and for every {} caller", other);
        effect = fmt::format("so {} is false for {} callers, but still true for {}{}", op.member->key, family,
                             requests_without(key), other_callers);
      } else if (op.parsed.if_exists) {
        effect = other_covered ? fmt::format("so {} restricts nothing: every address and every request without the key pass",
                                             op.member->key)
                               : fmt::format("so {} excludes only {} callers", op.member->key, other);
      } else {
        effect = fmt::format("but {} on it still excludes {}{}", op.member->key, other_covered ? "" : fmt::format("{} callers and ", other),
                             requests_without(key));
      }
      out.report(*value.node, fmt::format("{} in {} matches every {} address, {}", quoted(value.text), statement.label(),
                                          family, effect),
                 "name the ranges you mean (with aws:SourceVpce for VPC-endpoint traffic), or drop the condition");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_any_ip_range() { return std::make_unique<AnyIpRange>(); }
}  // namespace seslint::rules
