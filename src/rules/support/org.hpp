#pragma once
// The organisation's parameters (.seslint.yaml org) as the rules that own each question use them:
// SES102 from-addresses, SES103 trusted-networks and vpc-endpoints, SES101 identities, IAM105
// accounts and organizations. Each check asks the evaluator for an allowed request the parameters
// do not cover and names its witness, so a policy inside the parameters is clean.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/engine.hpp"
#include "seslint/org.hpp"

namespace seslint::rules::org {

// The actions for which `witness_of` finds an allowed request, and the first witness it names.
struct Reached {
  std::vector<std::string_view> actions;
  std::string example;
};
Reached reached(const std::vector<std::string_view>& actions,
                const std::function<std::optional<std::string>(std::string_view action)>& witness_of);

// True when the organisation owns `identity` (a domain, or an address whose domain it owns).
bool owns_identity(const OrgConfig& org, std::string_view identity);

// A principal outside the organisation's accounts and organizations that `statement` of a resource
// or SES identity policy allows, found by the evaluator: what it is, for the message.
struct ExternalPrincipal {
  const JsonValue* node = nullptr;  // the Principal value that lets it in
  std::string value;                // its text ("*" for "Principal": "*")
  std::string account;              // its account (the witness's aws:PrincipalAccount, else the ARN's)
  std::string org_id;               // the witness's aws:PrincipalOrgID, when the policy names it
  std::string action;               // an action the policy allows it
};
std::vector<ExternalPrincipal> external_principals(const Policy& policy, const Statement& statement,
                                                   const Principal& principal, const OrgConfig& org);

}  // namespace seslint::rules::org
