// IAM005 invalid-effect: Effect not exactly "Allow" or "Deny".
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

class InvalidEffect final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy&, const Statement& statement, Reporter& out) const override {
    const JsonMember* effect = statement.element(StatementElement::Effect);
    if (effect == nullptr || !effect->value.is_string() || statement.effect != Effect::Invalid) return;
    static constexpr std::string_view effects[] = {"Allow", "Deny"};
    out.report(effect->value,
               with_suggestion(fmt::format("Effect {} in {} is not valid: it must be exactly 'Allow' or 'Deny' "
                                           "(case-sensitive)",
                                           quoted(effect->value.text), statement.label()),
                               did_you_mean(effect->value.text, effects)));
  }
};

}  // namespace
std::unique_ptr<Rule> make_invalid_effect() { return std::make_unique<InvalidEffect>(); }
}  // namespace seslint::rules
