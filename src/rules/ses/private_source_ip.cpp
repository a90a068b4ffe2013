// SES104 private-source-ip: aws:SourceIp compared with private or non-routable ranges, which it
// never holds (AWS puts only public addresses there, and none for VPC endpoint traffic).
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

class PrivateSourceIp final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Ip) return;
    if (!iequals(clause.key_member->key, "aws:SourceIp")) return;
    for (const auto& value : clause.values) {
      const auto network = parse_ip_network(value.text);
      if (!network || !eval::is_private_range(*network)) continue;
      const std::string_view effect = statement.effect == Effect::Deny ? "so this Deny's test is decided without it"
                                                                       : "so this Allow never applies through it";
      out.report(*value.node,
                 fmt::format("{} under aws:SourceIp in {} never matches: AWS puts only public addresses in "
                             "aws:SourceIp and leaves it out for requests through a VPC endpoint, {}",
                             quoted(value.text), statement.label(), effect),
                 "for traffic through a VPC endpoint, condition on aws:SourceVpce or aws:SourceVpc (and "
                 "aws:VpcSourceIp for the private address); keep aws:SourceIp for public addresses");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_private_source_ip() { return std::make_unique<PrivateSourceIp>(); }
}  // namespace seslint::rules
