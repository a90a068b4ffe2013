// `seslint audit PATH...`: who can send as which SES identity, with which From addresses, from
// which networks (docs/audit.md).
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "heap.hpp"
#include "seslint/audit.hpp"

namespace seslint::cli {

CLI::App* AuditCommand::add_to(CLI::App& app) {
  auto* command = app.add_subcommand("audit", "Who can send as which SES identity, with which From, from where");
  command->add_option("paths", paths, "Account exports, SES identity policy outputs, templates, plans, policies")
      ->required();
  command->add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json", "markdown", "html"}));
  command->add_option("-o,--output", output, "Write the report to this file instead of standard output");
  command->add_option("--fail-on", fail_on,
                      "Exit 1 when a sender may use any From address (from), any network (network), or either (any)")
      ->check(CLI::IsMember({"none", "from", "network", "any"}));
  command->add_option("--max-requests", max_requests, "Bound on the requests tried per reachability question");
  return command;
}

int AuditCommand::run() const {
  prepare_heap_for(paths);
  const audit::AccountModel model = audit::load_account(paths);
  audit::AuditOptions options;
  options.max_requests = max_requests;
  const audit::AuditReport report = audit::audit_account(model, options);
  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::binary);
    if (!file) {
      std::cerr << fmt::format("seslint: {}: cannot write\n", output);
      return kExitError;
    }
  }
  std::ostream& out = output.empty() ? std::cout : file;
  if (format == "json") {
    audit::write_audit_json(out, model, report);
  } else if (format == "html") {
    audit::write_audit_html(out, model, report, audit::lint_granting_policies(model, report));
  } else if (format == "markdown") {
    audit::write_audit_markdown(out, model, report);
  } else {
    audit::write_audit_text(out, model, report);
  }
  for (const auto& error : model.errors) std::cerr << "seslint: " << error << '\n';
  out.flush();
  if (!model.errors.empty() || !out) return kExitError;
  const bool from = (fail_on == "from" || fail_on == "any") && audit::any_unrestricted_from(report);
  const bool network = (fail_on == "network" || fail_on == "any") && audit::any_unrestricted_network(report);
  return from || network ? kExitFindings : kExitClean;
}

}  // namespace seslint::cli
