// IAM027 invalid-region: a region that no AWS partition has, in a resource ARN ("arn:aws:ses:us-east-7:...")
// or in aws:RequestedRegion; or a region of another partition than the ARN's ("arn:aws-cn:...:us-east-1:...").
// Malformed ARNs are IAM015's: only well-formed ones with a literal region are judged here.
#include "rules/factories.hpp"
#include "rules/support/regions.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

bool literal(std::string_view text) { return !has_wildcard(text) && !has_variables(text); }

class InvalidRegion final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Resource) | bit(NodeKind::ConditionClause); }

  void check_resource(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    for (const auto& value : list.values) {
      if (value.node->templated || !arn_is_well_formed(value.text)) continue;  // IAM015
      const auto arn = split_arn(value.text);
      if (!arn || arn->region.empty() || has_variables(arn->region) || !literal(arn->partition)) continue;
      if (has_wildcard(arn->region)) {  // "eu-*" is fine; "eu-wset-*" matches no region
        if (!regions::pattern_matches_some_region(arn->region))
          out.report(*value.node,
                     fmt::format("{} in {} of {} has the region pattern {}, which matches no AWS region, so the ARN "
                                 "matches nothing",
                                 quoted(value.text), element_name(list), statement.label(), quoted(arn->region)),
                     "correct the region pattern, or use \"*\" for every region");
        continue;
      }
      if (!regions::known_partition(arn->partition) || regions::in_partition(arn->partition, arn->region)) continue;
      const std::string where = fmt::format("{} of {}", element_name(list), statement.label());
      const std::string_view other = regions::partition_of(arn->region);
      if (!other.empty()) {
        out.report(*value.node,
                   fmt::format("{} in {} names region {} of partition {} under partition {}: no resource has that "
                               "ARN, so it matches nothing",
                               quoted(value.text), where, quoted(arn->region), other, quoted(arn->partition)),
                   fmt::format("write the partition as arn:{}: or use a region of {}", other, arn->partition));
        continue;
      }
      out.report(*value.node,
                 with_suggestion(fmt::format("{} in {} names region {}, which is no region of partition {}: no "
                                             "resource has that ARN, so it matches nothing",
                                             quoted(value.text), where, quoted(arn->region), quoted(arn->partition)),
                                 regions::closest_region(arn->region)),
                 "use a region code from the AWS Regions list (us-east-1, eu-west-1, ...)");
    }
  }

  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    if (!iequals(clause.key_member->key, "aws:RequestedRegion")) return;
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::String) return;
    for (const auto& value : clause.values) {
      if (value.node->kind != JsonKind::String || value.node->templated || has_variables(value.text) || value.text.empty())
        continue;  // IAM021 / IAM018 / IAM012
      const bool pattern = op.parsed.base->wildcards && has_wildcard(value.text);
      if (pattern ? regions::pattern_matches_some_region(value.text) : !regions::partition_of(value.text).empty()) continue;
      if (op.parsed.base->ignore_case && !regions::partition_of(to_lower(value.text)).empty()) continue;
      out.report(*value.node,
                 with_suggestion(fmt::format("{} under {} for aws:RequestedRegion in {} {} no AWS region, so {}",
                                             quoted(value.text), quoted(op.member->key), statement.label(),
                                             pattern ? "matches" : "is",
                                             op.parsed.base->negated ? "it excludes nothing" : "no request matches it"),
                                 pattern ? std::string() : regions::closest_region(value.text)),
                 "use region codes as AWS writes them (eu-west-1), or a pattern that matches them (eu-*)");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_invalid_region() { return std::make_unique<InvalidRegion>(); }
}  // namespace seslint::rules
