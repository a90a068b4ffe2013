// IAM206 set-operator-misuse: a multivalued key (ArrayOf...) tested without ForAllValues or
// ForAnyValue, or a set operator on a single-valued key.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class SetOperatorMisuse final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (!op.parsed.valid() || op.parsed.base->family == OperatorFamily::Null) return;
    const aws::ConditionKey* key = out.aws().find_key(clause.key_member->key);
    if (key == nullptr) return;
    const bool qualified = op.parsed.qualifier != SetQualifier::None;
    if (key->type.multivalued && !qualified) {
      out.report_key(*clause.key_member,
                     fmt::format("condition key {} in {} holds a set of values ({}), but {} has no ForAllValues or "
                                 "ForAnyValue: which members must match is left unsaid",
                                 quoted(clause.key_member->key), statement.label(), aws::to_string(key->type),
                                 quoted(op.member->key)),
                     fmt::format("write ForAnyValue:{0} (any member matches) or ForAllValues:{0} with a Null guard "
                                 "(every member matches)",
                                 op.member->key));
    } else if (!key->type.multivalued && qualified) {
      const bool all = op.parsed.qualifier == SetQualifier::ForAllValues;
      out.report_key(*clause.key_member,
                     fmt::format("{} tests condition key {} in {} as a set, but it holds one value ({}){}",
                                 quoted(op.member->key), quoted(clause.key_member->key), statement.label(),
                                 aws::to_string(key->type),
                                 all ? ": ForAllValues is also true when the key is absent" : ""),
                     "drop the ForAllValues:/ForAnyValue: qualifier");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_set_operator_misuse() { return std::make_unique<SetOperatorMisuse>(); }
}  // namespace seslint::rules
