#include "rules/support/managed_policies.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "seslint/arn.hpp"
#include "seslint/embedded.hpp"

namespace seslint::rules::managed {
namespace {

std::map<std::string, ManagedPolicy, std::less<>> load() {
  std::map<std::string, ManagedPolicy, std::less<>> out;
  const auto data = nlohmann::json::parse(embedded::named("managed_policies"), nullptr, false);
  if (!data.is_object() || !data.contains("policies") || !data["policies"].is_array()) return out;
  for (const auto& entry : data["policies"]) {
    ManagedPolicy policy;
    policy.name = entry.value("name", "");
    policy.grant = entry.value("grants", "") == "administrator" ? Grant::Administrator : Grant::SendAnyIdentity;
    if (entry.contains("actions"))
      for (const auto& action : entry["actions"]) policy.actions.push_back(action.get<std::string>());
    if (!policy.name.empty()) out.emplace(policy.name, std::move(policy));
  }
  return out;
}

}  // namespace

const ManagedPolicy* find_aws_managed(std::string_view arn) {
  static const auto policies = load();
  const auto parts = split_arn(arn);
  if (!parts || parts->service != "iam" || parts->account != "aws" || parts->resource.substr(0, 7) != "policy/")
    return nullptr;
  const std::string_view name = parts->resource.substr(parts->resource.rfind('/') + 1);
  const auto found = policies.find(name);
  return found == policies.end() ? nullptr : &found->second;
}

}  // namespace seslint::rules::managed
