#pragma once
// SARIF's `precision` of each rule, from its `precision` field in rules/catalog.json: very-high
// (the finding follows from the text), high (catalog- or reachability-based), medium, low.
#include <string_view>

namespace seslint {

// The built-in catalog's precision for `rule_id`; empty when the entry has none.
std::string_view rule_precision(std::string_view rule_id);

}  // namespace seslint
