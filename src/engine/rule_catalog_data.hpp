#pragma once
// The rules of rules/catalog.json as static data, generated at build time by
// src/codegen/rule_catalog_codegen.cpp: sorted by ID, doc fields empty.
#include <span>

#include "seslint/catalog.hpp"

namespace seslint::generated {
std::span<const RuleInfo> rule_catalog();
}
