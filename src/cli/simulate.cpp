// `seslint simulate`: evaluates one request against identity and resource policies, or a batch of
// JSON Lines cases, with IAM's evaluation logic.
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
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
  for (const auto& known : service->actions) names.push_back(service->prefix + ":" + known.name);
  const std::vector<std::string_view> views(names.begin(), names.end());
  const auto suggestion = did_you_mean(action, views);
  return fmt::format("--action '{}' is not an action of {}{}", action, service->prefix,
                     suggestion.empty() ? std::string() : fmt::format("; did you mean '{}'?", suggestion));
}

}  // namespace

CLI::App* SimulateCommand::add_to(CLI::App& app) {
  auto* command = app.add_subcommand("simulate", "Evaluate a request against policies (IAM evaluation logic)");
  command->add_option("policies", policies, "Identity policy files");
  command->add_option("--resource-policy", resource_policy, "Resource policy (e.g. an SES identity policy)");
  command->add_option("--action", action, "Action, e.g. ses:SendRawEmail");
  command->add_option("--resource", resource, "Resource ARN");
  command->add_option("--principal", principal, "Caller ARN (default: a user in the resource's account)");
  command->add_option("--account", account, "Resource owner account (default: from the resource ARN)");
  command->add_option("--context", context, "Context value KEY=VALUE; repeat a key for several values")
      ->allow_extra_args(false);
  command->add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--batch", batch, "Read JSON Lines cases on stdin, write {id, decision} lines");
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
  eval::Request request{action, resource, principal, account, {}};
  std::map<std::string, std::vector<std::string>> values_by_key;
  for (const auto& item : context) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << fmt::format("seslint: --context takes KEY=VALUE, got '{}'\n", item);
      return kExitError;
    }
    values_by_key[item.substr(0, eq)].push_back(item.substr(eq + 1));
  }
  for (auto& [key, values] : values_by_key) request.context.set(key, std::move(values));
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
  if (format == "json") {
    std::cout << "{\"decision\": \"" << eval::to_string(result.decision) << "\", \"statements\": [";
    for (std::size_t i = 0; i < result.deciding.size(); ++i) {
      const auto& d = result.deciding[i];
      const auto& span = d.statement->node->span;
      std::cout << (i ? ", " : "")
                << fmt::format("{{\"path\": \"{}\", \"line\": {}, \"column\": {}, \"pointer\": \"{}\", \"effect\": \"{}\"}}",
                               path_of(d.policy), span.begin.line, span.begin.column, d.statement->node->pointer,
                               d.statement->effect == Effect::Deny ? "Deny" : "Allow");
    }
    std::cout << "]}\n";
    return kExitClean;
  }
  std::cout << eval::to_string(result.decision) << '\n';
  for (const auto& d : result.deciding) {
    const auto& span = d.statement->node->span;
    std::cout << fmt::format("  {}:{}:{}: {} ({})\n", path_of(d.policy), span.begin.line, span.begin.column,
                             d.statement->label(), d.statement->effect == Effect::Deny ? "Deny" : "Allow");
  }
  return kExitClean;
}

}  // namespace seslint::cli
