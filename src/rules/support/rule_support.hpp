#pragma once
// Helpers every rule uses for consistent messages.
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "seslint/engine.hpp"

namespace seslint::rules {

// A value for a message: single-quoted, control characters escaped, long values shortened.
std::string quoted(std::string_view text);
// "Action" / "NotAction" for a ValueList, "Principal" / "NotPrincipal" for a Principal.
std::string_view element_name(const ValueList& list);
std::string_view element_name(const Principal& principal);
// Appends "; did you mean 'X'?" when `suggestion` is not empty.
std::string with_suggestion(std::string message, std::string_view suggestion);

}  // namespace seslint::rules
