// IAM007 conflicting-elements: Action+NotAction, Resource+NotResource, Principal+NotPrincipal.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

using E = StatementElement;

class ConflictingElements final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy&, const Statement& statement, Reporter& out) const override {
    static constexpr std::pair<E, E> pairs[] = {{E::Action, E::NotAction}, {E::Resource, E::NotResource},
                                                {E::Principal, E::NotPrincipal}};
    for (const auto& [positive, negative] : pairs) {
      const JsonMember* a = statement.element(positive);
      const JsonMember* b = statement.element(negative);
      if (a == nullptr || b == nullptr) continue;
      const JsonMember& later = a->key_span.begin.offset > b->key_span.begin.offset ? *a : *b;
      out.report_key(later, fmt::format("{} has both {} and {}; IAM rejects a statement with both", statement.label(),
                                        to_string(positive), to_string(negative)),
                     "keep one of the two elements");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_conflicting_elements() { return std::make_unique<ConflictingElements>(); }
}  // namespace seslint::rules
