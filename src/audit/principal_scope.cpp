#include "audit/principal_scope.hpp"

#include <fmt/format.h>

namespace seslint::audit {

CombinedResourcePolicy combine(const SesIdentityModel& identity) {
  CombinedResourcePolicy out;
  for (const ModelPolicy* held : identity.policies) {
    if (!out.policy) {
      out.policy = held->policy;
      out.policy->statements.clear();
    }
    for (const auto& statement : held->policy.statements) {
      out.policy->statements.push_back(statement);
      out.sources[statement.node] = held;
    }
  }
  return out;
}

std::string request_principal(const ModelPrincipal& principal, const std::string& account_id) {
  if (principal.kind == PrincipalKind::Account)
    return principal.arn == "*" ? "arn:aws:iam::999999999999:user/anyone"
                                : fmt::format("arn:aws:iam::{}:root", principal.arn);
  if (principal.kind == PrincipalKind::Unknown && !principal.delegate)
    return fmt::format("arn:aws:iam::{}:user/policy-holder", account_id.empty() ? "111122223333" : account_id);
  return principal.arn;
}

SendScope principal_scope(const ModelPrincipal& principal, const CombinedResourcePolicy* resource,
                          const std::string& account_id, std::map<const Policy*, const HeldPolicy*>* held) {
  SendScope scope;
  scope.principal = request_principal(principal, account_id);
  scope.account_id = account_id;
  for (const auto& policy : principal.policies) {
    scope.policies.identity.push_back(&policy.policy->policy);
    if (held != nullptr) held->emplace(&policy.policy->policy, &policy);
  }
  if (resource != nullptr && resource->policy) scope.policies.resource = &*resource->policy;
  scope.policies.assume_cross_account_identity_allow = principal.delegate;
  scope.boundary = principal.boundary != nullptr ? &principal.boundary->policy : nullptr;
  scope.boundary_bypass_for_resource_grant = principal.kind == PrincipalKind::User;
  return scope;
}

}  // namespace seslint::audit
