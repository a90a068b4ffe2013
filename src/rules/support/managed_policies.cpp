#include "rules/support/managed_policies.hpp"

#include <map>

#include "seslint/arn.hpp"
#include "seslint/embedded_data.hpp"

namespace seslint::rules::managed {
namespace {

std::map<std::string, ManagedPolicy, std::less<>> load() {
  std::map<std::string, ManagedPolicy, std::less<>> out;
  const auto policies = embedded::data("managed_policies").find("policies");
  if (!policies || !policies->is_array()) return out;
  for (const auto entry : *policies) {
    ManagedPolicy policy;
    policy.name = entry.text_or("name", "");
    policy.grant = entry.text_or("grants", "") == "administrator" ? Grant::Administrator : Grant::SendAnyIdentity;
    if (const auto actions = entry.find("actions")) policy.actions = actions->strings();
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
