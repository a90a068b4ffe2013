// IAM101 allow-all-actions: an Allow with Action "*" (error) or "<service>:*" (warning).
#include "rules/factories.hpp"
#include "rules/support/managed_policies.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// The default key policy statement ("Enable IAM User Permissions"): kms:* to one account's root,
// which KMS requires so that IAM policies of that account can grant use of the key. A key policy
// cannot name another key, so the grant stays on this key.
bool account_root_only(const Policy& policy, const Statement& statement) {
  if (policy.kind == PolicyKind::Identity || !statement.principal || statement.principal->negated ||
      statement.principal->wildcard)
    return false;
  std::string_view account;
  for (const auto& entry : statement.principal->entries) {
    if (entry.member->key != "AWS") return false;
    for (const auto& value : entry.values) {
      const auto arn = split_arn(value.text);
      const std::string_view each = arn && arn->service == "iam" && arn->resource == "root" ? arn->account
                                    : value.text.size() == 12 && value.text.find_first_not_of("0123456789") == std::string_view::npos
                                        ? value.text
                                        : std::string_view();
      if (each.empty() || (!account.empty() && each != account)) return false;
      account = each;
    }
  }
  return !account.empty();
}

class AllowAllActions final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document) | bit(NodeKind::Action); }
  // An AWS managed policy attached by ARN that allows every action (AdministratorAccess).
  void check_document(const Document& document, Reporter& out) const override {
    if (document.managed_policy_arn == nullptr) return;
    const auto* policy = managed::find_aws_managed(document.managed_policy_arn->text);
    if (policy == nullptr || policy->grant != managed::Grant::Administrator) return;
    out.report(Level::Error, *document.managed_policy_arn,
               fmt::format("{} has the AWS managed policy {} attached, which allows every action of every service: "
                           "the principal may do anything, send as any SES identity from anywhere included",
                           document.origin.name.empty() ? std::string("the principal") : document.origin.name,
                           policy->name),
               "attach policies that allow the actions the principal needs");
  }
  void check_action(const Policy& policy, const Statement& statement, const ValueList& list,
                    Reporter& out) const override {
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
      if (has_wildcard(service)) continue;
      if (iequals(service, "kms") && account_root_only(policy, statement)) continue;
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
