// The seslint subcommands. Each one registers its flags on the CLI11 app (or a subcommand of it)
// and runs from the parsed options; main.cpp only wires them together.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace CLI {
class App;
}
namespace seslint::eval {
struct Request;
enum class Decision;
}  // namespace seslint::eval
namespace seslint {
struct LintReport;
struct RuleSelection;
}

namespace seslint::cli {

// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error (2 wins over 1).
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

// The default command: lint paths (and --list-rules).
struct LintCommand {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  // FORMAT or FORMAT=FILE
  std::string output;
  std::string fail_on;  // empty: the config's fail-on, else warning
  std::string config_file;
  bool no_config = false;
  std::string baseline, write_baseline;
  std::vector<std::string> select, ignore;
  std::string policy_type = "auto";
  std::string principal_kind = "auto";
  std::string input_type = "auto";
  bool include_aws_managed = false;
  std::string color = "auto";
  std::size_t max_file_size = 16u * 1024u * 1024u;
  bool list_rules = false;
  std::string catalog_dir;
  bool quiet = false;
  bool statistics = false;
  unsigned jobs = 0;  // --jobs; 0: the number of cores
  std::vector<std::string> subcommands;  // names a misspelt first path may have meant
  std::string command_line;              // for SARIF's invocations[0].commandLine

  void add_to(CLI::App& app);
  int run() const;
  static std::string describe_command_line(int argc, char** argv);
};

// `seslint explain RULE`
struct ExplainCommand {
  std::string rule;

  CLI::App* add_to(CLI::App& app);
  int run() const;
};

// `seslint simulate POLICY... --action A --resource R`
struct SimulateCommand {
  std::vector<std::string> policies;
  std::string resource_policy;
  std::string action, resource, principal, account;
  std::vector<std::string> context;
  std::string format = "text";
  bool batch = false;
  std::string expect;  // allow, deny: the exit code asserts the decision

  CLI::App* add_to(CLI::App& app);
  int run() const;

 private:
  int simulate_policies(eval::Request request) const;
  int simulate_account(eval::Request request) const;
  int conclude(eval::Decision decision) const;
};

// `seslint audit PATH...`: senders per SES identity (docs/audit.md)
struct AuditCommand {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on = "none";
  std::size_t max_requests = 20'000;

  CLI::App* add_to(CLI::App& app);
  int run() const;
};

// `seslint secrets PATH...`: leaked SES SMTP credentials and AWS keys (docs/secrets.md)
struct SecretsCommand {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  // FORMAT or FORMAT=FILE, as for lint
  std::string output;
  std::string fail_on;  // empty: the config's fail-on, else warning
  std::string config_file;
  bool no_config = false;
  std::string baseline, write_baseline;
  std::vector<std::string> select, ignore;
  std::size_t max_file_size = 16u * 1024u * 1024u;
  bool quiet = false;
  std::string command_line;  // for SARIF's invocations[0].commandLine

  CLI::App* add_to(CLI::App& app);
  int run() const;

 private:
  bool write_report(const std::string& format, const std::string& file, const LintReport& report,
                    const RuleSelection& selection, const std::vector<std::string>& path_errors,
                    const std::vector<std::string>& notices, int exit_code) const;
};

// `seslint diff OLD NEW` / `seslint diff --git REV PATH...`: new access (docs/diff.md)
struct DiffCommand {
  std::vector<std::string> paths;
  std::string git_revision;
  std::string format = "text";
  std::string output;
  bool allow_undetermined = false;

  CLI::App* add_to(CLI::App& app);
  int run() const;
};

}  // namespace seslint::cli
