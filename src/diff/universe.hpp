#pragma once
// What the diff enumerates for a pair of policies: the actions (grouped into classes that both
// versions treat alike), the resource and principal representatives, and the condition values the
// reachability engine must try besides the granting version's own.
#include <map>
#include <string>
#include <vector>

#include "seslint/eval.hpp"
#include "seslint/policy.hpp"

namespace seslint::diff {

// Actions that every statement of both versions matches alike and that carry the same condition
// keys: one query about the first answers for all (exact, since nothing else tells them apart).
struct ActionGroup {
  std::vector<std::string> actions;  // sorted; actions[0] is the representative
};

std::vector<ActionGroup> action_groups(const std::vector<const Policy*>& policies);

// Whether a statement's Action/NotAction matches `action`.
bool statement_names_action(const Statement& statement, std::string_view action);

// Resource ARNs to try for `action`: an instance of every Resource/NotResource pattern of both
// versions and fresh ARNs (other identity, region, account, resource type) matching only wildcards.
std::vector<std::string> resource_candidates(const std::vector<const Policy*>& policies, std::string_view action);

// Callers to try on a resource policy: each principal either version names (an account stands for
// a user in it), a user of the resource's own account and one of an account neither names.
// Identity policies: only the default caller (empty).
std::vector<std::string> principal_candidates(const std::vector<const Policy*>& policies);

// Values of the keys `other`'s statements about `action` compare, for the engine to vary besides the
// granting version's constants: each constant, an instance of each pattern, its lower case, the
// representatives of every address class both versions' ranges induce, and a fresh value.
std::map<std::string, std::vector<std::string>> extra_values(const Policy& granting, const Policy& other,
                                                             std::string_view action);

// The keys `policy`'s statements about `action` read; nullopt when a policy variable reads more.
std::optional<std::vector<std::string>> keys_read(const Policy& policy, std::string_view action);

// Whether a statement holds a value a template builds at deploy time (known only then).
bool has_deploy_time_value(const Statement& statement);
// Appends a canonical text of a JSON value (kinds, texts and keys; no positions), to recognise a
// statement two versions hold unchanged.
void canonical_text(const JsonValue& value, std::string& out);

// Sets `found` when `value` or a value inside it is built at deploy time.
void walk_templated_values(const JsonValue& value, bool& found);

}  // namespace seslint::diff
