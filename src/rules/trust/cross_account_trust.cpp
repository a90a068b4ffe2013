// IAM126 cross-account-trust-without-guard: a role trust statement trusts another account as a
// whole (its root: every user and role there that its own policies allow sts:AssumeRole) with no
// sts:ExternalId, aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalArn condition. A note:
// trusting a partner is often meant, but a third party acting for several customers needs the
// external ID (confused deputy), and an account of the organisation is better named by its
// organization. "Another" is known only when the container names the role's account (an account
// export, get-role): an account this input cannot place is not reported. With the organisation's
// accounts configured (.seslint.yaml org), IAM105 names every principal outside them, guarded or
// not, so this rule stays quiet: one finding per cause.
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/trust.hpp"
#include "seslint/arn.hpp"
#include "seslint/org.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

constexpr std::array<std::string_view, 4> kGuardKeys = {"sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                                                        "aws:PrincipalArn"};

bool guarded(const Statement& statement) {
  return std::any_of(statement.clauses.begin(), statement.clauses.end(), [&](const ConditionClause& clause) {
    return trust::narrows(statement, clause) &&
           std::any_of(kGuardKeys.begin(), kGuardKeys.end(),
                       [&](std::string_view key) { return iequals(key, clause.key_member->key); });
  });
}

// The account a whole-account principal names ("111122223333", "arn:aws:iam::111122223333:root").
std::string_view root_account(std::string_view text) {
  if (trust::is_account_id(text)) return text;
  const auto arn = split_arn(text);
  if (arn && arn->service == "iam" && arn->resource == "root" && trust::is_account_id(arn->account)) return arn->account;
  return {};
}

class CrossAccountTrustWithoutGuard final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document& document, Reporter& out) const override {
    if (!document.policy || document.policy->kind != PolicyKind::Trust) return;
    const std::string& own = document.origin.account;
    const OrgConfig* org = out.org();
    if (own.empty() || (org != nullptr && !org->accounts.empty())) return;
    for (const auto& statement : document.policy->statements) {
      if (!trust::trust_grant(*document.policy, statement) || guarded(statement)) continue;
      for (const auto& entry : statement.principal->entries) {
        if (entry.member->key != "AWS") continue;
        for (const auto& value : entry.values) {
          if (trust::unknown_value(value.node, value.text)) continue;
          const std::string_view account = root_account(value.text);
          if (account.empty() || account == own) continue;
          out.report(*value.node,
                     fmt::format("{} lets every principal of account {} (not this role's account {}) that its own "
                                 "policies allow sts:AssumeRole assume this role, and no sts:ExternalId or "
                                 "aws:PrincipalOrgID condition guards it",
                                 statement.label(), account, own),
                     "for a third party acting for you, require sts:ExternalId; for an account of your "
                     "organization, add aws:PrincipalOrgID; or name the role in that account that needs access");
        }
      }
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_cross_account_trust_without_guard() { return std::make_unique<CrossAccountTrustWithoutGuard>(); }
}  // namespace seslint::rules
