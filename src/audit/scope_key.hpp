#pragma once
// Principals whose requests the policies decide alike share one computation: thousands of users
// holding the same group policies, or copies of one inline policy, cost one analysis per identity.
#include <map>
#include <string>

#include "audit/reach_adapter.hpp"

namespace seslint::audit {

// Whether a resource-policy statement's Principal may name this requester: anyone, a pattern, its
// ARN or its account (NotPrincipal: taken to).
bool names_principal(const Statement& statement, const std::string& principal);

class ScopeKeys {
 public:
  // A key equal for two scopes exactly when their policies have the same content, their boundary too,
  // and nothing in them tells the two principals apart (no principal-dependent key or variable, and
  // no identity-policy statement that names either); otherwise the principal is part of the key.
  std::string key(const SendScope& scope, bool bounded_user);

 private:
  const std::string& fingerprint(const Policy& policy);
  bool principal_sensitive(const Policy& policy);
  std::map<const Policy*, std::string> fingerprints_;
  std::map<const Policy*, bool> sensitive_;
};

}  // namespace seslint::audit
