// The seslint command: wires the subcommands (one file each in src/cli/) to CLI11.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/version.hpp"

int main(int argc, char** argv) {
  using namespace seslint::cli;
  CLI::App app{"seslint: a linter for AWS IAM policies and Amazon SES sending authorization"};
  app.set_version_flag("--version", fmt::format("seslint {}\nAWS catalog: {}", seslint::version(),
                                                seslint::aws::Catalog::builtin().source()));
  LintCommand lint;
  lint.add_to(app);
  ExplainCommand explain;
  CLI::App* explain_app = explain.add_to(app);
  SimulateCommand simulate;
  CLI::App* simulate_app = simulate.add_to(app);
  AuditCommand audit;
  CLI::App* audit_app = audit.add_to(app);
  SecretsCommand secrets;
  CLI::App* secrets_app = secrets.add_to(app);
  DiffCommand diff;
  CLI::App* diff_app = diff.add_to(app);
  lint.subcommands = {"explain", "simulate", "audit", "secrets", "diff"};
  lint.command_line = LintCommand::describe_command_line(argc, argv);
  secrets.command_line = lint.command_line;

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  try {
    if (explain_app->parsed()) return explain.run();
    if (simulate_app->parsed()) return simulate.run();
    if (audit_app->parsed()) return audit.run();
    if (secrets_app->parsed()) return secrets.run();
    if (diff_app->parsed()) return diff.run();
    return lint.run();
  } catch (const std::exception& e) {
    std::cerr << "seslint: internal error: " << e.what() << '\n';
    return kExitError;
  }
}
