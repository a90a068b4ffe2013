// MM011 quota-exceeded: more than the service allows: 20 statements per traffic policy, 10
// conditions per statement, 40 rules per rule set, 10 conditions, Unless conditions or actions per
// rule, 10 Send or Relay actions per rule set. The deployment fails, or is refused at run time.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

void over(Reporter& out, const JsonValue* list, std::size_t count, std::size_t limit, std::string_view what) {
  if (list == nullptr || count <= limit) return;
  out.report(*list, fmt::format("{} {}: the quota is {}", count, what, limit),
             "split the configuration (another rule set or traffic policy), or use address lists instead of long "
             "condition lists");
}

class QuotaExceeded final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind == mm::Kind::TrafficPolicy) {
      const auto& policy = resource.traffic_policy;
      over(out, policy.statements_node, policy.statements.size(), 20, "statements in the traffic policy");
      for (const auto& statement : policy.statements)
        over(out, statement.conditions_node, statement.conditions.size(), 10,
             fmt::format("conditions in statement {}", statement.index + 1));
    }
    if (resource.kind != mm::Kind::RuleSet) return;
    const auto& rules = resource.rule_set.rules;
    over(out, resource.rule_set.rules_node, rules.size(), 40, "rules in the rule set");
    std::size_t outbound = 0;
    const mm::Action* eleventh = nullptr;
    for (const auto& rule : rules) {
      over(out, rule.conditions_node, rule.conditions.size(), 10, fmt::format("conditions in {}", rule.label()));
      over(out, rule.unless_node, rule.unless.size(), 10, fmt::format("Unless conditions in {}", rule.label()));
      over(out, rule.actions_node, rule.actions.size(), 10, fmt::format("actions in {}", rule.label()));
      for (const auto& action : rule.actions)
        if ((action.type == "Send" || action.type == "Relay") && ++outbound == 11) eleventh = &action;
    }
    if (eleventh != nullptr)
      out.report(*eleventh->node,
                 fmt::format("{} Send and Relay actions in the rule set (this is the 11th): the quota is 10", outbound),
                 "merge rules that send or relay to the same place, or split the rule set");
  }
};

}  // namespace

std::unique_ptr<Rule> make_quota_exceeded() { return std::make_unique<QuotaExceeded>(); }

}  // namespace seslint::rules
