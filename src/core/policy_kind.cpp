#include "seslint/arn.hpp"
#include "seslint/policy.hpp"
#include "seslint/text_match.hpp"

namespace seslint {

std::string_view to_string(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::Identity: return "identity";
    case PolicyKind::Resource: return "resource";
    case PolicyKind::SesIdentity: return "ses-identity";
    case PolicyKind::Trust: return "trust";
  }
  return "";
}

std::optional<PolicyKind> parse_policy_kind(std::string_view text) {
  if (text == "identity") return PolicyKind::Identity;
  if (text == "resource") return PolicyKind::Resource;
  if (text == "ses-identity") return PolicyKind::SesIdentity;
  if (text == "trust") return PolicyKind::Trust;
  return std::nullopt;
}

namespace {

bool is_ses_action(std::string_view action) {
  return action.size() > 4 && iequals(action.substr(0, 4), "ses:");
}

bool names_ses_identity(std::string_view resource) {
  const auto arn = split_arn(resource);
  return arn && arn->service == "ses" && arn->resource.substr(0, 9) == "identity/";
}

// A role trust policy, read from the text alone only when nothing else fits: every statement names
// a Principal (or NotPrincipal) and has Action values, all of them trust actions. sts:* or a
// NotAction leaves it a resource policy (a plain file cannot say more).
bool trust_shaped(const Policy& policy) {
  if (policy.statements.empty()) return false;
  for (const auto& statement : policy.statements) {
    if (!statement.principal || !statement.action || statement.action->negated || statement.action->values.empty())
      return false;
    for (const auto& action : statement.action->values)
      if (!is_trust_action(action.text)) return false;
  }
  return true;
}

}  // namespace

bool is_trust_action(std::string_view action) {
  if (action.size() <= 4 || !iequals(action.substr(0, 4), "sts:")) return false;
  const std::string_view name = action.substr(4);
  return (name.size() >= 10 && iequals(name.substr(0, 10), "AssumeRole")) || iequals(name, "TagSession") ||
         iequals(name, "SetSourceIdentity") || iequals(name, "SetContext");
}

PolicyKind infer_policy_kind(const Policy& policy) {
  bool has_principal = false, all_ses_actions = true, any_action = false, names_identity = false;
  for (const auto& statement : policy.statements) {
    if (statement.principal) has_principal = true;
    if (statement.action) {
      for (const auto& action : statement.action->values) {
        any_action = true;
        if (statement.action->negated || !is_ses_action(action.text)) all_ses_actions = false;
      }
    }
    if (statement.resource && !statement.resource->negated)
      for (const auto& resource : statement.resource->values)
        if (names_ses_identity(resource.text)) names_identity = true;
  }
  if (!has_principal) return PolicyKind::Identity;
  if (trust_shaped(policy)) return PolicyKind::Trust;
  if ((any_action && all_ses_actions) || names_identity) return PolicyKind::SesIdentity;
  return PolicyKind::Resource;
}

}  // namespace seslint
