#pragma once
#include <optional>
#include <string>

#include "seslint/json.hpp"
#include "seslint/policy.hpp"

namespace seslint {

// One policy document on its way through the pipeline: bytes -> JSON tree -> policy AST.
struct Document {
  std::string path;
  std::string_view source;
  ParseResult json;
  std::optional<Policy> policy;  // set when the JSON parsed and its root is an object
};

}  // namespace seslint
