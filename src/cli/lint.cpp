// The default command: flags -> LintOptions + config (per file) -> Linter -> baseline -> reports -> exit code.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "heap.hpp"
#include "report_targets.hpp"
#include "seslint/baseline.hpp"
#include "seslint/lint.hpp"
#include "seslint/output.hpp"
#include "seslint/progress.hpp"
#include "seslint/project.hpp"
#include "seslint/report_paths.hpp"
#include "seslint/rule_selectors.hpp"
#include "seslint/task_pool.hpp"
#include "seslint/text_match.hpp"
#include "seslint/version.hpp"

namespace seslint::cli {
namespace {

bool use_color(const LintCommand& options, const std::string& file) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  if (options.color == "always") return true;
  if (options.color == "never" || !file.empty()) return false;
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

// --select/--ignore entries as IDs or prefixes; false (after saying why) when one names no rule.
bool resolve_selection(const char* flag, const std::vector<std::string>& raw, std::vector<std::string>& out) {
  std::vector<SelectorProblem> problems;
  out = resolve_rule_selectors(RuleCatalog::builtin(), split_ids(raw), problems);
  for (const auto& problem : problems) {
    std::cerr << fmt::format("seslint: {} '{}' is not a rule ID, ID prefix or rule name", flag, problem.entry);
    if (!problem.suggestion.empty()) std::cerr << fmt::format("; did you mean '{}'?", problem.suggestion);
    std::cerr << " (seslint --list-rules lists them)\n";
  }
  return problems.empty();
}

// -f/-o as for every report-writing command; --statistics replaces the text report only.
bool parse_targets(const LintCommand& options, std::vector<ReportTarget>& targets) {
  if (!parse_report_targets(options.formats, options.output, targets)) return false;
  if (options.statistics && targets.front().format != "text" && targets.front().format != "concise") {
    std::cerr << "seslint: --statistics replaces the text report; send the other formats to files (FORMAT=FILE)\n";
    return false;
  }
  return true;
}

// `seslint explian IAM001`: a first word that is no file but nearly a subcommand is a typo.
bool misspelt_subcommand(const LintCommand& options) {
  if (options.paths.empty() || options.subcommands.empty()) return false;
  const std::string& first = options.paths.front();
  std::error_code ec;
  if (first == "-" || std::filesystem::exists(first, ec)) return false;
  std::vector<std::string_view> names(options.subcommands.begin(), options.subcommands.end());
  const auto near = did_you_mean(first, names);
  if (near.empty()) return false;
  std::cerr << fmt::format("seslint: unknown command '{}'; did you mean '{}'? (seslint --help lists the commands)\n",
                           first, near);
  return true;
}

std::string shell_quoted(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+") ==
                           std::string::npos)
    return word;
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct RunResult {
  std::vector<std::string> errors;      // missing paths first, then unreadable files
  std::size_t path_errors = 0;          // how many of `errors` are missing paths
  std::vector<std::string> notices;     // skipped files the user named, dangling links, stale baseline entries
  std::vector<std::string> thresholds;  // per file: --fail-on, else its config's fail-on, else warning
};

// Each input with the linter of its nearest config (all made before linting starts, so the rules
// that run are known up front); false when a config cannot be read.
bool plan_inputs(Project& project, const std::string& fail_on, const std::vector<InputPath>& inputs,
                 std::vector<LintJob>& jobs, RunResult& run) {
  run.path_errors = run.errors.size();
  for (const auto& input : inputs) {
    if (project.excluded(input.path)) continue;
    const Config* config = project.config_for(input.path);
    if (project.error()) return false;
    jobs.push_back({input.path, input.named, &project.linter_for(config)});
    run.thresholds.push_back(!fail_on.empty() ? fail_on : config != nullptr && config->fail_on ? *config->fail_on : "warning");
  }
  return true;
}

// Stale baseline entries become notes, so the file can shrink.
void note_stale(const BaselineMatch& match, std::vector<std::string>& notices) {
  constexpr std::size_t kListed = 20;
  for (std::size_t i = 0; i < match.stale.size() && i < kListed; ++i) {
    const auto& entry = match.stale[i];
    notices.push_back(fmt::format("baseline entry matches nothing now (fixed?): {} [{}] {}", entry.path, entry.rule_id, entry.message));
  }
  if (match.stale.size() > kListed) notices.push_back(fmt::format("{} more stale baseline entries", match.stale.size() - kListed));
  if (!match.stale.empty()) notices.push_back("rewrite the baseline with --write-baseline to drop stale entries");
}

// The open reports, written as the files are linted.
struct Report {
  std::string file;  // empty: standard output
  std::unique_ptr<std::ofstream> stream;
  std::unique_ptr<ReportWriter> writer;
  std::ostream& out() { return stream ? *stream : std::cout; }
};

// `primary`: the report for standard output (or -o), which --statistics replaces.
bool open_report(const LintCommand& options, const ReportTarget& target, bool primary, const Project& project,
                 const LintOptions& lint_options, const RunResult& run, Report& report) {
  report.file = target.file;
  if (!target.file.empty()) {
    report.stream = std::make_unique<std::ofstream>(target.file, std::ios::binary | std::ios::trunc);
    if (!*report.stream) {
      std::cerr << fmt::format("seslint: cannot write {}\n", target.file);
      return false;
    }
  }
  std::ostream& out = report.out();
  std::error_code ec;
  const std::string cwd = std::filesystem::current_path(ec).string();
  const PathBase paths{repository_root(cwd), cwd};
  const std::vector<std::string> path_errors(run.errors.begin(), run.errors.begin() + static_cast<std::ptrdiff_t>(run.path_errors));
  if (target.format == "json") {
    const aws::Catalog* catalog = lint_options.aws_catalog;
    report.writer = json_writer(out, {std::string(version()), (catalog ? *catalog : aws::Catalog::builtin()).source(), path_errors});
  } else if (target.format == "sarif") {
    SarifOptions sarif{std::string(version()), project.enabled_rules(), {}, paths, options.command_line, std::nullopt};
    for (const auto& error : path_errors) sarif.notifications.push_back({error, Level::Error});
    report.writer = sarif_writer(out, sarif);
  } else if (target.format == "github") {
    report.writer = github_writer(out, paths);
  } else if (target.format == "gitlab") {
    report.writer = gitlab_writer(out, paths);
  } else if (options.statistics && primary) {
    report.writer = statistics_writer(out, RuleCatalog::builtin());
  } else {
    report.writer = text_writer(out, {use_color(options, target.file), !options.quiet, target.format == "concise"});
  }
  return true;
}

bool close_report(Report& report, const RunEnd& end) {
  report.writer->end(end);
  std::ostream& out = report.out();
  out.flush();
  if (!out) {
    std::cerr << fmt::format("seslint: cannot write {}\n", report.file.empty() ? "the output" : report.file);
    return false;
  }
  return true;
}

}  // namespace

void LintCommand::add_to(CLI::App& app) {
  app.add_option("paths", paths,
                 "Policy files, exports, templates, plans, or directories (*.json, *.yaml, *.yml, *.template, "
                 "recursive); - reads standard input");
  app.add_option("-f,--format", formats,
                 "Report format: text, concise, json, sarif, github or gitlab; FORMAT=FILE writes that report to FILE "
                 "(repeatable: e.g. -f text -f sarif=seslint.sarif)")
      ->allow_extra_args(false);
  app.add_option("-o,--output", output, "Write the report that has no =FILE to FILE instead of standard output");
  app.add_option("--fail-on", fail_on,
                 "Exit 1 when a finding is at or above this level (default: the config's fail-on, else warning)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  // One value per flag (comma-separated lists allowed), so that paths after it stay paths.
  app.add_option("--select", select, "Run only these rule IDs, ID prefixes or rule names (e.g. IAM0,SES1)")
      ->allow_extra_args(false);
  app.add_option("--ignore", ignore, "Skip these rule IDs, ID prefixes or rule names")->allow_extra_args(false);
  app.add_option("--policy-type", policy_type, "Kind of policy; auto infers it per file")
      ->check(CLI::IsMember({"auto", "identity", "resource", "ses-identity", "trust"}));
  app.add_option("--principal-kind", principal_kind,
                 "Who holds the policies where no container says; auto reads it from each policy")
      ->check(CLI::IsMember({"auto", "unknown", "user", "role", "service-role", "service"}));
  app.add_option("--input-type", input_type, "What the inputs are; auto recognises each by its shape")
      ->check(CLI::IsMember({"auto", "policy", "aws-cli", "cloudformation", "terraform"}));
  app.add_flag("--include-aws-managed", include_aws_managed,
               "Authorization-details exports: lint AWS-managed policies too");
  app.add_option("--max-file-size", max_file_size, "Largest file to read, in bytes (larger ones are an IAM000 finding)")
      ->check(CLI::Validator(
          [](std::string& text) {  // digits that fit: no sign, no wrap-around, no silent clamping
            std::size_t value = 0;
            const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
            return result.ec == std::errc() && result.ptr == text.data() + text.size() && !text.empty()
                       ? std::string()
                       : "not a size in bytes (0 to " + std::to_string(SIZE_MAX) + "): " + text;
          },
          "BYTES"));
  app.add_option("--color", color, "Colour text output (never with NO_COLOR set)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", quiet, "Text output: leave out the summary line");
  app.add_option("-j,--jobs", jobs, "Lint on this many threads (default 0: one per core); output order does not change")
      ->check(CLI::Range(0u, 1024u));
  app.add_flag("--statistics", statistics, "Instead of the text report, count the findings per rule");
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
  if (principal_kind != "auto") lint_options.principal_kind = parse_principal_kind(principal_kind);
  lint_options.max_file_size = max_file_size;
  lint_options.input_type = *parse_input_type(input_type);
  lint_options.include_aws_managed = include_aws_managed;
  std::vector<ReportTarget> targets;
  if (!resolve_selection("--select", select, lint_options.selection.select) ||
      !resolve_selection("--ignore", ignore, lint_options.selection.ignore) || !parse_targets(*this, targets))
    return kExitError;
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
  if (!read_baseline_option(baseline, accepted)) return kExitError;

  if (list_rules) {
    std::ofstream file_out;
    if (!output.empty()) file_out.open(output, std::ios::binary | std::ios::trunc);
    std::ostream& out = output.empty() ? std::cout : file_out;
    print_rules(out, project.linter_for(here).engine());
    out.flush();
    if (out) return kExitClean;
    std::cerr << fmt::format("seslint: cannot write {}\n", output.empty() ? "the output" : output);
    return kExitError;
  }
  if (paths.empty()) {
    std::cerr << "seslint: no input paths (name files or directories, or - for standard input)\n";
    return kExitError;
  }
  if (misspelt_subcommand(*this)) return kExitError;

  prepare_heap_for(paths);
  RunResult run;
  const auto inputs = expand_input_paths(paths, run.errors, &run.notices);
  std::vector<LintJob> jobs_to_run;
  if (!plan_inputs(project, fail_on, inputs, jobs_to_run, run)) return config_error();
  auto print_problems = [&] {
    for (const auto& error : run.errors) std::cerr << "seslint: " << error << '\n';
    for (const auto& notice : run.notices) std::cerr << "seslint: note: " << notice << '\n';
  };
  // Nothing to lint at all: no report claims "no findings" about files that do not exist.
  if (inputs.empty() && !run.errors.empty()) {
    print_problems();
    return kExitError;
  }
  std::vector<Report> reports(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (!open_report(*this, targets[i], i == 0, project, lint_options, run, reports[i])) return kExitError;

  // Each file goes through the baselines and into every report as soon as it and those before it
  // are linted; only counts and notes are kept.
  std::optional<BaselineMatcher> matcher;
  if (accepted) matcher.emplace(*accepted);
  Baseline fresh;
  bool failed = false;
  ProgressLine progress(std::cerr, progress_wanted(isatty(STDERR_FILENO) != 0, quiet, std::getenv("CI")));
  const bool progress_shares_terminal =  // a report printed to the terminal the progress line is on
      isatty(STDOUT_FILENO) != 0 && std::any_of(reports.begin(), reports.end(), [](const Report& r) { return r.file.empty(); });
  lint_in_order(jobs_to_run, jobs == 0 ? default_jobs() : jobs, [&](std::size_t job, FileResult part, bool last) {
    if (matcher) matcher->apply(part, last);
    if (!write_baseline.empty()) record_in_baseline(part, fresh);
    failed = failed || fails(part, run.thresholds[job]);
    if (progress_shares_terminal && !part.findings.empty()) progress.clear();  // findings print on a clean line
    for (auto& report : reports) report.writer->file(part, last);
    if (!last) return;
    progress.update(job + 1, jobs_to_run.size());
    if (!part.io_error.empty()) run.errors.push_back(fmt::format("{}: {}", part.path, part.io_error));
    if (!part.notice.empty()) run.notices.push_back(fmt::format("{}: {}", part.path, part.notice));
    for (const auto& note : part.notes) run.notices.push_back(fmt::format("{}:{}", part.path, note));
  }, [&](std::size_t job, ReadProgress read) { progress.update_bytes(job, jobs_to_run.size(), read.read, read.size); });
  progress.clear();
  if (matcher) note_stale(matcher->finish(), run.notices);
  bool baseline_written = write_baseline.empty() || save_baseline(fresh, write_baseline);
  print_problems();

  int exit_code = !run.errors.empty() || !baseline_written ? kExitError : failed ? kExitFindings : kExitClean;
  RunEnd end;
  end.exit_code = exit_code;
  for (const auto& notice : run.notices) end.notifications.push_back({notice, Level::Note});
  for (auto& report : reports)
    if (!close_report(report, end)) exit_code = kExitError;
  return exit_code;
}

std::string LintCommand::describe_command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) line += (i ? " " : "") + shell_quoted(argv[i]);
  return line;
}

}  // namespace seslint::cli
