#pragma once
// Helpers every rule uses for consistent messages.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "seslint/engine.hpp"

namespace seslint::rules {

// A value for a message: single-quoted, control characters escaped, long values shortened.
std::string quoted(std::string_view text);
// "Action" / "NotAction" for a ValueList, "Principal" / "NotPrincipal" for a Principal.
std::string_view element_name(const ValueList& list);
std::string_view element_name(const Principal& principal);
// "a, b, c and 4 more" (the first `shown` names; `total` counts all, if more were not collected).
std::string short_list(const std::vector<std::string>& names, std::size_t total = 0, std::size_t shown = 3);
// A note that the reachability analysis behind a rule ran out of its work budget on `statement`
// (nullptr: the policy), so the rule says nothing there: "analysis incomplete: ... whether <question>".
void report_incomplete(const Policy& policy, const Statement* statement, std::string_view question, Reporter& out);
// The same note on a given node (a list whose values the budget did not let a rule compare).
void report_incomplete(const JsonValue& at, std::string_view question, Reporter& out);
// The statements a rule could not decide within the policy's work budget. One cause (the budget), so
// one note per rule and policy: on the first such statement, counting the others.
class UndecidedStatements {
 public:
  void add(const Statement& statement);
  void report(const Policy& policy, std::string_view question, Reporter& out) const;

 private:
  const Statement* first_ = nullptr;
  std::size_t count_ = 0;
};
// Appends "; did you mean 'X'?" when `suggestion` is not empty.
std::string with_suggestion(std::string message, std::string_view suggestion);

// Rules written for long-lived credentials (an IAM user's access keys, SMTP credentials): the level
// to report at for this policy's holder, or nullopt to stay silent. `full` for an IAM user (or an
// SMTP-shaped policy), Note when the holder is unknown or a role people assume (temporary keys),
// silent for a service role or an AWS service principal.
std::optional<Level> level_for_long_lived_keys(const Policy& policy, Level full);
// Rules about SMTP itself: only an IAM user has SMTP credentials, so every role is silent too.
std::optional<Level> level_for_smtp(const Policy& policy, Level full);

}  // namespace seslint::rules
