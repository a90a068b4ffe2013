#include "rules/support/trust.hpp"

#include <array>

#include "seslint/arn.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules::trust {

namespace {

// The web identity providers STS knows by name (IAM User Guide, "Create a role for OIDC federation").
constexpr std::array<std::string_view, 4> kWebIdentityProviders = {"cognito-identity.amazonaws.com",
                                                                   "accounts.google.com", "graph.facebook.com",
                                                                   "www.amazon.com"};
constexpr std::string_view kGitHub = "token.actions.githubusercontent.com";

}  // namespace

bool is_account_id(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

bool unknown_value(const JsonValue* node, std::string_view text) {
  return (node != nullptr && node->templated) || text.find("${") != std::string_view::npos;
}

namespace {

constexpr std::string_view kSaml = "saml-provider/", kOidc = "oidc-provider/";

Provider oidc(std::string_view host) {
  const bool github = host.size() >= kGitHub.size() && iequals(host.substr(0, kGitHub.size()), kGitHub) &&
                      (host.size() == kGitHub.size() || host[kGitHub.size()] == '/');
  return {Federation::Oidc, host, github};
}

// A template often fills in only the partition and account
// ("arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"):
// the provider is still known when its part is literal.
Provider templated_provider(std::string_view text) {
  for (const auto kind : {kSaml, kOidc}) {
    const std::size_t at = text.rfind(std::string(":") + std::string(kind));
    if (at == std::string_view::npos) continue;
    const std::string_view rest = text.substr(at + 1 + kind.size());
    if (rest.empty() || rest.find_first_of("${}*?") != std::string_view::npos) break;
    return kind == kSaml ? Provider{Federation::Saml, {}, false} : oidc(rest);
  }
  return {Federation::Unknown, {}, false};
}

}  // namespace

Provider classify_federated(const StringNode& value) {
  const std::string_view text = value.text;
  if (unknown_value(value.node, text)) return templated_provider(text);
  for (const auto name : kWebIdentityProviders)
    if (text == name) return {Federation::WebIdentity, text, false};
  const auto arn = split_arn(text);
  if (!arn || arn->service != "iam" || !arn->region.empty() || !is_account_id(arn->account) ||
      text.find_first_of("*?") != std::string_view::npos)
    return {};
  if (arn->resource.starts_with(kSaml) && arn->resource.size() > kSaml.size()) return {Federation::Saml, {}, false};
  if (arn->resource.starts_with(kOidc) && arn->resource.size() > kOidc.size()) return oidc(arn->resource.substr(kOidc.size()));
  return {};
}

std::string_view needed_action(std::string_view entry, const Provider& provider) {
  if (entry == "AWS" || entry == "Service") return "sts:AssumeRole";
  if (entry != "Federated") return {};
  switch (provider.kind) {
    case Federation::Saml: return "sts:AssumeRoleWithSAML";
    case Federation::Oidc:
    case Federation::WebIdentity: return "sts:AssumeRoleWithWebIdentity";
    case Federation::Unknown:
    case Federation::Invalid: return {};
  }
  return {};
}

bool allows(const Statement& statement, std::string_view action) {
  if (!statement.action || statement.action->negated) return false;
  for (const auto& value : statement.action->values)
    if (glob_match(value.text, action, true)) return true;
  return false;
}

bool trust_grant(const Policy& policy, const Statement& statement) {
  return policy.kind == PolicyKind::Trust && statement.effect == Effect::Allow && statement.principal &&
         !statement.principal->negated;
}

bool narrows(const Statement& statement, const ConditionClause& clause) {
  const auto& parsed = statement.operator_of(clause).parsed;
  if (parsed.base == nullptr || parsed.base->negated || parsed.if_exists || parsed.base->family == OperatorFamily::Null)
    return false;
  if (parsed.qualifier == SetQualifier::ForAllValues || clause.values.empty()) return false;
  for (const auto& value : clause.values)
    if (value.text == "*") return false;
  return true;
}

}  // namespace seslint::rules::trust
