#pragma once
// A policy built from JSON text for tests, with the tree it points into kept beside it.
#include <optional>
#include <string_view>

#include <catch2/catch.hpp>

#include "seslint/json.hpp"
#include "seslint/policy.hpp"

struct ParsedPolicy {
  seslint::ParseResult json;
  seslint::Policy policy;
};

inline ParsedPolicy parsed_policy(std::string_view text, std::optional<seslint::PolicyKind> declared = std::nullopt) {
  ParsedPolicy out{seslint::parse_json(text), {}};
  REQUIRE(out.json.root);
  out.policy = seslint::build_policy(*out.json.root, declared);
  return out;
}
