// IAM124 trust-action-mismatch: a role trust statement names a principal with an action it cannot
// use: a SAML provider's users assume a role with sts:AssumeRoleWithSAML, an OpenID Connect or web
// identity provider's with sts:AssumeRoleWithWebIdentity, accounts, roles, users and services with
// sts:AssumeRole. A statement that allows only another of the three lets that principal assume
// nothing. (A statement with only sts:TagSession or the like is a companion, not a mismatch.)
// IAM125 roles-anywhere-missing-actions: IAM Roles Anywhere (rolesanywhere.amazonaws.com) needs
// sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity; without all three it creates no session.
#include <array>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/trust.hpp"

namespace seslint::rules {
namespace {

constexpr std::array<std::string_view, 3> kAssumeActions = {"sts:AssumeRole", "sts:AssumeRoleWithSAML",
                                                            "sts:AssumeRoleWithWebIdentity"};

std::string_view who(std::string_view entry, const trust::Provider& provider) {
  if (entry == "Service") return "the service";
  if (entry == "AWS") return "the principal";
  return provider.kind == trust::Federation::Saml ? "the SAML provider" : "the OpenID Connect provider";
}

class TrustActionMismatch final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    if (!trust::trust_grant(policy, statement)) return;
    std::vector<std::string> allowed;
    for (const auto action : kAssumeActions)
      if (trust::allows(statement, action)) allowed.emplace_back(action);
    if (allowed.empty()) return;
    for (const auto& entry : principal.entries)
      for (const auto& value : entry.values) {
        if (value.text == "*") continue;  // IAM105's
        const trust::Provider provider = trust::classify_federated(value);
        const std::string_view needed = trust::needed_action(entry.member->key, provider);
        if (needed.empty() || trust::allows(statement, needed)) continue;
        out.report(*value.node,
                   fmt::format("{} allows {} but {} {} assumes a role only with {}, so it cannot assume this role",
                               statement.label(), short_list(allowed), who(entry.member->key, provider),
                               quoted(value.text), needed),
                   fmt::format("allow {} for this principal", needed));
      }
  }
};

constexpr std::array<std::string_view, 3> kRolesAnywhereActions = {"sts:AssumeRole", "sts:TagSession",
                                                                   "sts:SetSourceIdentity"};

class RolesAnywhereMissingActions final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    if (!trust::trust_grant(policy, statement)) return;
    for (const auto& entry : principal.entries) {
      if (entry.member->key != "Service") continue;
      for (const auto& value : entry.values) {
        if (value.text != "rolesanywhere.amazonaws.com") continue;
        std::vector<std::string> missing;
        for (const auto action : kRolesAnywhereActions)
          if (!trust::allows(statement, action)) missing.emplace_back(action);
        if (missing.empty()) continue;
        out.report(*value.node,
                   fmt::format("{} trusts IAM Roles Anywhere without {}: Roles Anywhere needs sts:AssumeRole, "
                               "sts:TagSession and sts:SetSourceIdentity to create a session",
                               statement.label(), short_list(missing)),
                   "allow all three actions in this statement");
      }
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_trust_action_mismatch() { return std::make_unique<TrustActionMismatch>(); }
std::unique_ptr<Rule> make_roles_anywhere_missing_actions() { return std::make_unique<RolesAnywhereMissingActions>(); }
}  // namespace seslint::rules
