// `seslint explain RULE`: prints a rule's page from the catalog, or suggests the nearest name.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.hpp"
#include "seslint/lint.hpp"
#include "seslint/output.hpp"
#include "seslint/text_match.hpp"

namespace seslint::cli {

CLI::App* ExplainCommand::add_to(CLI::App& app) {
  auto* command = app.add_subcommand("explain", "Print a rule's documentation");
  command->add_option("rule", rule, "Rule ID or name, e.g. IAM001 or duplicate-key")->required();
  return command;
}

int ExplainCommand::run() const {
  const auto& catalog = RuleCatalog::builtin();
  std::vector<std::string_view> names;
  for (const auto& entry : catalog.rules()) {
    if (entry.id == rule || entry.name == rule) {
      if (entry.doc.empty()) {
        std::cout << fmt::format("{} {}\n\n{}\n", entry.id, entry.name, entry.summary);
      } else {
        std::cout << entry.doc;
      }
      if (!entry.peers.empty()) std::cout << fmt::format("\nPeer checks covered: {}\n", fmt::join(entry.peers, ", "));
      return kExitClean;
    }
    names.push_back(entry.id);
    names.push_back(entry.name);
  }
  std::cerr << fmt::format("seslint: no rule named '{}'", terminal_safe(rule));  // an argument may hold escapes
  const auto near = did_you_mean(rule, names);
  if (!near.empty()) std::cerr << fmt::format("; did you mean '{}'?", near);
  std::cerr << " (seslint --list-rules lists them)\n";
  return kExitError;
}

}  // namespace seslint::cli
