// IAM121 oidc-trust-without-conditions: a role trust statement lets an OpenID Connect (web
// identity) provider's users assume the role with no condition on the provider's own keys
// (<provider>:aud, :sub, :amr, ...). Any token the provider issues then works: every app of
// that provider, or, for Cognito, every identity pool in every account. GitHub Actions, where the
// missing key is the repository, is IAM122's.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/trust.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// A narrowing clause on one of the provider's keys ("<prefix>:..."); with the provider unknown (a
// template fills it in), on any key outside the aws: and sts: namespaces.
bool provider_condition(const Statement& statement, const trust::Provider& provider) {
  return std::any_of(statement.clauses.begin(), statement.clauses.end(), [&](const ConditionClause& clause) {
    if (!trust::narrows(statement, clause)) return false;
    const std::string_view key = clause.key_member->key;
    const std::size_t colon = key.rfind(':');
    if (colon == std::string_view::npos) return false;
    const std::string_view prefix = key.substr(0, colon);
    if (provider.kind == trust::Federation::Unknown) return !iequals(prefix, "aws") && !iequals(prefix, "sts");
    return iequals(prefix, provider.key_prefix);
  });
}

class OidcTrustWithoutConditions final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    // Without sts:AssumeRoleWithWebIdentity nobody assumes the role through the provider (IAM124 says why).
    if (!trust::trust_grant(policy, statement) || !trust::allows(statement, "sts:AssumeRoleWithWebIdentity")) return;
    for (const auto& entry : principal.entries) {
      if (entry.member->key != "Federated") continue;
      for (const auto& value : entry.values) {
        const trust::Provider provider = trust::classify_federated(value);
        const bool web_identity = provider.kind == trust::Federation::Oidc ||
                                  provider.kind == trust::Federation::WebIdentity ||
                                  (provider.kind == trust::Federation::Unknown &&
                                   !trust::allows(statement, "sts:AssumeRoleWithSAML"));
        if (!web_identity || provider.github || provider_condition(statement, provider)) continue;
        const std::string keys = provider.kind == trust::Federation::Unknown
                                     ? std::string("the provider's keys")
                                     : fmt::format("'{0}:aud' or '{0}:sub'", provider.key_prefix);
        out.report(*value.node,
                   fmt::format("{} lets any identity that OpenID Connect provider {} issues a token to assume "
                               "the role: no condition restricts {}",
                               statement.label(), quoted(value.text), keys),
                   "add a StringEquals condition on the provider's audience (aud: your app or client ID) and, "
                   "where the provider has one, its subject (sub)");
      }
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_oidc_trust_without_conditions() { return std::make_unique<OidcTrustWithoutConditions>(); }
}  // namespace seslint::rules
