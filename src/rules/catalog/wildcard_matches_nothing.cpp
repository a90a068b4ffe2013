// IAM202 wildcard-matches-nothing: an action pattern that matches no action of its service.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class WildcardMatchesNothing final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy& policy, const Statement& statement, const ValueList& list, Reporter& out) const override {
    bool noted = false;
    const auto& facts = catalog::action_facts(list, out.aws());
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const StringNode& value = list.values[i];
      const catalog::ActionFact& fact = facts[i];
      if (!fact.name || fact.wild_prefix || !fact.wild_name) continue;
      const aws::Service* service = fact.service;
      if (service == nullptr) continue;  // unknown service: IAM201
      if (!catalog::within_expansion_budget(value.text, out.aws())) {
        if (!noted) report_incomplete(policy, &statement, fmt::format("{} and the action patterns after it match any action", quoted(value.text)), out);
        noted = true;
        continue;
      }
      if (!service->matching(fact.name->name).empty()) continue;
      out.report(*value.node,
                 fmt::format("{} in {} of {} matches no action of {}, so it {}", quoted(value.text), element_name(list),
                             statement.label(), service->prefix, list.negated ? "excludes nothing" : "grants nothing"),
                 "check the pattern's spelling against the service's action names");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_wildcard_matches_nothing() { return std::make_unique<WildcardMatchesNothing>(); }
}  // namespace seslint::rules
