#pragma once
// `seslint simulate`: one request from the command line, or JSON Lines cases in the format of the
// differential-testing oracle ({"id", "policy", "resourcePolicy"?, "request": {...}}).
#include <string>
#include <string_view>

#include "seslint/eval.hpp"

namespace seslint::eval {

// Evaluates one case line; returns the output line {"id": ..., "decision": ...} (no newline).
// Malformed cases give "decision": "Error" with an "errors" list; nothing throws.
std::string run_case_line(std::string_view line);

}  // namespace seslint::eval
