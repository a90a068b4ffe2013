#include "audit/scope_key.hpp"

#include <algorithm>
#include <vector>

#include "seslint/arn.hpp"
#include "seslint/text_match.hpp"

namespace seslint::audit {
namespace {

void append_list(std::string& out, const std::optional<ValueList>& list) {
  if (!list) return out.append("-;"), void();
  out += list->negated ? "!" : "";
  for (const auto& value : list->values) out.append(value.text).push_back('\x1f');
  out.push_back(';');
}

}  // namespace

bool names_principal(const Statement& statement, const std::string& principal) {
  if (!statement.principal) return false;
  if (statement.principal->wildcard || statement.principal->negated) return true;
  const auto arn = split_arn(principal);
  const std::string account = arn ? std::string(arn->account) : std::string();
  for (const auto& entry : statement.principal->entries)
    for (const auto& value : entry.values) {
      const std::string_view v = value.text;
      if (v == principal || v.find_first_of("*?") != std::string_view::npos) return true;
      if (!account.empty() && (v == account || v == "arn:aws:iam::" + account + ":root")) return true;
    }
  return false;
}

const std::string& ScopeKeys::fingerprint(const Policy& policy) {
  auto [it, fresh] = fingerprints_.try_emplace(&policy);
  if (!fresh) return it->second;
  std::string& out = it->second;
  out.append(policy.version_text()).push_back('|');
  for (const auto& statement : policy.statements) {
    out += statement.effect == Effect::Allow ? "A" : statement.effect == Effect::Deny ? "D" : "?";
    append_list(out, statement.action);
    append_list(out, statement.resource);
    for (const auto& clause : statement.clauses) {
      out.append(statement.operator_of(clause).member->key).push_back('\x1e');
      out.append(clause.key_member->key).push_back('\x1e');
      for (const auto& value : clause.values) out.append(value.text).push_back('\x1f');
    }
    out.push_back('\n');
  }
  return out;
}

bool ScopeKeys::principal_sensitive(const Policy& policy) {
  auto [it, fresh] = sensitive_.try_emplace(&policy, false);
  if (!fresh) return it->second;
  for (const auto& statement : policy.statements) {
    for (const auto& clause : statement.clauses) {
      const std::string key = to_lower(clause.key_member->key);
      if (key.starts_with("aws:principal") || key == "aws:username" || key == "aws:userid" || key.starts_with("iam:"))
        it->second = true;
      for (const auto& value : clause.values)
        if (value.text.find("${") != std::string::npos) it->second = true;
    }
    if (statement.resource)
      for (const auto& value : statement.resource->values)
        if (value.text.find("${") != std::string_view::npos) it->second = true;
  }
  return it->second;
}

std::string ScopeKeys::key(const SendScope& scope, bool bounded_user) {
  bool sensitive = false;
  std::vector<const std::string*> parts;
  for (const Policy* policy : scope.policies.identity) {
    parts.push_back(&fingerprint(*policy));
    sensitive = sensitive || principal_sensitive(*policy);
  }
  std::sort(parts.begin(), parts.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  std::string out;
  for (const std::string* part : parts) out.append(*part).push_back('\x1d');
  out += scope.boundary != nullptr ? "B" + fingerprint(*scope.boundary) : "-";
  sensitive = sensitive || (scope.boundary != nullptr && principal_sensitive(*scope.boundary));
  out += bounded_user ? "U" : "R";
  out += scope.policies.assume_cross_account_identity_allow ? "X" : "-";
  if (const Policy* resource = scope.policies.resource) {
    sensitive = sensitive || principal_sensitive(*resource) ||
                std::any_of(resource->statements.begin(), resource->statements.end(),
                            [&](const Statement& s) { return names_principal(s, scope.principal); });
  }
  if (sensitive) out += "P" + scope.principal;
  return out;
}

}  // namespace seslint::audit
