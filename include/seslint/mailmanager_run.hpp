#pragma once
// Cross-file Mail Manager configurations. `aws mailmanager get-*` prints one resource per file, so
// an ingress point, its traffic policy and its rule set arrive as separate inputs linked by ID. A
// run therefore starts with a pre-pass (lint_in_order): every input that may be a get-* output is
// read and parsed on the pool, its resources kept here in input order, and only then are files
// linted. Each file's own Configuration points at this (read-only, shared by every thread) and
// resolves what it does not hold itself in the other files, in input order, so the answer never
// depends on --jobs or on timing. Templates and plans link only inside themselves (their logical
// IDs mean nothing elsewhere), but a literal ID in them resolves to a get-* output of the run.
#include <memory>
#include <string>
#include <vector>

#include "seslint/json.hpp"
#include "seslint/mailmanager.hpp"

namespace seslint::mm {

// One get-* output of the run: its text and tree are kept, since the resources point into them.
struct RunFile {
  std::string path;
  std::string source;
  ParseResult parsed;
  Configuration config;
};

// Whether `source` names the ID key of a get-* output (TrafficPolicyId, RuleSetId, ...): a cheap
// test before parsing; false means the file holds no get-* output.
bool may_hold_cli_output(std::string_view source);

struct RunResources {
  std::vector<std::unique_ptr<RunFile>> files;  // input order
  // Takes the files found (in input order; nullptr: none in that input) and links their configurations here.
  void adopt(std::vector<std::unique_ptr<RunFile>> found);
};

}  // namespace seslint::mm
