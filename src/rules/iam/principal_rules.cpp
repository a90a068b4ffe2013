// IAM105 public-principal: a resource policy allows "*" / {"AWS": "*"} (or "arn:aws:iam::*:root") with no condition that
// restricts the caller; with the organisation's accounts and organizations (.seslint.yaml org), a
// principal outside them that the policy allows (found by the evaluator) is external, and named.
// IAM106 service-principal-without-source: a service principal allowed without aws:SourceAccount / aws:SourceArn / aws:SourceOrgID / aws:SourceOrgPaths (the confused-deputy guard).
// Both read the statement's own conditions; a guard in another statement is not seen (yet).
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/org.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"
#include "seslint/ip.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

constexpr std::array<std::string_view, 9> kCallerKeys = {
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:SourceAccount",
    "aws:SourceArn", "aws:SourceVpce", "aws:SourceVpc", "aws:SourceOrgID"};
constexpr std::array<std::string_view, 4> kSourceKeys = {"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID",
                                                         "aws:SourceOrgPaths"};

bool in(std::span<const std::string_view> keys, std::string_view key) {
  return std::any_of(keys.begin(), keys.end(), [&](std::string_view k) { return iequals(k, key); });
}

// An account ID, or a value a template fills in (an intrinsic, a ${...} placeholder).
bool account_like(const ConditionValue& value) {
  const bool digits = value.text.size() == 12 && std::all_of(value.text.begin(), value.text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  return digits || (value.node != nullptr && value.node->templated) || value.text.find("${") != std::string::npos;
}

// A clause that narrows who the caller can be: a positive, non-IfExists test (set operators must be
// ForAnyValue, since ForAllValues holds when the key is missing).
bool narrows(const Statement& statement, const ConditionClause& clause) {
  const auto& parsed = statement.operator_of(clause).parsed;
  if (parsed.base == nullptr || parsed.base->negated || parsed.if_exists || parsed.base->family == OperatorFamily::Null)
    return false;
  if (parsed.qualifier == SetQualifier::ForAllValues) return false;
  if (std::any_of(clause.values.begin(), clause.values.end(), [](const ConditionValue& v) { return v.text == "*"; }))
    return false;
  return true;
}

// The legacy source-account guards AWS documented before aws:SourceAccount: aws:SourceOwner (SNS)
// and aws:Referer set to the account ID (SES receiving and notifications). A service sets them to
// the account whose resource the request is for; other callers do not send them.
bool legacy_source_guard(const Statement& statement, const ConditionClause& clause) {
  const std::string_view key = clause.key_member->key;
  if (iequals(key, "aws:SourceOwner")) return true;
  return iequals(key, "aws:Referer") && !clause.values.empty() &&
         std::all_of(clause.values.begin(), clause.values.end(), account_like) &&
         statement.operator_of(clause).parsed.base->family == OperatorFamily::String;
}

bool restricts_caller(const Statement& statement) {
  return std::any_of(statement.clauses.begin(), statement.clauses.end(), [&](const ConditionClause& clause) {
    const std::string_view key = clause.key_member->key;
    if (!narrows(statement, clause)) return false;
    if (in(kCallerKeys, key) || legacy_source_guard(statement, clause)) return true;
    if (!iequals(key, "aws:SourceIp")) return false;
    // A public range restricts; 0.0.0.0/0 and private ranges do not.
    return std::any_of(clause.values.begin(), clause.values.end(), [](const ConditionValue& v) {
      const auto network = parse_ip_network(v.text);
      return network && network->prefix > 0 && !eval::is_private_range(*network);
    });
  });
}

// "arn:aws:iam::*:root": the root of every account, i.e. any account (IAM023 says the wildcard is not
// supported; where a service accepts it, it opens the resource to everyone with AWS credentials).
bool every_account_root(std::string_view text) {
  const auto parts = split_arn(text);
  return parts && parts->service == "iam" && parts->account == "*" && parts->resource == "root";
}

// Who a public principal lets in, for the message; empty when the principal is not public.
std::string_view public_reach(const Principal& principal) {
  std::string_view reach;
  if (principal.wildcard) return "any principal, in any account or none";
  for (const auto& entry : principal.entries)
    if (entry.member->key == "AWS")
      for (const auto& value : entry.values) {
        if (value.text == "*") return "any principal, in any account or none";
        if (every_account_root(value.text)) reach = "every AWS account (arn:aws:iam::*:root)";
      }
  return reach;
}

// "any principal, in any account or none, assume the role".
std::string assume_role(std::string_view reach) {
  return fmt::format("{}{} assume the role", reach, reach.find(',') != std::string_view::npos ? "," : "");
}

class PublicPrincipal final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal, Reporter& out) const override {
    if (policy.kind == PolicyKind::Identity || statement.effect != Effect::Allow || principal.negated) return;
    const std::string_view reach = public_reach(principal);
    const bool trust = policy.kind == PolicyKind::Trust;
    if (reach.empty() || restricts_caller(statement)) {
      if (out.org() != nullptr) report_external(policy, statement, principal, *out.org(), out);
      else if (!reach.empty() && trust) report_trust_wildcard(statement, principal, reach, out);
      return;
    }
    out.report(principal.member->value,
               fmt::format("{} {} {}, and no condition narrows the caller", statement.label(),
                           trust ? "lets" : "allows", trust ? assume_role(reach) : std::string(reach)),
               "name the principals, or add aws:PrincipalOrgID / aws:PrincipalAccount / aws:SourceVpce conditions");
  }

 private:
  // A role trust policy with "*" kept in check by its conditions only (Access Analyzer's
  // ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL, Cloudsplaining's
  // AssumableByAnyPrincipalWithConditions): a warning, since the conditions may be the right ones.
  static void report_trust_wildcard(const Statement& statement, const Principal& principal, std::string_view reach,
                                    Reporter& out) {
    out.report(std::min(out.default_level(), Level::Warning), principal.member->value,
               fmt::format("{} lets {}, and only its conditions keep other accounts out (Access Analyzer "
                           "reports \"*\" in a role trust policy as an error)",
                           statement.label(), assume_role(reach)),
               "name the accounts or roles that may assume the role in Principal, and keep the conditions");
  }

  // A warning: a principal outside the organisation may be a partner on purpose.
  static void report_external(const Policy& policy, const Statement& statement, const Principal& principal,
                              const OrgConfig& org, Reporter& out) {
    for (const auto& external : org::external_principals(policy, statement, principal, org)) {
      const std::string_view named = external.value;
      out.report(std::min(out.default_level(), Level::Warning), *external.node,
                 fmt::format("{} lets {} ({}account {}{}) call {}: an external principal, outside the organisation's "
                             "accounts and organizations (.seslint.yaml org)",
                             statement.label(), named == "*" ? std::string("\"*\" with its conditions") : quoted(named),
                             named == "*" ? "e.g. " : "", external.account,
                             external.org_id.empty() ? std::string() : fmt::format(", organization {}", external.org_id),
                             external.action),
                 "name only the organisation's accounts, or add an aws:PrincipalOrgID condition with its organization");
    }
  }
};

bool is_trust_statement(const Statement& statement) {
  return statement.action && !statement.action->negated &&
         std::all_of(statement.action->values.begin(), statement.action->values.end(),
                     [](const StringNode& v) { return v.text.size() > 4 && iequals(v.text.substr(0, 4), "sts:"); });
}

class ServicePrincipalWithoutSource final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal, Reporter& out) const override {
    if (policy.kind == PolicyKind::Identity || statement.effect != Effect::Allow || principal.negated) return;
    if (is_trust_statement(statement)) return;  // role trust: the source keys are not supported by every service
    const bool guarded = std::any_of(statement.clauses.begin(), statement.clauses.end(), [&](const ConditionClause& c) {
      return narrows(statement, c) && (in(kSourceKeys, c.key_member->key) || legacy_source_guard(statement, c));
    });
    if (guarded) return;
    // One finding per statement (one cause: the missing source condition), naming every service.
    for (const auto& entry : principal.entries) {
      if (entry.member->key != "Service" || entry.values.empty()) continue;
      std::vector<std::string> services;
      for (const auto& value : entry.values) services.push_back(quoted(value.text));
      const bool one = services.size() == 1;
      out.report(entry.member->value,
                 fmt::format("service principal{} {} in {} {} allowed without aws:SourceAccount, aws:SourceArn, "
                             "aws:SourceOrgID or aws:SourceOrgPaths, so the service can be made to act here on "
                             "behalf of anyone's resources (confused deputy)",
                             one ? "" : "s", short_list(services, 0, 6), statement.label(), one ? "is" : "are"),
                 "add \"StringEquals\": {\"aws:SourceAccount\": \"<your account>\"} or an ArnLike aws:SourceArn");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_public_principal() { return std::make_unique<PublicPrincipal>(); }
std::unique_ptr<Rule> make_service_principal_without_source() { return std::make_unique<ServicePrincipalWithoutSource>(); }
}  // namespace seslint::rules
