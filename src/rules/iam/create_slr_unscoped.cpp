// IAM114 create-slr-unscoped: iam:CreateServiceLinkedRole allowed on every role (Resource "*", a
// pattern covering every service-linked role, or NotResource) without an iam:AWSServiceName
// condition, so the holder can create the service-linked role of any service. One finding per
// statement. Action "*" / "iam:*" are left to IAM101; a NotAction that does not exclude the action
// grants it too (reported here as well: IAM102 speaks of every other action, this of the roles).
// Action values are matched by eval::action_matches (glob_match without case, quick on the literal
// head: most values of big policies are other services' actions).
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

constexpr std::string_view kAction = "iam:CreateServiceLinkedRole";

bool names_create_slr(const ValueList& actions) {
  if (actions.negated) {  // granted unless a NotAction value covers it; an unknown value may
    for (const auto& value : actions.values)
      if (value.node->templated || eval::action_matches(value.text, kAction)) return false;
    return true;
  }
  for (const auto& value : actions.values) {
    const std::string_view text = value.text;
    if (value.node->templated || text == "*" || iequals(text, "iam:*")) continue;
    if (eval::action_matches(text, kAction)) return true;
  }
  return false;
}

bool pins_service(const Statement& statement) {
  for (const auto& clause : statement.clauses)
    if (iequals(clause.key_member->key, "iam:AWSServiceName")) return true;
  return false;
}

// A service-linked role nobody named, in the value's own account when it names one.
std::string probe_role(std::string_view arn) {
  std::string account = "111122223333";
  if (const auto at = arn.find("iam::"); at != std::string_view::npos) {
    const std::string_view named = arn.substr(at + 5, 12);
    if (named.size() == 12 && named.find_first_not_of("0123456789") == std::string_view::npos) account = named;
  }
  return fmt::format("arn:aws:iam::{}:role/aws-service-role/seslint-probe.amazonaws.com/AWSServiceRoleForSeslintProbe",
                     account);
}

class CreateSlrUnscoped final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity || statement.effect != Effect::Allow) return;
    if (!statement.action || !statement.resource) return;
    if (!names_create_slr(*statement.action) || pins_service(statement)) return;
    const bool not_action = statement.action->negated;
    const std::string_view how = not_action ? " (NotAction does not exclude it)" : "";
    const std::string advice = not_action ? fmt::format("add {} to NotAction, or name the service-linked role ARNs in "
                                                        "Resource with an iam:AWSServiceName condition", kAction)
                                          : "name the service-linked role ARNs, or add an iam:AWSServiceName condition";
    const ValueList& resource = *statement.resource;
    if (resource.negated) {
      for (const auto& value : resource.values)
        if (glob_match(value.text, probe_role(value.text))) return;  // the exclusion takes the probe out
      out.report_key(*resource.member,
                     fmt::format("{} allows {}{} with NotResource and no iam:AWSServiceName condition: the holder can "
                                 "create the service-linked role of any service",
                                 statement.label(), kAction, how),
                     advice);
      return;
    }
    for (const auto& value : resource.values) {
      if (value.node->templated || !glob_match(value.text, probe_role(value.text))) continue;
      if (catalog::denied_unconditionally(policy, std::string(kAction), probe_role(value.text))) return;
      out.report(*value.node,
                 fmt::format("{} allows {}{} on {}, every service-linked role, with no iam:AWSServiceName condition: "
                             "the holder can create the service-linked role of any service",
                             statement.label(), kAction, how, quoted(value.text)),
                 advice);
      return;
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_create_slr_unscoped() { return std::make_unique<CreateSlrUnscoped>(); }
}  // namespace seslint::rules
