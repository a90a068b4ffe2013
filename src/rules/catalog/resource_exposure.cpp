// IAM215 resource-exposure: an Allow without condition for actions that change who may use a
// resource: on Resource "*", every action of the catalog's "Permissions management" access level
// (warning); on scoped ARNs, the writers of resource policies, ACLs and shares of
// rules/risk-actions.json (note), since those open a resource to other accounts or the public.
#include "rules/factories.hpp"
#include "rules/support/risk_actions.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

bool policy_writer(const aws::Service& service, const aws::Action& action) {
  return risk::listed(risk::Category::ResourceExposure, service, action);
}

bool permissions_management(const aws::Service& service, const aws::Action& action) {
  return ((action.levels & aws::kPermissionsManagement) != 0 && !risk::permissions_management_read(action)) ||
         policy_writer(service, action);
}

bool iam_or_writer(const aws::Service& service, const aws::Action& action) {
  return policy_writer(service, action) || (iequals(service.prefix, "iam") && permissions_management(service, action));
}

class ResourceExposure final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    if (!risk::judged(policy, statement)) return;
    if (const StringNode* star = risk::resource_star(statement)) {
      const auto names = risk::granted(policy, statement, out.aws(), permissions_management, "*");
      if (names.empty()) return;
      // A warning when a policy writer or an IAM permissions action is among them; other services'
      // permissions actions (ec2:CreateNetworkInterfacePermission, lakeformation:GrantPermissions)
      // are what their service roles are for: a note.
      const bool writer = !risk::granted(policy, statement, out.aws(), iam_or_writer, "*").empty();
      out.report(writer ? out.default_level() : Level::Note, *star->node,
                 fmt::format("{} allows {} on every resource without a condition: permissions-management actions "
                             "that can rewrite who may use any resource of the account",
                             statement.label(), short_list(names, names.size(), 4)),
                 "name the resources these actions may change, or add a condition");
      return;
    }
    const StringNode* first = nullptr;
    const auto names = risk::granted(policy, statement, out.aws(), policy_writer, statement.resource->values.empty() ? "" : statement.resource->values.front().text, &first);
    if (names.empty() || first == nullptr) return;
    out.report(Level::Note, *first->node,
               fmt::format("{} allows {}, which can rewrite the resource's policy, ACL or shares and so open it to "
                           "other accounts or the public",
                           statement.label(), short_list(names, names.size(), 4)),
               "grant it only to the principals that administer the resource, or pin the change with a condition");
  }
};

}  // namespace
std::unique_ptr<Rule> make_resource_exposure() { return std::make_unique<ResourceExposure>(); }
}  // namespace seslint::rules
