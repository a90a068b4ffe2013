// IAM208 resource-star-scopable: an Allow on Resource "*" for actions that can be scoped to
// specific resources (the reference marks a resource type required). Action "*" is IAM101's;
// actions without resource types need "*" and are fine.
// An action counts only if no unconditional Deny covers it on a resource the policy names nowhere
// (a made-up ARN of the action's resource type), so a Deny that narrows "*" is respected.
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

constexpr std::size_t kMaxProbed = 64;  // per statement: enough to name examples, bounded in cost


// Scopable: the reference marks a resource type as required, or lists two or more alternatives for
// an action that is not a List action (s3:GetObject: object or access-point object; every request
// names one). A single optional type applies only to some requests (cloudwatch:PutMetricData through
// an ingestion endpoint): the others need "*", so the action is not scopable. A List action's
// optional types only filter what it lists (cloudwatch:ListMetrics), so it needs "*".
const aws::ActionResource* required_type(const aws::Action& action) {
  for (const auto& ref : action.resources)
    if (ref.required) return &ref;
  if (action.resources.size() >= 2 && (action.levels & aws::kList) == 0) return &action.resources.back();
  return nullptr;
}

// Could denied_unconditionally say yes for this policy? Only with a Deny that has no Condition
// and both Action and Resource: most policies have none, and then no probe needs building.
bool has_unconditional_deny(const Policy& policy) {
  return std::any_of(policy.statements.begin(), policy.statements.end(), [](const Statement& statement) {
    return statement.effect == Effect::Deny && statement.clauses.empty() && statement.action && statement.resource;
  });
}

// Not cut back by a Deny: on a resource of its type that the policy names nowhere, no
// unconditional Deny covers the action (a Deny with NotResource listing the allowed ARNs does).
bool allowed_anywhere(const Policy& policy, const catalog::ExpandedAction& each) {
  const auto& type = each.service->resources[required_type(*each.action)->type];
  if (type.arn_formats.empty()) return true;
  return !catalog::denied_unconditionally(policy, each.full_name(), catalog::made_up_arn(type.arn_formats.front()));
}

bool icontains(std::string_view text, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i)
    if (iequals(text.substr(i, word.size()), word)) return true;
  return false;
}

bool names_resource(std::string_view name) { return icontains(name, "Resource") || icontains(name, "Alias"); }

// Resource "*" narrowed by a condition that names the resource: an aws:Resource... key (every
// action), or a key of the action's own service about the resource or its alias (kms:RequestAlias,
// ec2:ResourceTag/...). Keys about the request (ses:Recipients) do not narrow the resource.
bool narrowed_by_condition(const Statement& statement, std::string_view service) {
  return std::any_of(statement.clauses.begin(), statement.clauses.end(), [&](const ConditionClause& clause) {
    const std::string_view key = clause.key_member->key;
    const auto colon = key.find(':');
    if (colon == std::string_view::npos) return false;
    const std::string_view prefix = key.substr(0, colon), name = key.substr(colon + 1);
    if (iequals(prefix, "aws")) return name.size() > 8 && iequals(name.substr(0, 8), "Resource");
    return iequals(prefix, service) && names_resource(name);
  });
}

// The first Resource value that is effectively "*" for the service's actions, or nullptr.
const StringNode* covering(const std::vector<const StringNode*>& effective, std::string_view service) {
  for (const StringNode* value : effective)
    if (catalog::effectively_star(value->text, service)) return value;
  return nullptr;
}

class ResourceStarScopable final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    if (statement.effect != Effect::Allow || !statement.resource || statement.resource->negated) return;
    if (policy.kind != PolicyKind::Identity) return;  // resource policies name their resource implicitly
    const StringNode* star = nullptr;
    for (const auto& value : statement.resource->values)
      if (value.text == "*") star = &value;
    // Without a literal "*": ARN patterns that may name every resource of an action's service
    // ("arn:aws:*:*:*:*", "arn:aws:s3:::*"), judged per action below.
    std::vector<const StringNode*> effective;
    if (star == nullptr)
      for (const auto& value : statement.resource->values)
        if (!value.node->templated && value.text.starts_with("arn:") && value.text.find('*') != std::string_view::npos)
          effective.push_back(&value);
    if (star == nullptr && effective.empty()) return;
    const auto& actions = catalog::statement_actions(statement, out.aws());
    if (!actions) return;
    const StringNode* reported = star;
    // The message names the first kShown scopable actions and counts them all.
    constexpr std::size_t kShown = 3;
    std::array<const catalog::ExpandedAction*, kShown> first_scopable{};
    std::size_t scopable = 0;
    const bool may_be_denied = has_unconditional_deny(policy);
    std::size_t probed = 0;
    bool unprobed = false;  // past the bound: the count is not known, only that there may be more
    // Whether a condition narrows the resource, and which Resource value covers the action, depend
    // on the service only: expansions list a service's actions together.
    const aws::Service* service = nullptr;
    bool narrowed = false;
    const StringNode* cover = nullptr;
    for (const auto& each : *actions) {
      if (required_type(*each.action) == nullptr) continue;
      if (each.service != service) {
        service = each.service;
        narrowed = narrowed_by_condition(statement, service->prefix);
        cover = star != nullptr ? star : covering(effective, service->prefix);
      }
      if (narrowed || cover == nullptr) continue;
      if (probed == kMaxProbed) {
        unprobed = true;  // nothing after this changes the finding
        break;
      }
      ++probed;
      if (may_be_denied && !allowed_anywhere(policy, each)) continue;
      if (scopable < kShown) first_scopable[scopable] = &each;
      ++scopable;
      if (reported == nullptr) reported = cover;
    }
    if (scopable == 0) return;
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < scopable && i < kShown; ++i) shown.push_back(first_scopable[i]->full_name());
    const std::string names = unprobed && scopable > kShown ? short_list(shown, kShown, kShown) + " and more"
                                                            : short_list(shown, scopable, kShown);
    const std::string resource =
        reported == star ? std::string("\"*\"") : fmt::format("{} (effectively \"*\")", quoted(reported->text));
    out.report(*reported->node,
               fmt::format("Resource {} in {} grants {} on every resource, though {} can be scoped to specific "
                           "ARNs",
                           resource, statement.label(), names, scopable == 1 ? "it" : "they"),
               "name the resources (ARNs) the actions need");
  }
};

}  // namespace
std::unique_ptr<Rule> make_resource_star_scopable() { return std::make_unique<ResourceStarScopable>(); }
}  // namespace seslint::rules
