// IAM014 condition-value-format: a value that does not parse for its operator's family.
// Values with policy variables are left to IAM018; wildcards under exact Numeric/Date operators to IAM016.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/ip.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

// Why `value` is not valid for `family`, or empty.
std::string problem(OperatorFamily family, const ConditionValue& value) {
  const JsonKind kind = value.node->kind;
  const std::string shown = quoted(value.text);
  switch (family) {
    case OperatorFamily::Ip:
      if (kind != JsonKind::String || !parse_ip_network(value.text))
        return fmt::format("{} is not an IPv4 or IPv6 address or CIDR block", shown);
      return {};
    case OperatorFamily::Bool:
    case OperatorFamily::Null:
      if (!is_bool_text(value.text)) return fmt::format("{} is not true or false", shown);
      return {};
    case OperatorFamily::Numeric:
      if (kind == JsonKind::Bool || !is_numeric_text(value.text)) return fmt::format("{} is not a number", shown);
      return {};
    case OperatorFamily::Date:
      if (kind == JsonKind::Bool || !is_date_text(value.text))
        return fmt::format("{} is not an ISO 8601 date (2026-01-31 or 2026-01-31T12:00:00Z) or epoch seconds", shown);
      return {};
    case OperatorFamily::Binary:
      if (kind != JsonKind::String || !is_base64_text(value.text)) return fmt::format("{} is not base64", shown);
      return {};
    case OperatorFamily::String:
    case OperatorFamily::Arn:
      return {};
  }
  return {};
}

class ConditionValueFormat final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr) return;
    const OperatorFamily family = op.parsed.base->family;
    for (const auto& value : clause.values) {
      if (has_variables(value.text)) continue;  // IAM018
      if ((family == OperatorFamily::Numeric || family == OperatorFamily::Date) && has_unescaped_wildcard(value.text))
        continue;  // IAM016
      const std::string why = problem(family, value);
      if (!why.empty())
        out.report(*value.node, fmt::format("{} (condition key {} under {} in {})", why, quoted(clause.key_member->key),
                                            quoted(op.member->key), statement.label()));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_condition_value_format() { return std::make_unique<ConditionValueFormat>(); }
}  // namespace seslint::rules
