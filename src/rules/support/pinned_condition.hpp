#pragma once
// A cheap necessary condition for reachability queries that pin one context key to one value.
#include <string_view>

#include "seslint/policy.hpp"

namespace seslint::rules {

// Could the statement's Condition hold on a request whose context key `key` holds exactly `value`,
// in any letter case (probes compare pinned values without regard to case)? False only when a
// positive String clause on the key (StringEquals, StringLike, ...) admits no case variant of the
// value; every other clause is taken to hold. A statement this rejects never applies to such a
// request, so a query needing one can be answered "no" without searching.
bool may_admit_pinned(const Statement& statement, std::string_view key, std::string_view value);

}  // namespace seslint::rules
