#pragma once
// How the diff evaluates one version: an identity policy alone, or a resource policy alone with the
// caller's identity policies taken to allow what a cross-account request needs.
#include "seslint/eval.hpp"

namespace seslint::diff {

inline eval::PolicySet policy_set(const Policy& policy) {
  if (policy.kind == PolicyKind::Identity) return {{&policy}, nullptr, false};
  return {{}, &policy, true};
}

}  // namespace seslint::diff
