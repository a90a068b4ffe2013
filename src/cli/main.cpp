// The seslint command: flags -> options -> Linter -> formatter -> exit code.
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error (2 wins over 1).
#include <charconv>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "seslint/lint.hpp"
#include "seslint/output.hpp"
#include "seslint/simulate.hpp"
#include "seslint/text_match.hpp"
#include "seslint/version.hpp"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

struct CliOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on = "warning";
  std::vector<std::string> select, ignore;
  std::string policy_type = "auto";
  std::string input_type = "auto";
  bool include_aws_managed = false;
  std::string color = "auto";
  std::size_t max_file_size = 16u * 1024u * 1024u;
  bool list_rules = false;
  std::string catalog_dir;
  bool quiet = false;
  std::string explain_id;
};

struct SimulateOptions {
  std::vector<std::string> policies;
  std::string resource_policy;
  std::string action, resource, principal, account;
  std::vector<std::string> context;
  std::string format = "text";
  bool batch = false;
};

bool use_color(const CliOptions& options) {
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

int explain(const std::string& wanted) {
  const auto& catalog = seslint::RuleCatalog::builtin();
  std::vector<std::string_view> names;
  for (const auto& rule : catalog.rules()) {
    if (rule.id == wanted || rule.name == wanted) {
      if (rule.doc.empty()) {
        std::cout << fmt::format("{} {}\n\n{}\n", rule.id, rule.name, rule.summary);
      } else {
        std::cout << rule.doc;
      }
      return kExitClean;
    }
    names.push_back(rule.id);
    names.push_back(rule.name);
  }
  std::cerr << fmt::format("seslint: no rule named '{}'", wanted);
  const auto near = seslint::did_you_mean(wanted, names);
  if (!near.empty()) std::cerr << fmt::format("; did you mean '{}'?", near);
  std::cerr << " (seslint --list-rules lists them)\n";
  return kExitError;
}

void list_rules(std::ostream& out, const seslint::Engine& engine) {
  for (const auto* rule : engine.enabled_rules())
    out << fmt::format("{}  {:<34} {:<8} {}\n", rule->id, rule->name, seslint::to_string(rule->level), rule->title);
}

// Reads and parses a policy file for simulate; prints file:line:col and returns nullopt on failure.
std::optional<seslint::Policy> load_policy(const std::string& path, seslint::PolicyKind kind,
                                           std::vector<std::unique_ptr<seslint::FileResult>>& keep,
                                           std::vector<std::unique_ptr<seslint::ParseResult>>& trees) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("seslint: {}: cannot open\n", path);
    return std::nullopt;
  }
  auto file = std::make_unique<seslint::FileResult>();
  file->path = path;
  file->source.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  auto tree = std::make_unique<seslint::ParseResult>(seslint::parse_json(file->source));
  if (!tree->root || !tree->root->is_object()) {
    const auto where = tree->error ? tree->error->where : seslint::Position{};
    std::cerr << fmt::format("seslint: {}:{}:{}: {}\n", path, where.line, where.column,
                             tree->error ? tree->error->message : "a policy must be a JSON object");
    return std::nullopt;
  }
  seslint::Policy policy = seslint::build_policy(*tree->root, kind);
  keep.push_back(std::move(file));
  trees.push_back(std::move(tree));
  return policy;
}

int simulate_batch() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::cout << seslint::eval::run_case_line(line) << '\n';
  }
  std::cout.flush();
  return std::cout ? kExitClean : kExitError;
}

// Like IAM, the simulator takes only actions that exist (the AWS catalog decides); services the
// catalog does not know are taken on trust.
std::string unknown_action_problem(const std::string& action) {
  const auto colon = action.find(':');
  if (colon == std::string::npos || action.find_first_of("*?") != std::string::npos)
    return fmt::format("--action '{}' must be one action, service:Name, without wildcards", action);
  const seslint::aws::Service* service = seslint::aws::Catalog::builtin().service(action.substr(0, colon));
  if (service == nullptr || service->action(action.substr(colon + 1)) != nullptr) return {};
  std::vector<std::string> names;
  for (const auto& known : service->actions) names.push_back(service->prefix + ":" + known.name);
  const std::vector<std::string_view> views(names.begin(), names.end());
  const auto suggestion = seslint::did_you_mean(action, views);
  return fmt::format("--action '{}' is not an action of {}{}", action, service->prefix,
                     suggestion.empty() ? std::string() : fmt::format("; did you mean '{}'?", suggestion));
}

int simulate(const SimulateOptions& options) {
  if (options.batch) return simulate_batch();
  if (options.policies.empty() || options.action.empty() || options.resource.empty()) {
    std::cerr << "seslint: simulate needs POLICY.json, --action and --resource (or --batch)\n";
    return kExitError;
  }
  if (const auto problem = unknown_action_problem(options.action); !problem.empty()) {
    std::cerr << "seslint: " << problem << '\n';
    return kExitError;
  }
  std::vector<std::unique_ptr<seslint::FileResult>> files;
  std::vector<std::unique_ptr<seslint::ParseResult>> trees;
  std::vector<seslint::Policy> identity;
  identity.reserve(options.policies.size());
  for (const auto& path : options.policies) {
    auto policy = load_policy(path, seslint::PolicyKind::Identity, files, trees);
    if (!policy) return kExitError;
    identity.push_back(std::move(*policy));
  }
  std::optional<seslint::Policy> resource;
  if (!options.resource_policy.empty()) {
    resource = load_policy(options.resource_policy, seslint::PolicyKind::Resource, files, trees);
    if (!resource) return kExitError;
  }
  seslint::eval::Request request{options.action, options.resource, options.principal, options.account, {}};
  std::map<std::string, std::vector<std::string>> context;
  for (const auto& item : options.context) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << fmt::format("seslint: --context takes KEY=VALUE, got '{}'\n", item);
      return kExitError;
    }
    context[item.substr(0, eq)].push_back(item.substr(eq + 1));
  }
  for (auto& [key, values] : context) request.context.set(key, std::move(values));
  seslint::eval::normalize(request);
  seslint::eval::PolicySet set;
  for (const auto& policy : identity) set.identity.push_back(&policy);
  if (resource) set.resource = &*resource;
  const auto result = seslint::eval::evaluate(set, request);
  // Which file a deciding statement came from: identity policies in order, then the resource policy.
  auto path_of = [&](const seslint::Policy* policy) -> std::string {
    for (std::size_t i = 0; i < identity.size(); ++i)
      if (&identity[i] == policy) return options.policies[i];
    return options.resource_policy;
  };
  if (options.format == "json") {
    std::cout << "{\"decision\": \"" << seslint::eval::to_string(result.decision) << "\", \"statements\": [";
    for (std::size_t i = 0; i < result.deciding.size(); ++i) {
      const auto& d = result.deciding[i];
      const auto& span = d.statement->node->span;
      std::cout << (i ? ", " : "")
                << fmt::format("{{\"path\": \"{}\", \"line\": {}, \"column\": {}, \"pointer\": \"{}\", \"effect\": \"{}\"}}",
                               path_of(d.policy), span.begin.line, span.begin.column, d.statement->node->pointer,
                               d.statement->effect == seslint::Effect::Deny ? "Deny" : "Allow");
    }
    std::cout << "]}\n";
    return kExitClean;
  }
  std::cout << seslint::eval::to_string(result.decision) << '\n';
  for (const auto& d : result.deciding) {
    const auto& span = d.statement->node->span;
    std::cout << fmt::format("  {}:{}:{}: {} ({})\n", path_of(d.policy), span.begin.line, span.begin.column,
                             d.statement->label(), d.statement->effect == seslint::Effect::Deny ? "Deny" : "Allow");
  }
  return kExitClean;
}

int lint(const CliOptions& options) {
  seslint::LintOptions lint_options;
  if (options.policy_type != "auto") lint_options.policy_type = seslint::parse_policy_kind(options.policy_type);
  lint_options.max_file_size = options.max_file_size;
  lint_options.input_type = *seslint::parse_input_type(options.input_type);
  lint_options.include_aws_managed = options.include_aws_managed;
  lint_options.selection.select = split_ids(options.select);
  lint_options.selection.ignore = split_ids(options.ignore);
  std::unique_ptr<seslint::aws::Catalog> aws_catalog;
  if (!options.catalog_dir.empty()) {
    std::vector<std::string> problems;
    aws_catalog = seslint::aws::Catalog::load_service_reference(options.catalog_dir, problems);
    for (const auto& problem : problems) std::cerr << "seslint: --catalog: " << problem << '\n';
    if (aws_catalog->service_prefixes().empty()) return kExitError;
    lint_options.aws_catalog = aws_catalog.get();
  }
  const seslint::Linter linter(lint_options);

  std::ofstream file_out;
  if (!options.output.empty()) {
    file_out.open(options.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      std::cerr << fmt::format("seslint: cannot write {}\n", options.output);
      return kExitError;
    }
  }
  std::ostream& out = options.output.empty() ? std::cout : file_out;
  if (options.list_rules) {
    list_rules(out, linter.engine());
    return kExitClean;
  }
  if (options.paths.empty()) {
    std::cerr << "seslint: no input paths (name files or directories, or - for standard input)\n";
    return kExitError;
  }

  std::vector<std::string> errors;
  const auto inputs = seslint::expand_input_paths(options.paths, errors);
  const std::size_t path_errors = errors.size();
  seslint::LintReport report;
  std::vector<std::string> notices;
  for (const auto& input : inputs) {
    report.files.push_back(linter.lint_path(input.path, input.named));
    const auto& file = report.files.back();
    if (!file.io_error.empty()) errors.push_back(fmt::format("{}: {}", file.path, file.io_error));
    if (!file.notice.empty()) notices.push_back(fmt::format("{}: {}", file.path, file.notice));
  }
  for (const auto& error : errors) std::cerr << "seslint: " << error << '\n';
  for (const auto& notice : notices) std::cerr << "seslint: note: " << notice << '\n';

  if (options.format == "json") {
    seslint::write_json(out, report);
  } else if (options.format == "sarif") {
    seslint::SarifOptions sarif{std::string(seslint::version()), linter.engine().enabled_rules(), {}};
    for (std::size_t i = 0; i < path_errors; ++i) sarif.notifications.push_back({errors[i], seslint::Level::Error});
    for (const auto& notice : notices) sarif.notifications.push_back({notice, seslint::Level::Note});
    seslint::write_sarif(out, report, sarif);
  } else {
    seslint::write_text(out, report, {use_color(options), !options.quiet});
  }
  out.flush();
  if (!out) {
    std::cerr << "seslint: cannot write the output\n";
    return kExitError;
  }
  if (!errors.empty()) return kExitError;
  if (options.fail_on == "never") return kExitClean;
  return report.count(*seslint::parse_level(options.fail_on)) > 0 ? kExitFindings : kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  CliOptions options;
  CLI::App app{"seslint: a linter for AWS IAM policies and Amazon SES sending authorization"};
  app.set_version_flag("--version", fmt::format("seslint {}", seslint::version()));
  app.add_option("paths", options.paths,
                 "Policy files, exports, templates, plans, or directories (*.json, *.yaml, *.yml, *.template, "
                 "recursive); - reads standard input");
  app.add_option("-f,--format", options.format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}));
  app.add_option("-o,--output", options.output, "Write the report to FILE instead of standard output");
  app.add_option("--fail-on", options.fail_on, "Exit 1 when a finding is at or above this level")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  // One value per flag (comma-separated lists allowed), so that paths after it stay paths.
  app.add_option("--select", options.select, "Run only these rule IDs or ID prefixes (e.g. IAM0,SES1)")
      ->allow_extra_args(false);
  app.add_option("--ignore", options.ignore, "Skip these rule IDs or ID prefixes")->allow_extra_args(false);
  app.add_option("--policy-type", options.policy_type, "Kind of policy; auto infers it per file")
      ->check(CLI::IsMember({"auto", "identity", "resource", "ses-identity"}));
  app.add_option("--input-type", options.input_type, "What the inputs are; auto recognises each by its shape")
      ->check(CLI::IsMember({"auto", "policy", "aws-cli", "cloudformation", "terraform"}));
  app.add_flag("--include-aws-managed", options.include_aws_managed,
               "Authorization-details exports: lint AWS-managed policies too");
  app.add_option("--max-file-size", options.max_file_size, "Largest file to read, in bytes (larger ones are an IAM000 finding)")
      ->check(CLI::Validator(
          [](std::string& text) {  // digits that fit: no sign, no wrap-around, no silent clamping
            std::size_t value = 0;
            const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
            return result.ec == std::errc() && result.ptr == text.data() + text.size() && !text.empty()
                       ? std::string()
                       : "not a size in bytes (0 to " + std::to_string(SIZE_MAX) + "): " + text;
          },
          "BYTES"));
  app.add_option("--color", options.color, "Colour text output (never with NO_COLOR set)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", options.quiet, "Text output: leave out the summary line");
  app.add_option("--catalog", options.catalog_dir,
                 "Use AWS's Service Reference JSON files in DIR (one per service) instead of the built-in catalog");
  app.add_flag("--list-rules", options.list_rules, "List the rules (after --select/--ignore) and exit");
  auto* explain_cmd = app.add_subcommand("explain", "Print a rule's documentation");
  explain_cmd->add_option("rule", options.explain_id, "Rule ID or name, e.g. IAM001 or duplicate-key")->required();

  SimulateOptions sim;
  auto* simulate_cmd = app.add_subcommand("simulate", "Evaluate a request against policies (IAM evaluation logic)");
  simulate_cmd->add_option("policies", sim.policies, "Identity policy files");
  simulate_cmd->add_option("--resource-policy", sim.resource_policy, "Resource policy (e.g. an SES identity policy)");
  simulate_cmd->add_option("--action", sim.action, "Action, e.g. ses:SendRawEmail");
  simulate_cmd->add_option("--resource", sim.resource, "Resource ARN");
  simulate_cmd->add_option("--principal", sim.principal, "Caller ARN (default: a user in the resource's account)");
  simulate_cmd->add_option("--account", sim.account, "Resource owner account (default: from the resource ARN)");
  simulate_cmd->add_option("--context", sim.context, "Context value KEY=VALUE; repeat a key for several values")
      ->allow_extra_args(false);
  simulate_cmd->add_option("-f,--format", sim.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  simulate_cmd->add_flag("--batch", sim.batch, "Read JSON Lines cases on stdin, write {id, decision} lines");

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
    if (explain_cmd->parsed()) return explain(options.explain_id);
    if (simulate_cmd->parsed()) return simulate(sim);
    return lint(options);
  } catch (const std::exception& e) {
    std::cerr << "seslint: internal error: " << e.what() << '\n';
    return kExitError;
  }
}
