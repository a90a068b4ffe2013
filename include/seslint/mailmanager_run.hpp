#pragma once
// Cross-file Mail Manager configurations. `aws mailmanager get-*` prints one resource per file, so
// an ingress point, its traffic policy and its rule set arrive as separate inputs linked by ID. A
// run therefore has a pre-pass (lint_in_order): every input that may be a get-* output is read and
// parsed, its resources kept here in input order. It runs when a file first asks for the run's
// resources (only a file with a Mail Manager resource does), so a run of IAM policies alone reads
// each file once. Each file's own Configuration points at this (read-only once gathered, shared by
// every thread) and resolves what it does not hold itself in the other files, in input order, so
// the answer never depends on --jobs or on timing. Templates and plans link only inside themselves
// (their logical IDs mean nothing elsewhere), but a literal ID in them resolves to a get-* output
// of the run.
#include <functional>
#include <memory>
#include <mutex>
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

class RunResources {
 public:
  // Every input's get-* outputs, in input order (nullptr: none in that input).
  using Found = std::vector<std::unique_ptr<RunFile>>;
  RunResources() = default;
  explicit RunResources(std::function<Found()> gather) : gather_(std::move(gather)) {}
  RunResources(const RunResources&) = delete;
  RunResources& operator=(const RunResources&) = delete;

  // The run's get-* outputs, in input order. The first call (from any thread) gathers them; calls
  // meanwhile wait for it, later ones share its result.
  const std::vector<std::unique_ptr<RunFile>>& files() const;
  // Takes files already found instead of gathering them; ignored once files() has answered.
  void adopt(Found found);

 private:
  void link(Found found) const;
  void link_once(const std::function<Found()>& find) const;  // links what `find` returns, on the first call only
  std::function<Found()> gather_;
  mutable std::once_flag gathered_;
  mutable std::vector<std::unique_ptr<RunFile>> files_;
};

}  // namespace seslint::mm
