// SES109 sender-extra-privileges: an identity policy that lets its holder send also allows
// non-SES write or permissions-management actions. A sending user should only send: its SMTP
// password is derived from its IAM access key, and whoever obtains that key (kept beside the
// password by derivation scripts and secret stores) can do everything else the user may do.
// Actions an unconditional Deny removes are not counted.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

constexpr unsigned kRisky = aws::kWrite | aws::kPermissionsManagement;

// "*" or "<service>:*": every action of a service (IAM101's finding).
bool service_wildcard(std::string_view action) {
  const auto colon = action.find(':');
  return action == "*" || (colon != std::string_view::npos && action.substr(colon + 1) == "*");
}

class SenderExtraPrivileges final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity) return;
    const auto level = level_for_long_lived_keys(policy, out.default_level());
    if (!level) return;  // a service role's credentials are not keys a person keeps
    const Statement* sender = nullptr;
    std::string_view send_action;
    for (const auto& statement : policy.statements) {
      const auto granted = ses::granted_send_actions(statement);
      if (granted.empty() || sender != nullptr) continue;
      sender = &statement;
      send_action = granted.front();
    }
    if (sender == nullptr) return;
    for (const auto& statement : policy.statements) {
      if (statement.effect != Effect::Allow) continue;
      const auto& actions = catalog::statement_actions(statement, out.aws(), true);
      if (!actions) continue;  // NotAction and unknown services: IAM102 and IAM201 speak for them
      // The statement's risky actions, permissions management first; reported once, at the first
      // Action value that grants one. Actions named one by one come first: those a service wildcard
      // ("s3:*", "*") grants are IAM101's cause, so they are listed, and reported at the wildcard
      // (where IAM101's finding replaces this one), only when nothing else is risky.
      std::vector<std::string> management, writes, wild_management, wild_writes;
      const StringNode* first = nullptr;
      const StringNode* first_wild = nullptr;
      for (const auto& each : *actions) {
        if (iequals(each.service->prefix, "ses") || (each.action->levels & kRisky) == 0) continue;
        const std::string name = each.full_name();
        if (catalog::denied_unconditionally(policy, name, "*")) continue;
        const bool wild = service_wildcard(each.source->text);
        const bool manages = (each.action->levels & aws::kPermissionsManagement) != 0;
        (wild ? (manages ? wild_management : wild_writes) : (manages ? management : writes)).push_back(name);
        const StringNode*& at = wild ? first_wild : first;
        if (at == nullptr) at = each.source;
      }
      if (first == nullptr) {
        first = first_wild;
        management = std::move(wild_management);
        writes = std::move(wild_writes);
      }
      if (first == nullptr) continue;
      management.insert(management.end(), writes.begin(), writes.end());
      report(out, *level, policy, statement, *sender, send_action, *first, management);
    }
  }

 private:
  static void report(Reporter& out, Level level, const Policy& policy, const Statement& statement, const Statement& sender,
                     std::string_view send_action, const StringNode& first, const std::vector<std::string>& risky) {
    out.report(level, *first.node,
               fmt::format("this policy lets its holder send ({} in {}), and {} also allows {} non-SES write or "
                           "permissions-management action{} ({}): a sending user should only send; whoever obtains the "
                           "IAM access key behind its SMTP credentials gets this access too{}",
                           send_action, sender.label(), statement.label(), risky.size(), risky.size() == 1 ? "" : "s",
                           short_list(risky), ses::long_lived_keys_caveat(policy.holder.kind)),
               "give the sending user a policy of its own that allows sending only");
  }
};

}  // namespace
std::unique_ptr<Rule> make_sender_extra_privileges() { return std::make_unique<SenderExtraPrivileges>(); }
}  // namespace seslint::rules
