#pragma once
// Policy-variable substitution, shared by Resource matching and condition values.
#include <optional>
#include <string_view>

#include "seslint/eval.hpp"
#include "seslint/glob.hpp"

namespace seslint::eval {

// `text` with ${...} replaced from the request context (Version 2012-10-17 only), as a glob
// pattern whose wildcards come only from the policy text (`wildcards`), never from substituted
// values or the ${*} ${?} ${$} escapes. nullopt when a variable is malformed or unresolved (with no
// default): such a value matches nothing.
std::optional<GlobPattern> expand_variables(const Policy& policy, std::string_view text, bool wildcards,
                                            const Request& request);

}  // namespace seslint::eval
