// `seslint simulate ACCOUNT-EXPORT --principal ARN`: one request evaluated with everything that
// decides it in the account model (the principal's own and groups' policies, its permissions
// boundary, the SES identity policies of the identity in --resource).
#include <fmt/format.h>

#include "audit/principal_scope.hpp"
#include "seslint/audit.hpp"

namespace seslint::audit {

const ModelPrincipal* find_principal(const AccountModel& model, std::string_view arn) {
  for (const auto& principal : model.principals) {
    if (principal.arn == arn) return &principal;
    if (principal.kind == PrincipalKind::Account && arn == fmt::format("arn:aws:iam::{}:root", principal.arn))
      return &principal;
  }
  return nullptr;
}

AccountSimulation simulate_in_account(const AccountModel& model, const ModelPrincipal& principal, eval::Request request) {
  eval::normalize(request);  // the account defaults to the resource's
  CombinedResourcePolicy resource;
  for (const auto& identity : model.identities)
    if (identity.arn == request.resource) resource = combine(identity);
  std::map<const Policy*, const HeldPolicy*> held;
  const SendScope scope = principal_scope(principal, &resource, request.account_id, &held);
  request.principal = scope.principal;
  const eval::Result result = eval::evaluate(scope.policies, request);
  AccountSimulation out;
  out.decision = result.decision;
  for (const auto& deciding : result.deciding) {
    if (!deciding.resource_policy) {
      out.deciding.push_back({held.at(deciding.policy)->policy, deciding.statement});
      continue;
    }
    // The combined policy is local: name the statement of the identity policy it was copied from.
    const ModelPolicy* source = resource.sources.at(deciding.statement->node);
    for (const auto& statement : source->policy.statements)
      if (statement.node == deciding.statement->node) out.deciding.push_back({source, &statement});
  }
  if (result.decision != eval::Decision::Allowed || allowed(scope, request)) return out;
  // Allowed by the policies, not by the boundary (which never grants: it only bounds).
  eval::PolicySet bounded;
  bounded.identity.push_back(scope.boundary);
  const eval::Result limit = eval::evaluate(bounded, request);
  out.decision = limit.decision == eval::Decision::ExplicitlyDenied ? limit.decision : eval::Decision::ImplicitlyDenied;
  out.deciding.clear();
  for (const auto& deciding : limit.deciding) out.deciding.push_back({principal.boundary, deciding.statement});
  out.note = fmt::format("the policies allow it, and the permissions boundary {} does not", principal.boundary->label);
  return out;
}

}  // namespace seslint::audit
