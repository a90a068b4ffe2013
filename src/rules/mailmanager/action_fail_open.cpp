// MM017 action-fail-open: an Archive or WriteToS3 action (journaling) or an InvokeLambda with
// InvocationType REQUEST_RESPONSE (a scanner whose answer matters) whose ActionFailurePolicy is
// CONTINUE, or not set (the console sets CONTINUE; the API documents no default): when the action
// fails, the message goes on unrecorded or unscanned.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

// What a failure of the action lets through, or empty when the action is not one this rule checks.
std::string_view failure_effect(const mm::Action& action) {
  if (action.type == "Archive") return "the message goes on without being archived (a gap in the journal)";
  if (action.type == "WriteToS3") return "the message goes on without its copy in S3 (a gap in the journal)";
  if (action.type == "InvokeLambda" && action.field("InvocationType").is("REQUEST_RESPONSE"))
    return "the message goes on unscanned";
  return {};
}

class ActionFailOpen final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::RuleSet) return;
    for (const auto& rule : resource.rule_set.rules)
      for (const auto& action : rule.actions) {
        const std::string_view effect = failure_effect(action);
        if (effect.empty() || action.body == nullptr || !action.body->is_object()) continue;
        const mm::Text policy = action.field("ActionFailurePolicy");
        if (policy.present() && !policy.is("CONTINUE")) continue;  // DROP, or a template value
        out.report(policy.present() ? *policy.node : *action.node,
                   policy.present()
                       ? fmt::format("{} in {} has ActionFailurePolicy CONTINUE: if it fails, {}", action.type, rule.label(), effect)
                       : fmt::format("{} in {} sets no ActionFailurePolicy (the console's choice is CONTINUE): if it "
                                     "fails, {}",
                                     action.type, rule.label(), effect),
                   "set ActionFailurePolicy: DROP so that a failed action stops the message instead of letting it through");
      }
  }
};

}  // namespace

std::unique_ptr<Rule> make_action_fail_open() { return std::make_unique<ActionFailOpen>(); }

}  // namespace seslint::rules
