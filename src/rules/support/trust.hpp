#pragma once
// What the role trust rules (IAM120-IAM129) share: which identity provider a Federated principal
// names, the trust action each kind of principal needs, and which conditions narrow a statement.
#include <string>
#include <string_view>

#include "seslint/policy.hpp"

namespace seslint::rules::trust {

enum class Federation {
  Saml,         // arn:aws:iam::<account>:saml-provider/<name>
  Oidc,         // arn:aws:iam::<account>:oidc-provider/<host and path>
  WebIdentity,  // cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com
  Unknown,      // a value a template fills in
  Invalid,      // anything else
};

struct Provider {
  Federation kind = Federation::Invalid;
  std::string_view key_prefix;  // the provider's condition keys are "<key_prefix>:aud", ...; OIDC and web identity only
  bool github = false;          // GitHub Actions (token.actions.githubusercontent.com, also with an enterprise path)
};

Provider classify_federated(const StringNode& value);

// The trust action a principal entry ("AWS", "Service", "Federated") needs to assume the role:
// sts:AssumeRole, sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity; empty when unknown.
std::string_view needed_action(std::string_view entry, const Provider& provider);

// Whether the statement's Action (not NotAction) allows `action` (wildcards, case-insensitive).
bool allows(const Statement& statement, std::string_view action);

// An Allow statement of a trust policy with a Principal (not NotPrincipal).
bool trust_grant(const Policy& policy, const Statement& statement);

// A clause that narrows the caller: a positive, non-IfExists test that is not ForAllValues, with
// no value that is just "*".
bool narrows(const Statement& statement, const ConditionClause& clause);

// Twelve digits.
bool is_account_id(std::string_view text);

// A value a template fills in, or a policy variable: unknown, never read as a wildcard.
bool unknown_value(const JsonValue* node, std::string_view text);

}  // namespace seslint::rules::trust
