#include "rules/support/ses.hpp"

#include <fmt/format.h>

#include "engine/document_memo.hpp"
#include "seslint/arn.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

#include <algorithm>
#include <array>

namespace seslint::rules::ses {
namespace {

// The identity that stands for "every identity" when a policy names none; never shown as a name,
// but its domain may appear in a witness From address.
constexpr std::string_view kAnyIdentity = "any-domain.example";

bool is_ses_pattern(std::string_view action) { return action.size() > 4 && iequals(action.substr(0, 4), "ses:"); }

std::string fill(std::string_view part, std::string_view fallback) {
  return part.find_first_of("*?$") != std::string_view::npos || part.empty() ? std::string(fallback) : std::string(part);
}

}  // namespace

namespace {

std::vector<std::string_view> compute_granted_send_actions(const Statement& statement) {
  std::vector<std::string_view> out;
  if (statement.effect != Effect::Allow || !statement.action || statement.action->negated) return out;
  // One pass over the values (policies list hundreds of actions, few of them ses:), marking the
  // send actions each grants; reported in kSendActions order.
  std::array<bool, kSendActions.size()> granted{};
  for (const auto& pattern : statement.action->values) {
    if (!is_ses_pattern(pattern.text)) continue;
    for (std::size_t i = 0; i < kSendActions.size(); ++i)
      granted[i] = granted[i] || eval::action_matches(pattern.text, kSendActions[i]);
  }
  for (std::size_t i = 0; i < kSendActions.size(); ++i)
    if (granted[i]) out.push_back(kSendActions[i]);
  return out;
}

}  // namespace

const std::vector<std::string_view>& granted_send_actions(const Statement& statement) {
  static const char kGranted = 0;
  return DocumentMemo::get_or_compute<std::vector<std::string_view>>(&statement, &kGranted,
                                                                    [&] { return compute_granted_send_actions(statement); });
}

std::optional<Probe> probe_for(std::string_view resource_value) {
  auto make = [](std::string region, std::string account, std::string name, bool made_up) {
    const auto at = name.find('@');
    const std::string domain = at == std::string::npos ? name : name.substr(at + 1);
    return Probe{fmt::format("arn:aws:ses:{}:{}:identity/{}", region, account, name), name, domain, made_up};
  };
  if (resource_value == "*") return make("us-east-1", "111122223333", std::string(kAnyIdentity), true);
  const auto arn = split_arn(resource_value);
  if (!arn || !(arn->service == "ses" || arn->service == "*")) return std::nullopt;
  const std::string_view resource = arn->resource;
  if (resource != "*" && resource.substr(0, 9) != "identity/") return std::nullopt;
  std::string name = resource == "*" ? std::string("*") : std::string(resource.substr(9));
  if (name.find("${") != std::string::npos) return std::nullopt;  // known only per request: no claims
  const bool made_up = has_wildcard(name);
  if (made_up) {  // "identity/*" stands for any identity; "identity/*.acme-corp.io" for mail.acme-corp.io
    std::string filled;
    for (char c : name) filled += c == '*' ? std::string("mail") : c == '?' ? std::string("x") : std::string(1, c);
    name = name == "*" ? std::string(kAnyIdentity) : filled;
  }
  return make(fill(arn->region, "us-east-1"), fill(arn->account, "111122223333"), name, made_up);
}

std::vector<Probe> probes_for(const Statement& statement) {
  std::vector<Probe> out;
  auto add = [&](std::optional<Probe> probe) {
    if (!probe) return;
    for (const auto& existing : out)
      if (existing.identity_arn == probe->identity_arn) return;
    out.push_back(std::move(*probe));
  };
  if (!statement.resource || statement.resource->negated) {
    add(probe_for("*"));
    return out;
  }
  for (const auto& value : statement.resource->values) add(probe_for(value.text));
  return out;
}

std::string probe_principal(const Policy& policy, const std::string& resource_owner) {
  if (policy.kind == PolicyKind::Identity) return "arn:aws:iam::" + resource_owner + ":user/seslint-probe";
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Allow || !statement.principal || statement.principal->negated) continue;
    for (const auto& entry : statement.principal->entries)
      for (const auto& value : entry.values) {
        if (entry.member->key == "Service") return std::string(value.text);
        if (entry.member->key != "AWS" || value.text == "*") continue;
        if (value.text.size() == 12) return fmt::format("arn:aws:iam::{}:user/seslint-probe", value.text);
        const auto arn = split_arn(value.text);
        if (arn && arn->resource == "root") return fmt::format("arn:aws:iam::{}:user/seslint-probe", arn->account);
        return std::string(value.text);
      }
  }
  return "arn:aws:iam::444455556666:user/seslint-probe";
}

eval::ReachQuery query_for(const Policy& policy, std::string_view action, const Probe& probe) {
  eval::ReachQuery query{std::string(action), probe.identity_arn, "", "", {}, {}};
  query.principal = probe_principal(policy, std::string(split_arn(probe.identity_arn)->account));
  return query;
}

eval::PolicySet policy_set(const Policy& policy) {
  if (policy.kind == PolicyKind::Identity) return {{&policy}, nullptr};
  return {{}, &policy, true};
}

FreshAddresses::FreshAddresses(const Policy& policy) {
  for (const auto& statement : policy.statements)
    for (const auto& clause : statement.clauses)
      if (iequals(clause.key_member->key, "ses:FromAddress"))
        for (const auto& value : clause.values) named_.push_back(value.text);
}

const std::string& FreshAddresses::in(std::string_view domain) {
  if (const auto it = by_domain_.find(domain); it != by_domain_.end()) return it->second;
  // A pattern that also matches an address nobody would name covers the whole domain: it does not
  // make a candidate less fresh.
  const std::string unnamed = fmt::format("zq-7f3a-unnamed@{}", domain);
  std::string fresh = fmt::format("accounts-7f3a@{}", domain);
  for (std::string_view local : {"billing", "ceo", "payroll", "security", "it-support", "accounts-7f3a"}) {
    std::string address = fmt::format("{}@{}", local, domain);
    if (std::none_of(named_.begin(), named_.end(), [&](std::string_view v) {
          return glob_match(v, address, true) && !glob_match(v, unnamed, true);
        })) {
      fresh = std::move(address);
      break;
    }
  }
  return by_domain_.emplace(std::string(domain), std::move(fresh)).first->second;
}

const eval::ReachResult& reach(const Policy& policy, const eval::PolicySet& set, const eval::ReachQuery& query,
                               std::string_view predicate_name) {
  return eval::reach_session(policy).find(set, query, predicate_name);
}

const eval::ReachResult& allowed(const Policy& policy, const eval::PolicySet& set, std::string_view action,
                                 const Probe& probe) {
  return reach(policy, set, query_for(policy, action, probe));
}

const eval::ReachResult& from_unpinned(const Policy& policy, const eval::PolicySet& set, std::string_view action,
                                       const Probe& probe, FreshAddresses& fresh_addresses) {
  const std::string& fresh = fresh_addresses.in(probe.domain);
  eval::ReachQuery query = query_for(policy, action, probe);
  query.extra_values = {{"ses:FromAddress", {fresh}}};
  query.predicate = [&](const eval::Request& r) {
    const auto* from = r.context.find("ses:FromAddress");
    return from == nullptr ? action == "ses:SendBulkEmail" : (*from)[0] == fresh;
  };
  query.predicate_keys = {"ses:FromAddress"};
  return reach(policy, set, query, "from-unpinned");
}

NamedNetworks named_networks(const Policy& policy) {
  NamedNetworks named;
  for (const auto& statement : policy.statements)
    for (const auto& clause : statement.clauses) {
      const std::string_view key = clause.key_member->key;
      for (const auto& value : clause.values) {
        if (iequals(key, "aws:SourceIp"))
          if (const auto network = parse_ip_network(value.text)) {
            named.ranges.push_back(*network);
            named.range_set.add(*network);
          }
        if (iequals(key, "aws:SourceVpce") || iequals(key, "aws:SourceVpc")) named.endpoints.push_back(value.text);
      }
    }
  named.range_set.seal();
  return named;
}

const eval::ReachResult& network_unrestricted(const Policy& policy, const eval::PolicySet& set,
                                              std::string_view action, const Probe& probe, const NamedNetworks& named) {
  eval::ReachQuery query = query_for(policy, action, probe);
  query.extra_values = {{"aws:SourceIp", {}}, {"aws:SourceVpce", {"vpce-0seslintprobe"}}};
  query.predicate = [&](const eval::Request& request) {
    if (const auto* ip = request.context.find("aws:SourceIp")) {
      const auto address = parse_ip_network((*ip)[0]);
      return address && !eval::is_private_address((*ip)[0]) && !named.range_set.contains(*address);
    }
    const auto* endpoint = request.context.find("aws:SourceVpce");
    return endpoint == nullptr ||
           std::find(named.endpoints.begin(), named.endpoints.end(), (*endpoint)[0]) == named.endpoints.end();
  };
  query.predicate_keys = {"aws:SourceIp", "aws:SourceVpce"};
  return reach(policy, set, query, "network-unrestricted");  // `named` comes from the policy itself
}

std::string Probe::label() const { return made_up ? std::string("any identity") : fmt::format("identity '{}'", name); }

std::string_view is_are(const std::vector<std::string_view>& actions) { return actions.size() == 1 ? "is" : "are"; }

std::string join_actions(const std::vector<std::string_view>& actions) {
  std::string out;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (i > 0) out += i + 1 == actions.size() ? " and " : ", ";
    out += actions[i];
  }
  return out;
}

std::string long_lived_keys_caveat(PrincipalKind holder) {
  if (holder == PrincipalKind::User) return {};
  return fmt::format(" (the holder is {}: this matters if it is an IAM user with access keys or SMTP credentials)",
                     holder == PrincipalKind::Role ? "a role" : "unknown");
}

}  // namespace seslint::rules::ses
