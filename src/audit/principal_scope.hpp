#pragma once
// What decides one principal's requests on one SES identity: its identity policies (own and
// groups'), its permissions boundary and the identity's sending-authorization policies, evaluated
// together. Shared by the audit and by `simulate` on an account.
#include <map>
#include <optional>
#include <string>

#include "audit/reach_adapter.hpp"
#include "seslint/account.hpp"

namespace seslint::audit {

// The SES identity policies of one identity evaluated together, as AWS does: one policy holding
// every statement, and the policy each statement came from.
struct CombinedResourcePolicy {
  std::optional<Policy> policy;
  std::map<const JsonValue*, const ModelPolicy*> sources;  // statement node -> the identity policy it came from
};

CombinedResourcePolicy combine(const SesIdentityModel& identity);

// The principal of the requests a model principal makes (an account's root, a stand-in for a
// policy whose holder the input does not say).
std::string request_principal(const ModelPrincipal& principal, const std::string& account_id);

// `resource` may be null (no identity policy). `held`: each identity policy's HeldPolicy, for `via`.
SendScope principal_scope(const ModelPrincipal& principal, const CombinedResourcePolicy* resource,
                          const std::string& account_id, std::map<const Policy*, const HeldPolicy*>* held = nullptr);

}  // namespace seslint::audit
