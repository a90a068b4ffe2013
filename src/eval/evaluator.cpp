// The decision: an applicable Deny anywhere wins; otherwise same-account requests are allowed by an
// identity Allow or by a resource-policy Allow that names the principal itself, and cross-account
// requests need both an identity Allow and a resource-policy Allow (IAM evaluation logic).
#include <algorithm>

#include "seslint/arn.hpp"
#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"
#include "eval/variables.hpp"

namespace seslint::eval {
namespace {

bool is_service_principal(std::string_view principal) {
  return principal.substr(0, 4) != "arn:" && principal.find('.') != std::string_view::npos;
}

std::string account_of(std::string_view principal) {
  const auto arn = split_arn(principal);
  return arn ? std::string(arn->account) : std::string();
}

enum class PrincipalMatch { None, Account, Specific };

// How a resource-policy statement's Principal names the requester: not at all, through its account
// (an account ID or :root ARN, which delegates to the account's identity policies), or itself.
PrincipalMatch principal_match(const Principal& principal, const Request& request) {
  PrincipalMatch best = PrincipalMatch::None;
  if (principal.wildcard) {
    best = PrincipalMatch::Specific;
  } else {
    const std::string account = account_of(request.principal);
    for (const auto& entry : principal.entries) {
      for (const auto& value : entry.values) {
        const std::string_view v = value.text;
        if (entry.member->key == "AWS") {
          if (v == "*") return PrincipalMatch::Specific;
          if (v == request.principal) return PrincipalMatch::Specific;
          const bool root = v.size() == 12 ? v == account : v == "arn:aws:iam::" + account + ":root";
          if (!account.empty() && root) best = std::max(best, PrincipalMatch::Account);
        } else if (v == request.principal) {  // Service, Federated, CanonicalUser: exact
          return PrincipalMatch::Specific;
        }
      }
    }
  }
  if (principal.negated) return best == PrincipalMatch::None ? PrincipalMatch::Specific : PrincipalMatch::None;
  return best;
}

bool list_matches(const ValueList& list, auto&& matches) {
  const bool any = std::any_of(list.values.begin(), list.values.end(), [&](const StringNode& v) { return matches(v.text); });
  return list.negated ? !any : any;
}

bool action_applies(const Statement& statement, const Request& request) {
  return list_matches(*statement.action, [&](std::string_view p) { return action_matches(p, request.action); });
}

}  // namespace

bool resource_applies(const Policy& policy, const Statement& statement, const Request& request, bool resource_policy) {
  if (!statement.resource) return resource_policy;  // an identity statement without Resource is invalid and grants nothing
  return list_matches(*statement.resource, [&](std::string_view p) { return resource_matches(policy, p, request); });
}

StatementRole statement_role(const Statement& statement, const Request& request,
                             bool resource_policy) {
  if (statement.effect == Effect::Invalid || !statement.action) return StatementRole::None;
  if (resource_policy != statement.principal.has_value()) return StatementRole::None;  // Principal: resource policies only
  if (!action_applies(statement, request)) return StatementRole::None;
  if (statement.effect == Effect::Deny) {
    if (resource_policy && principal_match(*statement.principal, request) == PrincipalMatch::None) return StatementRole::None;
    return StatementRole::Deny;
  }
  if (!resource_policy) return StatementRole::IdentityAllow;
  switch (principal_match(*statement.principal, request)) {
    case PrincipalMatch::None: return StatementRole::None;
    case PrincipalMatch::Account: return StatementRole::ResourceAllowAccount;
    case PrincipalMatch::Specific: return StatementRole::ResourceAllowSpecific;
  }
  return StatementRole::None;
}

Decision combine(const PolicySet& policies, const Request& request, const ApplicableRoles& roles) {
  if (roles.deny) return Decision::ExplicitlyDenied;
  if (is_service_principal(request.principal))
    return roles.resource_specific ? Decision::Allowed : Decision::ImplicitlyDenied;
  if (account_of(request.principal) == request.account_id)
    return roles.identity_allow || roles.resource_specific ? Decision::Allowed : Decision::ImplicitlyDenied;
  const bool resource_allows = roles.resource_specific || roles.resource_account;
  return (roles.identity_allow || policies.assume_cross_account_identity_allow) && resource_allows
             ? Decision::Allowed
             : Decision::ImplicitlyDenied;
}

std::string_view to_string(Decision decision) {
  switch (decision) {
    case Decision::Allowed: return "Allowed";
    case Decision::ImplicitlyDenied: return "ImplicitlyDenied";
    case Decision::ExplicitlyDenied: return "ExplicitlyDenied";
  }
  return "";
}

bool action_matches(std::string_view pattern, std::string_view action) {
  if (pattern == "*") return true;
  // One pass over the pattern's literal head: most pairs differ within their first characters
  // (another service), and a pattern without wildcards is settled here.
  std::size_t i = 0;
  for (; i < pattern.size(); ++i) {
    const char p = pattern[i];
    if (p == '*' || p == '?' || p == GlobPattern::kStar || p == GlobPattern::kOne) break;
    if (i >= action.size() || ascii_lower(p) != ascii_lower(action[i])) return false;
  }
  if (i == pattern.size()) return i == action.size();
  return glob_match(pattern, action, true);
}

bool resource_matches(const Policy& policy, std::string_view pattern, const Request& request) {
  if (pattern == "*") return true;
  const auto compiled = expand_variables(policy, pattern, true, request);
  return compiled && arn_glob_match(*compiled, request.resource);
}

Result evaluate(const PolicySet& policies, const Request& request) {
  std::vector<DecidingStatement> denies, identity_allows, resource_specific, resource_account;
  auto consider = [&](const Policy& policy, bool resource_policy) {
    for (const auto& statement : policy.statements) {
      const StatementRole role = statement_role(statement, request, resource_policy);
      if (role == StatementRole::None || !resource_applies(policy, statement, request, resource_policy) ||
          !condition_holds(policy, statement, request))
        continue;
      const DecidingStatement deciding{&policy, &statement, resource_policy};
      switch (role) {
        case StatementRole::Deny: denies.push_back(deciding); break;
        case StatementRole::IdentityAllow: identity_allows.push_back(deciding); break;
        case StatementRole::ResourceAllowSpecific: resource_specific.push_back(deciding); break;
        case StatementRole::ResourceAllowAccount: resource_account.push_back(deciding); break;
        case StatementRole::None: break;
      }
    }
  };
  for (const Policy* policy : policies.identity) consider(*policy, false);
  if (policies.resource != nullptr) consider(*policies.resource, true);
  const Decision decision = combine(
      policies, request, {!denies.empty(), !identity_allows.empty(), !resource_specific.empty(), !resource_account.empty()});
  if (decision == Decision::ExplicitlyDenied) return {decision, std::move(denies)};
  if (decision != Decision::Allowed) return {};
  // The Allows that decided: the resource policy's own for a service; else both sides.
  std::vector<DecidingStatement> deciding;
  if (!is_service_principal(request.principal)) deciding = std::move(identity_allows);
  deciding.insert(deciding.end(), resource_specific.begin(), resource_specific.end());
  if (!is_service_principal(request.principal) && account_of(request.principal) != request.account_id)
    deciding.insert(deciding.end(), resource_account.begin(), resource_account.end());
  return {decision, std::move(deciding)};
}

}  // namespace seslint::eval
