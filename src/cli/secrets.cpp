// `seslint secrets PATH...`: leaked SES SMTP credentials and AWS keys in text files. The library
// scans (src/secrets/), the Linter settles config, root paths and fingerprints, and the usual
// formatters, baselines and exit codes apply: only the reading and the rules differ from lint.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "heap.hpp"
#include "report_targets.hpp"
#include "seslint/baseline.hpp"
#include "seslint/output.hpp"
#include "seslint/project.hpp"
#include "seslint/report_paths.hpp"
#include "seslint/rule_selectors.hpp"
#include "seslint/secrets.hpp"
#include "seslint/version.hpp"

namespace seslint::cli {
namespace {

std::vector<std::string> split_list(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& item : raw) {
    std::stringstream stream(item);
    for (std::string id; std::getline(stream, id, ',');)
      if (!id.empty()) out.push_back(id);
  }
  return out;
}

bool resolve(const char* flag, const std::vector<std::string>& raw, std::vector<std::string>& out) {
  std::vector<SelectorProblem> problems;
  out = resolve_rule_selectors(RuleCatalog::builtin(), split_list(raw), problems);
  for (const auto& problem : problems)
    std::cerr << fmt::format("seslint: {} '{}' is not a rule ID, ID prefix or rule name{}\n", flag, problem.entry,
                             problem.suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", problem.suggestion));
  return problems.empty();
}

// The secret rules a linter's selection (flags, else the config) runs: a selection that names no
// secret rule (a config's `select: [IAM, SES1]` meant for lint) means all of them.
RuleSelection secret_selection(const RuleSelection& linting) {
  RuleSelection selection{{}, linting.ignore};
  for (const auto& entry : linting.select)
    for (const auto id : secrets::rule_ids())
      if (id.starts_with(entry) && std::find(selection.select.begin(), selection.select.end(), entry) == selection.select.end())
        selection.select.push_back(entry);
  if (selection.select.empty()) selection.select.push_back("SES4");
  return selection;
}

// The enabled secret rules for SARIF's rule list, their pages (embedded as help) with the
// example credentials masked like everything else the command prints.
struct MaskedRules {
  std::vector<std::string> docs;
  std::vector<RuleInfo> infos;
  std::vector<const RuleInfo*> pointers;
  explicit MaskedRules(const RuleSelection& selection) {
    for (const auto id : secrets::rule_ids())
      if (const auto* rule = RuleCatalog::builtin().find(id); rule != nullptr && selection.enabled(id)) {
        docs.push_back(secrets::redact(rule->doc));
        infos.push_back(*rule);
      }
    for (std::size_t i = 0; i < infos.size(); ++i) {
      infos[i].doc = docs[i];
      pointers.push_back(&infos[i]);
    }
  }
};

}  // namespace

CLI::App* SecretsCommand::add_to(CLI::App& app) {
  auto* sub = app.add_subcommand("secrets", "Find leaked SES SMTP credentials and AWS access keys in text files");
  sub->add_option("paths", paths, "Files or directories (every text file, recursively, minus .gitignore); - reads standard input")
      ->required();
  sub->add_option("-f,--format", formats,
                  "Report format: text, concise, json, sarif, github or gitlab; FORMAT=FILE writes that report to FILE "
                  "(repeatable, as for lint)")
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](std::string& spec) {
            const std::string format = spec.substr(0, spec.find('='));
            const bool known = std::find(std::begin(kReportFormats), std::end(kReportFormats), format) != std::end(kReportFormats);
            return known && !spec.ends_with("=") ? std::string() : "not FORMAT or FORMAT=FILE (FORMAT: text, concise, json, sarif, github, gitlab): " + spec;
          },
          "FORMAT[=FILE]"));
  sub->add_option("-o,--output", output, "Write the report that has no =FILE to FILE instead of standard output");
  sub->add_option("--fail-on", fail_on, "Exit 1 when a finding is at or above this level (default: the config's, else warning)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  sub->add_option("--select", select, "Run only these rule IDs, prefixes or names (SES401...)")->allow_extra_args(false);
  sub->add_option("--ignore", ignore, "Skip these rule IDs, prefixes or names")->allow_extra_args(false);
  auto* config_option = sub->add_option("--config", config_file, "Read this config file instead of the nearest .seslint.yaml");
  sub->add_flag("--no-config", no_config, "Ignore .seslint.yaml files")->excludes(config_option);
  sub->add_option("--baseline", baseline, "Report only findings not recorded in this baseline file");
  sub->add_option("--write-baseline", write_baseline, "Record today's findings in FILE (hashes of the secrets, never the values)");
  sub->add_option("--max-file-size", max_file_size, "Largest file to read, in bytes (larger ones are skipped)");
  sub->add_flag("-q,--quiet", quiet, "Text output: leave out the summary line");
  return sub;
}

int SecretsCommand::run() const {
  std::vector<ReportTarget> targets;
  if (!parse_report_targets(formats, output, targets)) return kExitError;
  LintOptions lint_options;
  if (!resolve("--select", select, lint_options.selection.select) || !resolve("--ignore", ignore, lint_options.selection.ignore))
    return kExitError;
  ProjectOptions project_options{lint_options, std::nullopt, !no_config};
  if (!config_file.empty()) project_options.config_file = config_file;
  Project project(std::move(project_options));
  std::optional<Baseline> accepted;
  if (!read_baseline_option(baseline, accepted)) return kExitError;

  std::vector<std::string> errors, notices, thresholds;
  prepare_heap_for(paths);
  const auto inputs = secrets::expand_paths(paths, errors);
  const std::size_t path_errors = errors.size();
  LintReport report;
  RuleSelection shown;  // the union of what ran, for SARIF's rule list
  for (const auto& input : inputs) {
    if (project.excluded(input.path)) continue;
    const Config* config = project.config_for(input.path);
    if (project.error()) {
      std::cerr << "seslint: " << project.error()->to_string() << '\n';
      return kExitError;
    }
    const Linter& linter = project.linter_for(config);
    shown = secret_selection(linter.options().selection);
    report.files.push_back(linter.finish(secrets::scan_path(input.path, shown, max_file_size)));
    thresholds.push_back(!fail_on.empty() ? fail_on : config != nullptr && config->fail_on ? *config->fail_on : "warning");
    const auto& file = report.files.back();
    if (!file.io_error.empty()) errors.push_back(fmt::format("{}: {}", file.path, file.io_error));
    if (!file.notice.empty() && input.named) notices.push_back(fmt::format("{}: {}", file.path, file.notice));
  }
  if (accepted) {
    const auto match = apply_baseline(report, *accepted);
    if (!match.stale.empty())
      notices.push_back(fmt::format("{} baseline entr{} match nothing now (revoked and removed?); rewrite it with --write-baseline",
                                    match.stale.size(), match.stale.size() == 1 ? "y" : "ies"));
  }
  if (!write_baseline.empty()) {
    auto fresh = make_baseline(report);
    if (!save_baseline(fresh, write_baseline)) return kExitError;
    apply_baseline(report, fresh);
  }
  for (const auto& error : errors) std::cerr << "seslint: " << error << '\n';
  for (const auto& notice : notices) std::cerr << "seslint: note: " << notice << '\n';
  if (inputs.empty() && !errors.empty()) return kExitError;

  int exit_code = kExitClean;
  if (!errors.empty()) {
    exit_code = kExitError;
  } else {
    for (std::size_t i = 0; i < report.files.size(); ++i)
      if (fails(report.files[i], thresholds[i])) exit_code = kExitFindings;
  }
  const std::vector<std::string> missing(errors.begin(), errors.begin() + static_cast<std::ptrdiff_t>(path_errors));
  for (const auto& [format, file] : targets)
    if (!write_report(format, file, report, shown, missing, notices, exit_code)) exit_code = kExitError;
  return exit_code;
}

bool SecretsCommand::write_report(const std::string& format, const std::string& file, const LintReport& report,
                                  const RuleSelection& selection, const std::vector<std::string>& path_errors,
                                  const std::vector<std::string>& notices, int exit_code) const {
  std::ofstream file_out;
  if (!file.empty()) file_out.open(file, std::ios::binary | std::ios::trunc);
  std::ostream& out = file.empty() ? std::cout : file_out;
  std::error_code ec;
  const std::string cwd = std::filesystem::current_path(ec).string();
  const PathBase base{repository_root(cwd), cwd};
  if (format == "json") {
    write_json(out, report, JsonOptions{std::string(version()), {}, path_errors});
  } else if (format == "sarif") {
    const MaskedRules rules(selection);
    SarifOptions sarif{std::string(version()), rules.pointers, {}, base, command_line, exit_code};
    for (const auto& error : path_errors) sarif.notifications.push_back({error, Level::Error});
    for (const auto& notice : notices) sarif.notifications.push_back({notice, Level::Note});
    write_sarif(out, report, sarif);
  } else if (format == "github") {
    write_github(out, report, base);
  } else if (format == "gitlab") {
    write_gitlab(out, report, base);
  } else {
    const char* no_color = std::getenv("NO_COLOR");
    const bool color = file.empty() && isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
    write_text(out, report, TextOptions{color, !quiet, format == "concise"});
  }
  out.flush();
  if (out) return true;
  std::cerr << fmt::format("seslint: cannot write {}\n", file.empty() ? "the output" : file);
  return false;
}

}  // namespace seslint::cli
