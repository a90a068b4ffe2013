// IAM013 unknown-condition-operator: an operator, set qualifier or IfExists suffix IAM does not know.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class UnknownConditionOperator final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionOperator); }
  void check_operator(const Policy&, const Statement& statement, const ConditionOperator& op, Reporter& out) const override {
    if (op.parsed.valid()) return;
    // A spelling that differs only in case is recognised by some evaluators; say so, but as a warning.
    const bool case_only = op.parsed.case_only();
    const std::string message = fmt::format("in {}, {}", statement.label(), op.parsed.problem);
    if (case_only) {
      out.report_at(Level::Warning, op.member->key_span, op.member->value.pointer,
                    fmt::format("{}; write '{}'", message, op.parsed.suggestion));
      return;
    }
    out.report_at(out.default_level(), op.member->key_span, op.member->value.pointer,
                  with_suggestion(message, op.parsed.suggestion));
  }
};

}  // namespace
std::unique_ptr<Rule> make_unknown_condition_operator() { return std::make_unique<UnknownConditionOperator>(); }
}  // namespace seslint::rules
