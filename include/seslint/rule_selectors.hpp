#pragma once
// --select/--ignore entries (and the config file's lists): rule IDs, ID prefixes or rule names, in
// any case. An entry that matches no rule is an error, never a silent no-op.
#include <string>
#include <vector>

#include "seslint/catalog.hpp"

namespace seslint {

struct SelectorProblem {
  std::string entry;       // as written
  std::string suggestion;  // the nearest ID or name; empty when nothing is close
};

// Each entry becomes an upper-case ID or ID prefix ("iam0" -> "IAM0", "duplicate-key" -> "IAM001").
// Entries matching no rule go to `problems` and are left out.
std::vector<std::string> resolve_rule_selectors(const RuleCatalog& catalog, const std::vector<std::string>& entries,
                                                std::vector<SelectorProblem>& problems);

}  // namespace seslint
