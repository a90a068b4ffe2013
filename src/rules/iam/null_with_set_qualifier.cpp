// IAM022 null-with-set-qualifier: ForAllValues:Null or ForAnyValue:Null. Null asks whether a key is
// present; a set qualifier compares each of a key's values instead, which leaves Null no question to
// answer, so the result does not depend on the request as the author meant.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class NullWithSetQualifier final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionOperator); }
  void check_operator(const Policy&, const Statement& statement, const ConditionOperator& op, Reporter& out) const override {
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Null ||
        op.parsed.qualifier == SetQualifier::None)
      return;
    out.report_key(*op.member,
                   fmt::format("{} in {} combines Null with a set qualifier: Null tests whether a key is present, "
                               "not its values, so the qualifier makes the test meaningless",
                               quoted(op.member->key), statement.label()),
                   "drop the ForAllValues:/ForAnyValue: prefix and write \"Null\"");
  }
};

}  // namespace
std::unique_ptr<Rule> make_null_with_set_qualifier() { return std::make_unique<NullWithSetQualifier>(); }
}  // namespace seslint::rules
