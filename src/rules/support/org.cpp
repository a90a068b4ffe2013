#include "rules/support/org.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rules/support/ses.hpp"
#include "seslint/arn.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules::org {
namespace {

// An organization no policy names: stands for "any other organization" (never shown).
constexpr std::string_view kProbeOrg = "o-seslintprobe0";

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A request the pattern covers: wildcards filled in ("s3:Get*" -> "s3:GetSeslintProbe").
std::string filled(std::string_view pattern) {
  std::string out;
  for (char c : pattern) out += c == '*' ? std::string("SeslintProbe") : c == '?' ? std::string("x") : std::string(1, c);
  return out;
}

// An account the organisation does not list, to stand for "anyone" behind Principal "*".
std::string outside_account(const OrgConfig& org) {
  for (std::string_view candidate : {"444455556666", "999988887777", "210987654321"})
    if (!contains(org.accounts, candidate)) return std::string(candidate);
  return "123123123123";
}

// The caller a Principal AWS value names: its account and an ARN to ask the evaluator with.
struct Caller {
  std::string account;
  std::string arn;
};
std::optional<Caller> caller_of(std::string_view value, const OrgConfig& org) {
  auto user_in = [](std::string_view account) {
    return Caller{std::string(account), fmt::format("arn:aws:iam::{}:user/seslint-probe", account)};
  };
  if (value == "*") return user_in(outside_account(org));
  if (value.size() == 12 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return user_in(value);
  const auto arn = split_arn(value);
  if (!arn || arn->account.size() != 12 || arn->account.find_first_of("*?") != std::string_view::npos) return std::nullopt;
  if (arn->resource == "root") return user_in(arn->account);
  return Caller{std::string(arn->account), std::string(value)};
}

// A request the statement covers (nullopt: NotAction or NotResource); `shown` is the action as the
// statement writes it, for the message.
struct Covered {
  std::string action, resource, shown;
};
std::optional<Covered> request_of(const Statement& statement) {
  if (!statement.action || statement.action->negated || statement.action->values.empty()) return std::nullopt;
  if (statement.resource && statement.resource->negated) return std::nullopt;
  const auto sends = ses::granted_send_actions(statement);
  std::string action = sends.empty() ? filled(statement.action->values.front().text) : std::string(sends.front());
  std::string resource = "*";
  if (statement.resource && !statement.resource->values.empty()) {
    const std::string_view first = statement.resource->values.front().text;
    const auto probe = sends.empty() ? std::nullopt : ses::probe_for(first);
    resource = probe ? probe->identity_arn : first == "*" ? std::string("*") : filled(first);
  }
  std::string shown = sends.empty() ? std::string(statement.action->values.front().text) : action;
  return Covered{std::move(action), std::move(resource), std::move(shown)};
}

// The first value of `key` in the request, or nullptr.
const std::string* first_value(const eval::Request& request, std::string_view key) {
  const auto* values = request.context.find(key);
  return values != nullptr && !values->empty() ? &values->front() : nullptr;
}

}  // namespace

Reached reached(const std::vector<std::string_view>& actions,
                const std::function<std::optional<std::string>(std::string_view action)>& witness_of) {
  Reached out;
  for (std::string_view action : actions) {
    auto witness = witness_of(action);
    if (!witness) continue;
    out.actions.push_back(action);
    if (out.example.empty()) out.example = std::move(*witness);
  }
  return out;
}

bool owns_identity(const OrgConfig& org, std::string_view identity) {
  const std::string name = to_lower(identity);
  if (contains(org.identities, name)) return true;
  const auto at = name.find('@');
  return at != std::string::npos && contains(org.identities, std::string_view(name).substr(at + 1));
}

std::vector<ExternalPrincipal> external_principals(const Policy& policy, const Statement& statement,
                                                   const Principal& principal, const OrgConfig& org) {
  std::vector<ExternalPrincipal> out;
  if (org.accounts.empty() && org.organizations.empty()) return out;
  const auto request = request_of(statement);
  if (!request) return out;
  const eval::PolicySet set = ses::policy_set(policy);
  std::vector<StringNode> named;  // the AWS values; "Principal": "*" stands for {"AWS": "*"}
  if (principal.wildcard) named.push_back({"*", &principal.member->value});
  for (const auto& entry : principal.entries)
    if (entry.member->key == "AWS") named.insert(named.end(), entry.values.begin(), entry.values.end());
  for (const auto& value : named) {
    const auto caller = caller_of(value.text, org);
    if (!caller || contains(org.accounts, caller->account)) continue;
    // With only organizations given, a named account's organisation is unknown: not judged.
    if (org.accounts.empty() && value.text != "*") continue;
    eval::ReachQuery query{request->action, request->resource, caller->arn, "", {}, {}};
    if (!org.organizations.empty()) query.extra_values["aws:PrincipalOrgID"] = {std::string(kProbeOrg)};
    const std::string account = caller->account;
    // External: an account the organisation does not list (when it lists them), in no
    // organisation of its own; with only organizations given, an organisation outside them.
    query.predicate = [&org, account](const eval::Request& r) {
      const std::string* claimed = first_value(r, "aws:PrincipalAccount");
      const std::string* org_id = first_value(r, "aws:PrincipalOrgID");
      if (contains(org.accounts, claimed != nullptr ? *claimed : account)) return false;
      if (org_id != nullptr && contains(org.organizations, *org_id)) return false;
      return !org.accounts.empty() || org_id != nullptr;
    };
    query.predicate_keys = {"aws:PrincipalAccount", "aws:PrincipalOrgID"};
    const auto& answer = ses::reach(policy, set, query, "external-principal");
    if (!answer.witness) continue;
    const std::string* claimed = first_value(*answer.witness, "aws:PrincipalAccount");
    const std::string* org_id = first_value(*answer.witness, "aws:PrincipalOrgID");
    out.push_back({value.node, std::string(value.text), claimed != nullptr ? *claimed : account,
                   // A named account's organization is not the policy's to say: shown for "*" only.
                   value.text == "*" && org_id != nullptr && *org_id != kProbeOrg ? *org_id : std::string(),
                   request->shown});
  }
  return out;
}

}  // namespace seslint::rules::org
