// IAM127 federated-principal-outside-trust: a Federated principal in a policy that is not a role
// trust policy (an S3, SQS, KMS ... resource policy, an SES identity policy). Only a role trust
// policy takes identity providers; the service refuses the policy or the entry grants nothing.
// IAM128 invalid-federated-principal: a Federated value in a role trust policy that names no
// identity provider: it must be a SAML provider's ARN (arn:aws:iam::<account>:saml-provider/NAME),
// an OIDC provider's ARN (arn:aws:iam::<account>:oidc-provider/HOST) or one of the web identity
// providers STS knows by name (cognito-identity.amazonaws.com, accounts.google.com,
// graph.facebook.com, www.amazon.com). A malformed ARN is IAM015's, a wildcard the grammar rules'.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/trust.hpp"
#include "seslint/arn.hpp"

namespace seslint::rules {
namespace {

class FederatedPrincipalOutsideTrust final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    if (policy.kind == PolicyKind::Identity || policy.kind == PolicyKind::Trust) return;
    for (const auto& entry : principal.entries) {
      if (entry.member->key != "Federated") continue;
      out.report_key(*entry.member,
                     fmt::format("{} names a Federated principal in {}: only a role trust policy takes identity "
                                 "providers",
                                 statement.label(),
                                 policy.kind == PolicyKind::SesIdentity ? "an SES identity policy" : "a resource policy"),
                     "grant the role the provider's users assume (its ARN under \"AWS\"), or, if this is a trust "
                     "policy, lint it as one (--policy-type trust)");
    }
  }
};

std::string advice(std::string_view text) {
  if (const auto arn = split_arn(text); arn && arn->service == "iam")
    return "a role or user goes under \"AWS\"; under \"Federated\" name arn:aws:iam::<account>:saml-provider/NAME "
           "or arn:aws:iam::<account>:oidc-provider/HOST";
  if (!text.starts_with("arn:") && text.find('.') != std::string_view::npos)
    return fmt::format("name the provider by its ARN: arn:aws:iam::<account>:oidc-provider/{}", text);
  return "name arn:aws:iam::<account>:saml-provider/NAME, arn:aws:iam::<account>:oidc-provider/HOST or a web "
         "identity provider (cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com)";
}

class InvalidFederatedPrincipal final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    if (policy.kind != PolicyKind::Trust) return;
    for (const auto& entry : principal.entries) {
      if (entry.member->key != "Federated") continue;
      for (const auto& value : entry.values) {
        const std::string_view text = value.text;
        if (text.empty() || text.find_first_of("*?") != std::string_view::npos) continue;  // IAM012, wildcards
        if (text.starts_with("arn:") && !arn_is_well_formed(text)) continue;                  // IAM015
        if (trust::classify_federated(value).kind != trust::Federation::Invalid) continue;
        out.report(*value.node,
                   fmt::format("{} in the Federated principal of {} is not an identity provider STS accepts, so "
                               "nobody can assume the role through it",
                               quoted(text), statement.label()),
                   advice(text));
      }
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_federated_principal_outside_trust() { return std::make_unique<FederatedPrincipalOutsideTrust>(); }
std::unique_ptr<Rule> make_invalid_federated_principal() { return std::make_unique<InvalidFederatedPrincipal>(); }
}  // namespace seslint::rules
