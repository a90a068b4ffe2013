// IAM101 allow-all-actions: an Allow with Action "*" (error) or "<service>:*" (warning).
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class AllowAllActions final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    if (statement.effect != Effect::Allow || list.negated) return;
    for (const auto& value : list.values) {
      const std::string_view text = value.text;
      if (text == "*" || text == "*:*") {
        out.report(Level::Error, *value.node,
                   fmt::format("{} allows every action of every service with {}", statement.label(), quoted(text)),
                   "list the actions the principal needs");
        continue;
      }
      const auto colon = text.find(':');
      if (colon == std::string_view::npos || text.substr(colon + 1) != "*") continue;
      const std::string_view service = text.substr(0, colon);
      if (service.find_first_of("*?") != std::string_view::npos) continue;
      out.report(Level::Warning, *value.node,
                 fmt::format("{} allows every {} action with {}, including permission and deletion actions",
                             statement.label(), service, quoted(text)),
                 "list the actions the principal needs");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_allow_all_actions() { return std::make_unique<AllowAllActions>(); }
}  // namespace seslint::rules
