// IAM208 resource-star-scopable: an Allow on Resource "*" for actions that can be scoped to
// specific resources. Action "*" is IAM101's; actions without resource types need "*" and are fine.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class ResourceStarScopable final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    if (statement.effect != Effect::Allow || !statement.resource || statement.resource->negated) return;
    if (policy.kind != PolicyKind::Identity) return;  // resource policies name their resource implicitly
    const StringNode* star = nullptr;
    for (const auto& value : statement.resource->values)
      if (value.text == "*") star = &value;
    if (star == nullptr) return;
    const auto actions = catalog::expand_statement_actions(statement, out.aws());
    if (!actions) return;
    std::vector<std::string> scopable;
    for (const auto& each : *actions)
      if (!each.action->resources.empty()) scopable.push_back(each.full_name());
    if (scopable.empty()) return;
    std::string names;
    for (std::size_t i = 0; i < scopable.size() && i < 3; ++i) names += fmt::format("{}{}", i == 0 ? "" : ", ", scopable[i]);
    if (scopable.size() > 3) names += fmt::format(" and {} more", scopable.size() - 3);
    out.report(*star->node,
               fmt::format("Resource \"*\" in {} grants {} on every resource, though {} can be scoped to specific "
                           "ARNs",
                           statement.label(), names, scopable.size() == 1 ? "it" : "they"),
               "name the resources (ARNs) the actions need");
  }
};

}  // namespace
std::unique_ptr<Rule> make_resource_star_scopable() { return std::make_unique<ResourceStarScopable>(); }
}  // namespace seslint::rules
