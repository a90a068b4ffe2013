// IAM029 vpc-id-format: an aws:SourceVpc value that is not a VPC ID (vpc- and 8 or 17 lower-case hex
// digits), or an aws:SourceVpce value that is not a VPC endpoint ID (vpce- and 8 or 17).
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

bool is_resource_id(std::string_view text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  const std::string_view digits = text.substr(prefix.size());
  return (digits.size() == 8 || digits.size() == 17) &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

class VpcIdFormat final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const std::string_view key = clause.key_member->key;
    const bool endpoint = iequals(key, "aws:SourceVpce");
    if (!endpoint && !iequals(key, "aws:SourceVpc")) return;
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::String) return;
    const std::string_view prefix = endpoint ? "vpce-" : "vpc-";
    for (const auto& value : clause.values) {
      if (value.node->kind != JsonKind::String || value.node->templated || value.text.empty() ||
          has_variables(value.text) || (op.parsed.base->wildcards && has_wildcard(value.text)))
        continue;  // IAM021, IAM018, IAM012; patterns are not judged
      if (is_resource_id(op.parsed.base->ignore_case ? to_lower(value.text) : std::string(value.text), prefix)) continue;
      out.report(*value.node,
                 fmt::format("{} under {} for {} in {} is not a VPC{} ID ({} and 8 or 17 lower-case hex digits), so "
                             "{}",
                             quoted(value.text), quoted(op.member->key), key, statement.label(),
                             endpoint ? " endpoint" : "", prefix,
                             op.parsed.base->negated ? "it excludes no request" : "no request matches it"),
                 fmt::format("copy the {} ID from the VPC console or `aws ec2 describe-{}`", endpoint ? "endpoint" : "VPC",
                             endpoint ? "vpc-endpoints" : "vpcs"));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_vpc_id_format() { return std::make_unique<VpcIdFormat>(); }
}  // namespace seslint::rules
