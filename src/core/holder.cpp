// Who holds a policy: the principal kind containers declare, or the one a policy's shape shows.
#include "seslint/policy.hpp"
#include "seslint/text_match.hpp"

namespace seslint {

std::string_view to_string(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::Unknown: return "unknown";
    case PrincipalKind::User: return "user";
    case PrincipalKind::Role: return "role";
    case PrincipalKind::ServiceRole: return "service-role";
    case PrincipalKind::Service: return "service";
  }
  return "";
}

std::optional<PrincipalKind> parse_principal_kind(std::string_view text) {
  for (auto kind : {PrincipalKind::Unknown, PrincipalKind::User, PrincipalKind::Role, PrincipalKind::ServiceRole,
                    PrincipalKind::Service})
    if (text == to_string(kind)) return kind;
  return std::nullopt;
}

namespace {

// Read-only SES actions an SMTP user's policy may carry beside sending (quota and statistics).
bool read_only_ses(std::string_view action) {
  if (action.size() <= 4 || !iequals(action.substr(0, 4), "ses:")) return false;
  const std::string_view name = action.substr(4);
  return (name.size() > 3 && iequals(name.substr(0, 3), "Get")) || (name.size() > 4 && iequals(name.substr(0, 4), "List"));
}

bool smtp_shaped(const Policy& policy) {
  bool sends_raw = false;
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Allow) continue;
    if (!statement.action || statement.action->negated) return false;
    for (const auto& action : statement.action->values) {
      if (iequals(action.text, "ses:SendRawEmail"))
        sends_raw = true;
      else if (!read_only_ses(action.text) || has_wildcard(action.text))
        return false;
    }
  }
  return sends_raw;
}

// The values of the Allow statements' Principal, by entry ("AWS", "Service", "Federated", ...).
template <typename Each>
void allowed_principals(const JsonValue& policy, Each each) {
  const JsonMember* statements = policy.is_object() ? policy.find("Statement") : nullptr;
  if (statements == nullptr) return;
  auto statement = [&](const JsonValue& st) {
    const JsonMember* effect = st.is_object() ? st.find("Effect") : nullptr;
    const JsonMember* principal = st.is_object() ? st.find("Principal") : nullptr;
    if (effect == nullptr || effect->value.text != "Allow" || principal == nullptr) return;
    if (principal->value.is_string()) return each(std::string_view("AWS"), std::string_view(principal->value.text));
    for (const auto& entry : principal->value.members) {
      if (entry.value.is_string()) each(std::string_view(entry.key), std::string_view(entry.value.text));
      for (const auto& item : entry.value.items)
        if (item.is_string()) each(std::string_view(entry.key), std::string_view(item.text));
    }
  };
  if (statements->value.is_array())
    for (const auto& st : statements->value.items) statement(st);
  else
    statement(statements->value);
}

}  // namespace

Holder role_holder(const JsonValue* trust_policy) {
  Holder holder{PrincipalKind::Role, false, {}};
  if (trust_policy == nullptr) return holder;
  bool services_only = true;
  allowed_principals(*trust_policy, [&](std::string_view entry, std::string_view value) {
    holder.trusted.emplace_back(value);
    if (entry != "Service") services_only = false;
  });
  if (services_only && !holder.trusted.empty()) holder.kind = PrincipalKind::ServiceRole;
  return holder;
}

Holder infer_holder(const Policy& policy) {
  Holder holder;
  if (policy.kind == PolicyKind::Identity) {
    holder.smtp_shaped = smtp_shaped(policy);
    if (holder.smtp_shaped) holder.kind = PrincipalKind::User;
    return holder;
  }
  // A trust policy is held by the role it guards; the principals it names are who can become that
  // role, not who holds it (an IAM user it trusts does not make it a user's policy).
  if (policy.kind == PolicyKind::Trust) return role_holder(policy.root);
  if (policy.root == nullptr) return holder;
  bool services_only = true, any = false, user = false;
  allowed_principals(*policy.root, [&](std::string_view entry, std::string_view value) {
    any = true;
    if (entry != "Service") services_only = false;
    if (entry == "AWS" && value.find(":user/") != std::string_view::npos) user = true;
  });
  if (user)
    holder.kind = PrincipalKind::User;
  else if (any && services_only)
    holder.kind = PrincipalKind::Service;
  return holder;
}

}  // namespace seslint
