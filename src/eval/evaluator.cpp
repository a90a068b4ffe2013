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

// Does the statement apply to the request (principal aside)?
bool applies(const Policy& policy, const Statement& statement, const Request& request, bool resource_policy) {
  if (statement.effect == Effect::Invalid || !statement.action) return false;
  if (!list_matches(*statement.action, [&](std::string_view p) { return action_matches(p, request.action); }))
    return false;
  if (statement.resource) {
    if (!list_matches(*statement.resource, [&](std::string_view p) { return resource_matches(policy, p, request); }))
      return false;
  } else if (!resource_policy) {
    return false;  // an identity statement without Resource is invalid and grants nothing
  }
  return condition_holds(policy, statement, request);
}

}  // namespace

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
  if (!has_wildcard(pattern)) return iequals(pattern, action);  // the common case
  // A literal service prefix that differs settles it without compiling the pattern.
  const auto colon = pattern.find(':');
  if (colon != std::string_view::npos && !has_wildcard(pattern.substr(0, colon)) &&
      !(action.size() > colon && action[colon] == ':' && iequals(pattern.substr(0, colon), action.substr(0, colon))))
    return false;
  return GlobPattern::wildcard(pattern).matches(action, true);
}

bool resource_matches(const Policy& policy, std::string_view pattern, const Request& request) {
  if (pattern == "*") return true;
  const auto compiled = expand_variables(policy, pattern, true, request);
  return compiled && arn_glob_match(*compiled, request.resource);
}

Result evaluate(const PolicySet& policies, const Request& request) {
  Result result;
  std::vector<DecidingStatement> denies, identity_allows, resource_specific, resource_account;
  for (const Policy* policy : policies.identity) {
    for (const auto& statement : policy->statements) {
      if (statement.principal) continue;  // not valid in an identity policy
      if (!applies(*policy, statement, request, false)) continue;
      (statement.effect == Effect::Deny ? denies : identity_allows).push_back({policy, &statement, false});
    }
  }
  if (const Policy* policy = policies.resource) {
    for (const auto& statement : policy->statements) {
      if (!statement.principal) continue;
      const PrincipalMatch match = principal_match(*statement.principal, request);
      if (match == PrincipalMatch::None || !applies(*policy, statement, request, true)) continue;
      if (statement.effect == Effect::Deny)
        denies.push_back({policy, &statement, true});
      else
        (match == PrincipalMatch::Specific ? resource_specific : resource_account).push_back({policy, &statement, true});
    }
  }
  if (!denies.empty()) return {Decision::ExplicitlyDenied, std::move(denies)};
  auto allow = [&](std::vector<DecidingStatement> a, const std::vector<DecidingStatement>& b = {}) {
    a.insert(a.end(), b.begin(), b.end());
    return Result{Decision::Allowed, std::move(a)};
  };
  if (is_service_principal(request.principal)) {
    if (!resource_specific.empty()) return allow(resource_specific);
    return result;
  }
  const bool same_account = account_of(request.principal) == request.account_id;
  if (same_account) {
    if (!identity_allows.empty() || !resource_specific.empty()) return allow(identity_allows, resource_specific);
    return result;
  }
  const bool resource_allows = !resource_specific.empty() || !resource_account.empty();
  if ((!identity_allows.empty() || policies.assume_cross_account_identity_allow) && resource_allows) {
    auto both = identity_allows;
    both.insert(both.end(), resource_specific.begin(), resource_specific.end());
    return allow(both, resource_account);
  }
  return result;
}

}  // namespace seslint::eval
