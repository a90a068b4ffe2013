// The default command: flags -> LintOptions -> Linter -> formatter -> exit code.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "seslint/baseline.hpp"
#include "seslint/lint.hpp"
#include "seslint/output.hpp"
#include "seslint/project.hpp"
#include "seslint/version.hpp"

namespace seslint::cli {
namespace {

bool use_color(const LintCommand& options) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  if (options.color == "always") return true;
  if (options.color == "never" || !options.output.empty()) return false;
  return isatty(STDOUT_FILENO) != 0;
}

// Accepts "IAM001,SES1" as well as repeated flags.
std::vector<std::string> split_ids(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& item : raw) {
    std::stringstream stream(item);
    std::string id;
    while (std::getline(stream, id, ','))
      if (!id.empty()) out.push_back(id);
  }
  return out;
}

void print_rules(std::ostream& out, const Engine& engine) {
  for (const auto* rule : engine.enabled_rules())
    out << fmt::format("{}  {:<34} {:<8} {}\n", rule->id, rule->name, to_string(rule->level), rule->title);
}

// Marks the findings the baseline holds; stale entries become notes, so the file can shrink.
void use_baseline(LintReport& report, const Baseline& baseline, std::vector<std::string>& notices) {
  const auto match = apply_baseline(report, baseline);
  constexpr std::size_t kListed = 20;
  for (std::size_t i = 0; i < match.stale.size() && i < kListed; ++i) {
    const auto& entry = match.stale[i];
    notices.push_back(fmt::format("baseline entry matches nothing now (fixed?): {} [{}] {}", entry.path, entry.rule_id, entry.message));
  }
  if (match.stale.size() > kListed) notices.push_back(fmt::format("{} more stale baseline entries", match.stale.size() - kListed));
  if (!match.stale.empty()) notices.push_back("rewrite the baseline with --write-baseline to drop stale entries");
}

// Records today's findings and accepts them for this run too.
bool record_baseline(LintReport& report, const std::string& path) {
  const auto fresh = make_baseline(report);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  write_baseline(out, fresh);
  if (!out.flush()) {
    std::cerr << fmt::format("seslint: cannot write {}\n", path);
    return false;
  }
  apply_baseline(report, fresh);
  std::cerr << fmt::format("seslint: wrote {} finding{} to {}\n", fresh.entries.size(), fresh.entries.size() == 1 ? "" : "s", path);
  return true;
}

// Whether a file's findings fail the run at `fail_on`.
bool fails(const FileResult& file, const std::string& fail_on) {
  if (fail_on == "never") return false;
  const auto threshold = *parse_level(fail_on);
  return std::any_of(file.findings.begin(), file.findings.end(),
                     [&](const Finding& f) { return !f.suppression && f.level >= threshold; });
}

}  // namespace

void LintCommand::add_to(CLI::App& app) {
  app.add_option("paths", paths,
                 "Policy files, exports, templates, plans, or directories (*.json, *.yaml, *.yml, *.template, "
                 "recursive); - reads standard input");
  app.add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}));
  app.add_option("-o,--output", output, "Write the report to FILE instead of standard output");
  app.add_option("--fail-on", fail_on,
                 "Exit 1 when a finding is at or above this level (default: the config's fail-on, else warning)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  // One value per flag (comma-separated lists allowed), so that paths after it stay paths.
  app.add_option("--select", select, "Run only these rule IDs or ID prefixes (e.g. IAM0,SES1)")
      ->allow_extra_args(false);
  app.add_option("--ignore", ignore, "Skip these rule IDs or ID prefixes")->allow_extra_args(false);
  app.add_option("--policy-type", policy_type, "Kind of policy; auto infers it per file")
      ->check(CLI::IsMember({"auto", "identity", "resource", "ses-identity"}));
  app.add_option("--input-type", input_type, "What the inputs are; auto recognises each by its shape")
      ->check(CLI::IsMember({"auto", "policy", "aws-cli", "cloudformation", "terraform"}));
  app.add_flag("--include-aws-managed", include_aws_managed,
               "Authorization-details exports: lint AWS-managed policies too");
  app.add_option("--max-file-size", max_file_size, "Largest file to read, in bytes (larger ones are an IAM000 finding)");
  app.add_option("--color", color, "Colour text output (never with NO_COLOR set)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", quiet, "Text output: leave out the summary line");
  app.add_option("--catalog", catalog_dir,
                 "Use AWS's Service Reference JSON files in DIR (one per service) instead of the built-in catalog");
  app.add_flag("--list-rules", list_rules, "List the rules (after --select/--ignore) and exit");
  auto* config_option =
      app.add_option("--config", config_file, "Read this config file instead of the nearest .seslint.yaml above each path");
  app.add_flag("--no-config", no_config, "Ignore .seslint.yaml files")->excludes(config_option);
  app.add_option("--baseline", baseline, "Report only findings not recorded in this baseline file");
  app.add_option("--write-baseline", write_baseline,
                 "Record today's findings in FILE (accepted from then on with --baseline FILE)");
}

int LintCommand::run() const {
  LintOptions lint_options;
  if (policy_type != "auto") lint_options.policy_type = parse_policy_kind(policy_type);
  lint_options.max_file_size = max_file_size;
  lint_options.input_type = *parse_input_type(input_type);
  lint_options.include_aws_managed = include_aws_managed;
  lint_options.selection.select = split_ids(select);
  lint_options.selection.ignore = split_ids(ignore);
  std::unique_ptr<aws::Catalog> aws_catalog;
  if (!catalog_dir.empty()) {
    std::vector<std::string> problems;
    aws_catalog = aws::Catalog::load_service_reference(catalog_dir, problems);
    for (const auto& problem : problems) std::cerr << "seslint: --catalog: " << problem << '\n';
    if (aws_catalog->service_prefixes().empty()) return kExitError;
    lint_options.aws_catalog = aws_catalog.get();
  }
  ProjectOptions project_options{lint_options, std::nullopt, !no_config};
  if (!config_file.empty()) project_options.config_file = config_file;
  Project project(std::move(project_options));
  auto config_error = [&] {
    std::cerr << "seslint: " << project.error()->to_string() << '\n';
    return kExitError;
  };
  const Config* here = project.config_for("-");
  if (project.error()) return config_error();
  std::optional<Baseline> accepted;
  if (!baseline.empty()) {
    std::string problem;
    accepted = load_baseline(baseline, problem);
    if (!accepted) {
      std::cerr << fmt::format("seslint: {}: {}\n", baseline, problem);
      return kExitError;
    }
  }

  std::ofstream file_out;
  if (!output.empty()) {
    file_out.open(output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      std::cerr << fmt::format("seslint: cannot write {}\n", output);
      return kExitError;
    }
  }
  std::ostream& out = output.empty() ? std::cout : file_out;
  if (list_rules) {
    print_rules(out, project.linter_for(here).engine());
    return kExitClean;
  }
  if (paths.empty()) {
    std::cerr << "seslint: no input paths (name files or directories, or - for standard input)\n";
    return kExitError;
  }

  std::vector<std::string> errors;
  const auto inputs = expand_input_paths(paths, errors);
  const std::size_t path_errors = errors.size();
  LintReport report;
  std::vector<std::string> notices;
  std::vector<std::string> thresholds;  // --fail-on, else the file's config's fail-on
  for (const auto& input : inputs) {
    if (project.excluded(input.path)) continue;
    const Config* config = project.config_for(input.path);
    if (project.error()) return config_error();
    report.files.push_back(project.linter_for(config).lint_path(input.path, input.named));
    thresholds.push_back(!fail_on.empty() ? fail_on : config != nullptr && config->fail_on ? *config->fail_on : "warning");
    const auto& file = report.files.back();
    if (!file.io_error.empty()) errors.push_back(fmt::format("{}: {}", file.path, file.io_error));
    if (!file.notice.empty()) notices.push_back(fmt::format("{}: {}", file.path, file.notice));
  }
  if (accepted) use_baseline(report, *accepted, notices);
  if (!write_baseline.empty() && !record_baseline(report, write_baseline)) return kExitError;
  for (const auto& error : errors) std::cerr << "seslint: " << error << '\n';
  for (const auto& notice : notices) std::cerr << "seslint: note: " << notice << '\n';

  if (format == "json") {
    write_json(out, report);
  } else if (format == "sarif") {
    SarifOptions sarif{std::string(version()), project.enabled_rules(), {}};
    for (std::size_t i = 0; i < path_errors; ++i) sarif.notifications.push_back({errors[i], Level::Error});
    for (const auto& notice : notices) sarif.notifications.push_back({notice, Level::Note});
    write_sarif(out, report, sarif);
  } else {
    write_text(out, report, {use_color(*this), !quiet});
  }
  out.flush();
  if (!out) {
    std::cerr << "seslint: cannot write the output\n";
    return kExitError;
  }
  if (!errors.empty()) return kExitError;
  for (std::size_t i = 0; i < report.files.size(); ++i)
    if (fails(report.files[i], thresholds[i])) return kExitFindings;
  return kExitClean;
}

}  // namespace seslint::cli
