// The resources of a Terraform plan with their configuration and unknowns (see terraform_plan.hpp).
#include "inputs/terraform_plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "inputs/container_support.hpp"

namespace seslint::inputs {
namespace {

void collect_expressions(const JsonValue& module, const std::string& prefix,
                         std::map<std::string, const JsonValue*>& out) {
  if (const JsonValue* list = field(module, "resources"); list != nullptr && list->is_array())
    for (const auto& resource : list->items)
      if (const JsonValue* expressions = field(resource, "expressions"))
        out.emplace(prefix + std::string(text_field(resource, "address")), expressions);
  if (const JsonValue* calls = field(module, "module_calls"); calls != nullptr && calls->is_object())
    for (const auto& call : calls->members)
      if (const JsonValue* child = field(call.value, "module"))
        collect_expressions(*child, fmt::format("{}module.{}.", prefix, call.key), out);
}

}  // namespace

std::string without_instance_keys(std::string_view address) {
  std::string out;
  bool in_key = false, quoted = false, escaped = false;
  for (char c : address) {
    if (!in_key) {
      if (c == '[') in_key = true;
      else out += c;
    } else if (escaped) {
      escaped = false;
    } else if (quoted) {
      if (c == '\\') escaped = true;
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ']') {
      in_key = false;
    }
  }
  return out;
}

TerraformPlan::TerraformPlan(const JsonValue& root) {
  std::map<std::string, const JsonValue*> expressions, after_unknown;
  if (const JsonValue* configuration = field(root, "configuration"))
    if (const JsonValue* module = field(*configuration, "root_module")) collect_expressions(*module, "", expressions);
  if (const JsonValue* changes = field(root, "resource_changes"); changes != nullptr && changes->is_array())
    for (const auto& change : changes->items)
      if (const JsonValue* body = field(change, "change"))
        if (const JsonValue* unknown = field(*body, "after_unknown"))
          after_unknown.emplace(text_field(change, "address"), unknown);
  for (std::string_view section : {"planned_values", "values"})
    if (const JsonValue* values = field(root, section))
      if (const JsonValue* module = field(*values, "root_module")) collect_resources(*module);
  for (auto& resource : resources_) {
    const auto e = expressions.find(resource.config_address);
    if (e != expressions.end()) resource.expressions = e->second;
    const auto u = after_unknown.find(resource.address);
    if (u != after_unknown.end()) resource.after_unknown = u->second;
    by_config_address_.emplace(resource.config_address, &resource);
  }
}

void TerraformPlan::collect_resources(const JsonValue& module) {
  if (const JsonValue* list = field(module, "resources"); list != nullptr && list->is_array())
    for (const auto& item : list->items) {
      const JsonValue* values = field(item, "values");
      if (values == nullptr || text_field(item, "mode") != "managed") continue;
      PlanResource& resource = resources_.emplace_back();
      resource.address = std::string(text_field(item, "address"));
      resource.config_address = without_instance_keys(resource.address);
      resource.type = std::string(text_field(item, "type"));
      const std::string tail = fmt::format("{}.{}", resource.type, text_field(item, "name"));
      resource.module = resource.config_address.ends_with(tail)
                            ? resource.config_address.substr(0, resource.config_address.size() - tail.size())
                            : std::string();
      resource.item = &item;
      resource.values = values;
    }
  if (const JsonValue* children = field(module, "child_modules"); children != nullptr && children->is_array())
    for (const auto& child : children->items) collect_resources(child);
}

bool TerraformPlan::is_unknown(const PlanResource& resource, std::string_view attribute) {
  const JsonValue* value = field(*resource.values, attribute);
  const JsonValue* flagged = resource.after_unknown != nullptr ? field(*resource.after_unknown, attribute) : nullptr;
  const bool pending = value == nullptr || (flagged != nullptr && flagged->kind == JsonKind::Bool && flagged->boolean);
  return pending && resource.expressions != nullptr && field(*resource.expressions, attribute) != nullptr;
}

std::vector<const PlanResource*> TerraformPlan::referenced(const PlanResource& from, const JsonValue* expression,
                                                           const Filter& wanted) const {
  std::vector<const PlanResource*> out;
  const JsonValue* references = expression != nullptr ? field(*expression, "references") : nullptr;
  if (references == nullptr || !references->is_array()) return out;
  for (const auto& reference : references->items) {
    if (!reference.is_string()) continue;
    const auto [first, last] = by_config_address_.equal_range(from.module + reference.text.str());
    std::vector<const PlanResource*> found;
    for (auto it = first; it != last; ++it)
      if (wanted(*it->second)) found.push_back(it->second);
    if (found.size() > 1) {  // count/for_each: the instance with the referring resource's key
      const auto open = from.address.rfind('[');
      const std::string key = open == std::string::npos ? std::string() : from.address.substr(open);
      const auto same_key = std::find_if(found.begin(), found.end(), [&](const PlanResource* candidate) {
        return !key.empty() && candidate->address.ends_with(key);
      });
      if (same_key != found.end()) found = {*same_key};
    }
    for (const PlanResource* candidate : found)
      if (std::find(out.begin(), out.end(), candidate) == out.end()) out.push_back(candidate);
  }
  return out;
}

std::vector<const PlanResource*> TerraformPlan::referenced(const PlanResource& from, std::string_view attribute,
                                                           const Filter& wanted) const {
  if (from.expressions == nullptr) return {};
  return referenced(from, field(*from.expressions, attribute), wanted);
}

}  // namespace seslint::inputs
