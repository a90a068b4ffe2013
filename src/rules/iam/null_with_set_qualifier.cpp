// IAM022 null-with-set-qualifier: ForAllValues:Null or ForAnyValue:Null. Null asks whether a key is
// present; with a set qualifier the answer no longer depends on the request: AWS documents that
// ForAllValues:Null always holds and ForAnyValue:Null never does.
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
    const bool all = op.parsed.qualifier == SetQualifier::ForAllValues;
    out.report_key(*op.member,
                   fmt::format("{} in {} combines Null with a set qualifier, so it no longer tests whether a key is "
                               "present: {}",
                               quoted(op.member->key), statement.label(),
                               all ? "ForAllValues:Null holds for every request, so it restricts nothing"
                                   : fmt::format("ForAnyValue:Null holds for no request, so {} never applies",
                                                 statement.label())),
                   "drop the ForAllValues:/ForAnyValue: prefix and write \"Null\"");
  }
};

}  // namespace
std::unique_ptr<Rule> make_null_with_set_qualifier() { return std::make_unique<NullWithSetQualifier>(); }
}  // namespace seslint::rules
