// `seslint simulate`: evaluates one request against identity and resource policies, or a batch of
// JSON Lines cases, with IAM's evaluation logic.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "seslint/arn.hpp"
#include "seslint/audit.hpp"
#include "seslint/lint.hpp"
#include "seslint/simulate.hpp"
#include "seslint/text_match.hpp"

namespace seslint::cli {
namespace {

// Reads and parses a policy file for simulate; prints file:line:col and returns nullopt on failure.
std::optional<Policy> load_policy(const std::string& path, PolicyKind kind,
                                  std::vector<std::unique_ptr<FileResult>>& keep,
                                  std::vector<std::unique_ptr<ParseResult>>& trees) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("seslint: {}: cannot open\n", path);
    return std::nullopt;
  }
  auto file = std::make_unique<FileResult>();
  file->path = path;
  file->source.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  auto tree = std::make_unique<ParseResult>(parse_json(file->source));
  if (!tree->root || !tree->root->is_object()) {
    const auto where = tree->error ? tree->error->where : Position{};
    std::cerr << fmt::format("seslint: {}:{}:{}: {}\n", path, where.line, where.column,
                             tree->error ? tree->error->message : "a policy must be a JSON object");
    return std::nullopt;
  }
  Policy policy = build_policy(*tree->root, kind);
  keep.push_back(std::move(file));
  trees.push_back(std::move(tree));
  return policy;
}

int simulate_batch() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::cout << eval::run_case_line(line) << '\n';
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
  const aws::Service* service = aws::Catalog::builtin().service(action.substr(0, colon));
  if (service == nullptr || service->action(action.substr(colon + 1)) != nullptr) return {};
  std::vector<std::string> names;
  for (const auto& known : service->actions) names.push_back((service->prefix + ":").append(known.name));
  const std::vector<std::string_view> views(names.begin(), names.end());
  const auto suggestion = did_you_mean(action, views);
  return fmt::format("--action '{}' is not an action of {}{}", action, service->prefix,
                     suggestion.empty() ? std::string() : fmt::format("; did you mean '{}'?", suggestion));
}

// Context keys are checked against the catalog like actions: a misspelt key would silently be a
// missing key. Keys of services the catalog does not know are taken on trust.
std::string unknown_context_key_problem(const std::string& key, const std::string& action) {
  const aws::Catalog& catalog = aws::Catalog::builtin();
  const auto colon = key.find(':');
  if (colon == std::string::npos) return fmt::format("--context key '{}' must be prefix:Name, e.g. aws:SourceIp", key);
  const std::string prefix = key.substr(0, colon);
  if (catalog.find_key(key) != nullptr) return {};
  if (!iequals(prefix, "aws") && catalog.services_for_key_prefix(prefix).empty()) return {};
  std::vector<std::string> names;
  for (const auto& known : catalog.global_keys()) names.emplace_back(known.name);
  if (const aws::Service* service = catalog.service(action.substr(0, action.find(':'))))
    for (const auto& known : service->keys) names.emplace_back(known.name);
  const std::vector<std::string_view> views(names.begin(), names.end());
  const auto suggestion = did_you_mean(key, views);
  return fmt::format("--context key '{}' is not a condition key the AWS catalog knows{}", key,
                     suggestion.empty() ? std::string() : fmt::format("; did you mean '{}'?", suggestion));
}

// An identity's name, or a near miss of an identity ARN in the model, gets its ARN as the suggestion.
std::string resource_problem(const std::string& resource, const audit::AccountModel* model) {
  if (split_arn(resource)) return {};
  std::vector<std::string_view> arns;
  std::string suggestion;
  if (model != nullptr)
    for (const auto& identity : model->identities) {
      arns.push_back(identity.arn);
      if (identity.name == resource) suggestion = identity.arn;
    }
  if (suggestion.empty()) suggestion = std::string(did_you_mean(resource, arns));
  if (suggestion.empty() && resource.find_first_of(":/") == std::string::npos && resource.find('.') != std::string::npos)
    suggestion = fmt::format("arn:aws:ses:REGION:ACCOUNT:identity/{}", resource);
  return fmt::format("--resource '{}' is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE){}", resource,
                     suggestion.empty() ? std::string() : fmt::format("; did you mean '{}'?", suggestion));
}

// A file is read as one policy only when it is one (a JSON object with a Statement); anything else
// (an account export, an SES output, a template) makes the run an account simulation.
bool is_plain_policy_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error) || path.ends_with(".yaml") || path.ends_with(".yml") ||
      path.ends_with(".template"))
    return false;  // directories and templates are read as an account
  std::ifstream in(path, std::ios::binary);
  if (!in) return true;  // load_policy says why
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const ParseResult parsed = parse_json(text);
  return !in.bad() && (!parsed.root || (parsed.root->is_object() && parsed.root->find("Statement") != nullptr));
}

struct DecidingRow {
  std::string path, document;  // document: the policy's name in an account ("user/bob inline policy P")
  const Statement* statement = nullptr;
};

void print_decision(const std::string& format, eval::Decision decision, const std::vector<DecidingRow>& rows,
                    const std::string& note) {
  if (format == "json") {
    nlohmann::ordered_json statements = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      const auto& span = row.statement->node->span;
      nlohmann::ordered_json item = {{"path", row.path}, {"line", span.begin.line}, {"column", span.begin.column},
                                     {"pointer", row.statement->node->pointer},
                                     {"effect", row.statement->effect == Effect::Deny ? "Deny" : "Allow"}};
      if (!row.document.empty()) item["document"] = row.document;
      statements.push_back(std::move(item));
    }
    nlohmann::ordered_json out = {{"decision", eval::to_string(decision)}, {"statements", statements}};
    if (!note.empty()) out["note"] = note;
    std::cout << out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    return;
  }
  std::cout << eval::to_string(decision) << '\n';
  for (const auto& row : rows) {
    const auto& span = row.statement->node->span;
    std::cout << fmt::format("  {}:{}:{}: {}{} ({})\n", row.path, span.begin.line, span.begin.column,
                             row.document.empty() ? "" : row.document + " ", row.statement->label(),
                             row.statement->effect == Effect::Deny ? "Deny" : "Allow");
  }
  if (!note.empty()) std::cout << "  note: " << note << '\n';
}

}  // namespace

CLI::App* SimulateCommand::add_to(CLI::App& app) {
  auto* command = app.add_subcommand("simulate", "Evaluate a request against policies (IAM evaluation logic)");
  command->add_option("policies", policies,
                      "Identity policy files, or an account export with --principal (plus SES identity policies)");
  command->add_option("--resource-policy", resource_policy, "Resource policy (e.g. an SES identity policy)");
  command->add_option("--action", action, "Action, e.g. ses:SendRawEmail");
  command->add_option("--resource", resource, "Resource ARN");
  command->add_option("--principal", principal, "Caller ARN (default: a user in the resource's account)");
  command->add_option("--account", account, "Resource owner account (default: from the resource ARN)");
  command->add_option("--context", context, "Context value KEY=VALUE; repeat a key for several values")
      ->allow_extra_args(false);
  command->add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--batch", batch, "Read JSON Lines cases on stdin, write {id, decision} lines");
  command->add_option("--expect", expect, "Exit 0 when the decision is this, 1 otherwise (deny: either denial)")
      ->check(CLI::IsMember({"allow", "deny"}));
  return command;
}

int SimulateCommand::run() const {
  if (batch) return simulate_batch();
  if (policies.empty() || action.empty() || resource.empty()) {
    std::cerr << "seslint: simulate needs POLICY.json, --action and --resource (or --batch)\n";
    return kExitError;
  }
  if (const auto problem = unknown_action_problem(action); !problem.empty()) {
    std::cerr << "seslint: " << problem << '\n';
    return kExitError;
  }
  eval::Request request{action, resource, principal, account, {}};
  std::map<std::string, std::vector<std::string>> values_by_key;
  for (const auto& item : context) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << fmt::format("seslint: --context takes KEY=VALUE, got '{}'\n", item);
      return kExitError;
    }
    const std::string key = item.substr(0, eq);
    if (const auto problem = unknown_context_key_problem(key, action); !problem.empty()) {
      std::cerr << "seslint: " << problem << '\n';
      return kExitError;
    }
    values_by_key[key].push_back(item.substr(eq + 1));
  }
  for (auto& [key, values] : values_by_key) request.context.set(key, std::move(values));
  const bool account_mode = !std::all_of(policies.begin(), policies.end(), is_plain_policy_file);
  const int status = account_mode ? simulate_account(std::move(request)) : simulate_policies(std::move(request));
  return status;
}

int SimulateCommand::conclude(eval::Decision decision) const {
  if (expect.empty()) return kExitClean;
  const bool allowed = decision == eval::Decision::Allowed;
  if (allowed == (expect == "allow")) return kExitClean;
  std::cerr << fmt::format("seslint: expected {}, got {}\n", expect, eval::to_string(decision));
  return kExitFindings;
}

int SimulateCommand::simulate_account(eval::Request request) const {
  std::vector<std::string> paths = policies;
  if (!resource_policy.empty()) paths.push_back(resource_policy);
  const audit::AccountModel model = audit::load_account(paths);
  for (const auto& error : model.errors) std::cerr << "seslint: " << error << '\n';
  for (const auto& note : model.notes) std::cerr << "seslint: " << note << '\n';  // a file that holds no policy
  if (!model.errors.empty() || !model.notes.empty()) return kExitError;
  if (const auto problem = resource_problem(resource, &model); !problem.empty()) {
    std::cerr << "seslint: " << problem << '\n';
    return kExitError;
  }
  if (principal.empty()) {
    std::cerr << "seslint: simulate on an account needs --principal ARN (the user, role or account that asks)\n";
    return kExitError;
  }
  const audit::ModelPrincipal* holder = audit::find_principal(model, principal);
  if (holder == nullptr) {
    std::vector<std::string_view> arns;
    for (const auto& known : model.principals) arns.push_back(known.arn);
    const auto suggestion = did_you_mean(principal, arns);
    std::cerr << fmt::format("seslint: --principal '{}' is not in the account{}\n", principal,
                             suggestion.empty() ? std::string() : fmt::format("; did you mean '{}'?", suggestion));
    return kExitError;
  }
  if (!holder->undetermined.empty()) {
    for (const auto& reason : holder->undetermined) std::cerr << "seslint: cannot decide: " << reason << '\n';
    return kExitError;
  }
  const auto result = audit::simulate_in_account(model, *holder, std::move(request));
  std::vector<DecidingRow> rows;
  for (const auto& d : result.deciding) rows.push_back({d.policy->path, d.policy->label, d.statement});
  print_decision(format, result.decision, rows, result.note);
  if (!std::cout) return kExitError;
  return conclude(result.decision);
}

int SimulateCommand::simulate_policies(eval::Request request) const {
  if (const auto problem = resource_problem(resource, nullptr); !problem.empty()) {
    std::cerr << "seslint: " << problem << '\n';
    return kExitError;
  }
  if (!resource_policy.empty() && !is_plain_policy_file(resource_policy)) {
    std::cerr << fmt::format("seslint: {}: not one policy (a JSON object with a Statement); give SES outputs and "
                             "other containers beside an account export and --principal\n", resource_policy);
    return kExitError;
  }
  std::vector<std::unique_ptr<FileResult>> files;
  std::vector<std::unique_ptr<ParseResult>> trees;
  std::vector<Policy> identity;
  identity.reserve(policies.size());
  for (const auto& path : policies) {
    auto policy = load_policy(path, PolicyKind::Identity, files, trees);
    if (!policy) return kExitError;
    identity.push_back(std::move(*policy));
  }
  std::optional<Policy> resource_side;
  if (!resource_policy.empty()) {
    resource_side = load_policy(resource_policy, PolicyKind::Resource, files, trees);
    if (!resource_side) return kExitError;
  }
  eval::normalize(request);
  eval::PolicySet set;
  for (const auto& policy : identity) set.identity.push_back(&policy);
  if (resource_side) set.resource = &*resource_side;
  const auto result = eval::evaluate(set, request);
  // Which file a deciding statement came from: identity policies in order, then the resource policy.
  auto path_of = [&](const Policy* policy) -> std::string {
    for (std::size_t i = 0; i < identity.size(); ++i)
      if (&identity[i] == policy) return policies[i];
    return resource_policy;
  };
  std::vector<DecidingRow> rows;
  for (const auto& d : result.deciding) rows.push_back({path_of(d.policy), {}, d.statement});
  print_decision(format, result.decision, rows, {});
  if (!std::cout) return kExitError;
  return conclude(result.decision);
}

}  // namespace seslint::cli
