// IAM016 wildcard-in-exact-operator: '*' or '?' under String/Numeric/Date equality-type operators,
// which compare them literally.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

class WildcardInExactOperator final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    const OperatorInfo* base = op.parsed.base;
    if (base == nullptr || base->wildcards) return;
    const bool exact_family = base->family == OperatorFamily::String || base->family == OperatorFamily::Numeric ||
                              base->family == OperatorFamily::Date;
    if (!exact_family) return;
    const std::string_view instead = base->family != OperatorFamily::String ? "remove the wildcard"
                                     : base->negated                         ? "use StringNotLike to exclude a pattern"
                                                                             : "use StringLike to match a pattern";
    for (const auto& value : clause.values) {
      if (!has_unescaped_wildcard(value.text)) continue;
      out.report(*value.node,
                 fmt::format("{} under {} in {} is compared literally: '*' and '?' are wildcards only under Like "
                             "operators",
                             quoted(value.text), quoted(op.member->key), statement.label()),
                 std::string(instead));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_wildcard_in_exact_operator() { return std::make_unique<WildcardInExactOperator>(); }
}  // namespace seslint::rules
