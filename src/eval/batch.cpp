#include <nlohmann/json.hpp>

#include <optional>

#include "seslint/simulate.hpp"

namespace seslint::eval {
namespace {

std::string scalar_text(const JsonValue& value) {
  if (value.kind == JsonKind::Bool) return value.boolean ? "true" : "false";
  return value.text;
}

bool read_request(const JsonValue& node, Request& request, std::string& error) {
  auto string_field = [&](std::string_view name, std::string& out, bool required) {
    const JsonMember* member = node.find(name);
    if (member == nullptr) {
      if (required) error = "request." + std::string(name) + " is missing";
      return !required;
    }
    if (!member->value.is_string()) {
      error = "request." + std::string(name) + " must be a string";
      return false;
    }
    out = member->value.text;
    return true;
  };
  if (!node.is_object()) {
    error = "request must be an object";
    return false;
  }
  if (!string_field("action", request.action, true) || !string_field("resource", request.resource, true) ||
      !string_field("principal", request.principal, false) || !string_field("accountId", request.account_id, false))
    return false;
  if (const JsonMember* context = node.find("context"); context != nullptr && context->value.is_object()) {
    for (const auto& entry : context->value.members) {
      std::vector<std::string> values;
      if (entry.value.is_array()) {
        for (const auto& item : entry.value.items) values.push_back(scalar_text(item));
      } else {
        values.push_back(scalar_text(entry.value));
      }
      request.context.set(entry.key, std::move(values));
    }
  }
  normalize(request);
  return true;
}

// The case's id as it is echoed: a string, number, boolean or null as given; nullopt for an object
// or array (ids are scalars). Re-parsing the number's text never fails: the reader accepted it.
std::optional<nlohmann::json> case_id(const JsonValue& id) {
  switch (id.kind) {
    case JsonKind::String: return nlohmann::json(id.text);
    case JsonKind::Number: {
      auto number = nlohmann::json::parse(id.text, nullptr, false);
      return number.is_discarded() ? nlohmann::json() : number;
    }
    case JsonKind::Bool: return nlohmann::json(id.boolean);
    case JsonKind::Null: return nlohmann::json();
    case JsonKind::Array:
    case JsonKind::Object: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string run_case_line(std::string_view line) {
  nlohmann::ordered_json out;
  const ParseResult parsed = parse_json(line);
  auto fail = [&](const std::string& message) {
    out["decision"] = "Error";
    out["errors"] = nlohmann::json::array({message});
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  if (!parsed.root || !parsed.root->is_object()) {
    out["id"] = nullptr;
    return fail(parsed.error ? "invalid JSON: " + parsed.error->message : "a case must be a JSON object");
  }
  const JsonValue& root = *parsed.root;
  out["id"] = nullptr;
  if (const JsonMember* id = root.find("id"); id != nullptr) {
    const auto echoed = case_id(id->value);
    if (!echoed) return fail("id must be a string, a number, a boolean or null");
    out["id"] = *echoed;
  }
  const JsonMember* policy_member = root.find("policy");
  const JsonMember* request_member = root.find("request");
  if (policy_member == nullptr || !policy_member->value.is_object()) return fail("policy must be an object");
  if (request_member == nullptr) return fail("request is missing");
  Request request;
  std::string error;
  if (!read_request(request_member->value, request, error)) return fail(error);
  const Policy identity = build_policy(policy_member->value, PolicyKind::Identity);
  std::optional<Policy> resource;
  if (const JsonMember* rp = root.find("resourcePolicy"); rp != nullptr && rp->value.is_object())
    resource = build_policy(rp->value, PolicyKind::Resource);
  PolicySet set{{&identity}, resource ? &*resource : nullptr};
  out["decision"] = std::string(to_string(evaluate(set, request).decision));
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace seslint::eval
