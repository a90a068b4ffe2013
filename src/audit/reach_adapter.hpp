#pragma once
// The one place the audit calls the reachability engine (src/eval/reach.cpp), so that a change of
// its signature is one edit here. Adds what the engine does not model: a permissions boundary.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "seslint/reach.hpp"

namespace seslint::audit {

// Everything that decides one principal's requests on one identity.
struct SendScope {
  eval::PolicySet policies;          // identity policies (own and groups') and the identity's policy
  const Policy* boundary = nullptr;  // permissions boundary, if any
  bool boundary_bypass_for_resource_grant = false;  // users: a grant naming them directly is not bounded
  std::string principal;             // the request's principal
  std::string account_id;            // the identity's account
};

struct ReachAnswer {
  std::optional<eval::Request> witness;
  bool exhaustive = true;
};

ReachAnswer reach(const SendScope& scope, const std::string& action, const std::string& resource,
                  std::map<std::string, std::vector<std::string>> extra_values,
                  const std::function<bool(const eval::Request&)>& predicate, std::size_t max_requests);

// Whether the scope allows `request` (identity and resource policies, then the boundary).
bool allowed(const SendScope& scope, const eval::Request& request);

}  // namespace seslint::audit
