#pragma once
// Parsers for condition values: booleans, numbers, dates, base64, policy variables, wildcards.
#include <string>
#include <string_view>
#include <vector>

namespace seslint {

bool is_bool_text(std::string_view text);     // "true"/"false", any case
bool is_numeric_text(std::string_view text);  // integer or decimal, optional sign
bool is_date_text(std::string_view text);     // ISO 8601 date or date-time, or epoch seconds
bool is_base64_text(std::string_view text);

struct VariableRef {
  std::size_t offset = 0;  // of "${" in the text
  std::size_t length = 0;  // through the closing '}' (to the end of the text when unclosed)
  std::string name;        // the key, e.g. "aws:username"; empty for the escapes ${*} ${?} ${$}
  std::string problem;     // empty when well formed
};

// Every "${...}" in `text`, in order.
std::vector<VariableRef> find_variables(std::string_view text);
bool has_variables(std::string_view text);
// True when `text` has '*' or '?' outside "${...}" (the escapes ${*} and ${?} are literal).
bool has_unescaped_wildcard(std::string_view text);

}  // namespace seslint
