// For every identity and principal: can it send, which actions, From addresses, networks and
// recipients, and through which policies. Each answer is a reachability query whose witness the
// evaluator has allowed; a value named by a policy is listed only when an allowed request carries it.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "audit/principal_scope.hpp"
#include "audit/reach_adapter.hpp"
#include "audit/scope_key.hpp"
#include "seslint/arn.hpp"
#include "seslint/audit.hpp"
#include "seslint/glob.hpp"
#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"

namespace seslint::audit {

const std::vector<std::string>& send_actions() {
  static const std::vector<std::string> actions = {"ses:SendBulkEmail", "ses:SendBulkTemplatedEmail", "ses:SendEmail",
                                                   "ses:SendRawEmail", "ses:SendTemplatedEmail"};
  return actions;
}

namespace {

constexpr std::size_t kMaxNamedValues = 32;  // per key: bounds the number of queries per sender
constexpr std::string_view kFromKey = "ses:FromAddress";
constexpr std::string_view kRecipientsKey = "ses:Recipients";
constexpr std::string_view kProbeVpce = "vpce-0seslintprobe";
constexpr std::string_view kProbeVpc = "vpc-0seslintprobe";

// The constants policies compare `key` with: exact values and wildcard patterns.
struct Named {
  std::vector<std::string> exact, patterns;
};

Named named_values(const std::vector<const Policy*>& policies, std::string_view key) {
  std::set<std::string> exact, patterns;
  for (const Policy* policy : policies)
    for (const auto& statement : policy->statements)
      for (const auto& clause : statement.clauses) {
        if (!iequals(clause.key_member->key, key)) continue;
        const auto& parsed = statement.operator_of(clause).parsed;
        if (parsed.base == nullptr || parsed.base->family == OperatorFamily::Null) continue;
        for (const auto& value : clause.values) {
          const bool pattern = parsed.base->wildcards && value.text.find_first_of("*?") != std::string::npos;
          auto& into = pattern ? patterns : exact;
          if (into.size() < kMaxNamedValues) into.insert(value.text);
        }
      }
  return {{exact.begin(), exact.end()}, {patterns.begin(), patterns.end()}};
}

bool matches_named(const Named& named, std::string_view value) {
  if (std::find(named.exact.begin(), named.exact.end(), value) != named.exact.end()) return true;
  return std::any_of(named.patterns.begin(), named.patterns.end(),
                     [&](const std::string& p) { return glob_match(p, value); });
}

std::string instance_of(std::string_view pattern) {
  std::string out;
  for (char c : pattern)
    if (c != '*') out += c == '?' ? 'x' : c;
  return out;
}

bool in_any_range(const std::vector<std::string>& cidrs, std::string_view address) {
  const auto parsed = parse_ip_network(address);
  return parsed && std::any_of(cidrs.begin(), cidrs.end(), [&](const std::string& c) {
           const auto range = parse_ip_network(c);
           return range && range->contains(*parsed);
         });
}

const std::string* single(const eval::Request& request, std::string_view key) {
  const auto* values = request.context.find(key);
  return values != nullptr && !values->empty() ? &values->front() : nullptr;
}

// Whether SES puts `key` in requests for `action` (normalize drops the keys an action never carries).
bool carries(const std::string& action, std::string_view key) {
  eval::Request request{action, "arn:aws:ses:us-east-1:111122223333:identity/x", {}, {}, {}};
  request.context.set(key, {"x"});
  eval::normalize(request);
  return request.context.find(key) != nullptr;
}

std::string domain_of(const std::string& identity) {
  const auto at = identity.find('@');
  return at == std::string::npos ? identity : identity.substr(at + 1);
}

// Cheap pre-check: can any statement of these policies allow a send action on the identity?
bool may_grant(const Policy& policy, const std::string& principal, const std::string& identity_arn, bool resource,
               const std::vector<std::string>& candidates = send_actions()) {
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Allow || !statement.action) continue;
    if (resource) {
      if (!statement.principal || !names_principal(statement, principal)) continue;
    } else if (statement.principal) {
      continue;
    }
    for (const auto& action : candidates) {
      eval::Request request{action, identity_arn, principal, {}, {}};
      const auto& actions = statement.action->values;
      const bool action_hit = std::any_of(actions.begin(), actions.end(),
                                          [&](const StringNode& v) { return eval::action_matches(v.text, action); });
      if (action_hit == statement.action->negated) continue;
      if (!statement.resource || statement.resource->negated) return true;
      const auto& resources = statement.resource->values;
      if (std::any_of(resources.begin(), resources.end(), [&](const StringNode& v) {
            return v.text.find("${") != std::string_view::npos || eval::resource_matches(policy, v.text, request);
          }))
        return true;
    }
  }
  return false;
}

// A StringLike pattern is what a policy writes, not an address a message carries. The search may
// try the pattern's own text as a value (it matches itself); the witness shows a concrete address
// matching it instead ('*' and '?' as "x"), when that request is allowed too.
eval::Request concrete_witness(const SendScope& scope, eval::Request witness) {
  for (const std::string_view key : {kFromKey, kRecipientsKey}) {
    const auto* values = witness.context.find(key);
    if (values == nullptr) continue;
    std::vector<std::string> concrete;
    for (const auto& value : *values) {
      std::string instance = value;
      std::replace_if(instance.begin(), instance.end(), [](char c) { return c == '*' || c == '?'; }, 'x');
      concrete.push_back(std::move(instance));
    }
    if (concrete == *values) continue;
    eval::Request candidate = witness;
    candidate.context.set(key, std::move(concrete));
    if (allowed(scope, candidate)) witness = std::move(candidate);
  }
  return witness;
}

// One principal against one identity.
class SenderAnalysis {
 public:
  SenderAnalysis(const SendScope& scope, const SesIdentityModel& identity, const AuditOptions& options,
                 std::vector<const Policy*> all_policies)
      : scope_(scope), identity_(identity), options_(options), all_(std::move(all_policies)) {}

  bool exhaustive() const { return exhaustive_; }

  // The allowed send actions, each with a witness.
  std::vector<std::pair<std::string, eval::Request>> allowed_actions() {
    std::vector<std::pair<std::string, eval::Request>> out;
    for (const auto& action : send_actions())
      if (may_allow(action))
        if (auto witness = find(action, {}, nullptr)) out.emplace_back(action, std::move(*witness));
    return out;
  }

  ValueScope from(const std::vector<std::string>& actions) {
    const Named named = named_values(all_, kFromKey);
    const std::string probe = "seslint-probe@" + domain_of(identity_.name);
    return values_scope(actions, named, std::string(kFromKey), probe, false);
  }

  ValueScope recipients(const std::vector<std::string>& actions) {
    const Named named = named_values(all_, kRecipientsKey);
    return values_scope(actions, named, std::string(kRecipientsKey), "seslint-probe@example.net", true);
  }

  NetworkScope network(const std::vector<std::string>& actions) {
    NetworkScope out;
    const Named ips = named_values(all_, "aws:SourceIp"), vpces = named_values(all_, "aws:SourceVpce"),
                vpcs = named_values(all_, "aws:SourceVpc");
    std::map<std::string, std::vector<std::string>> extra = {
        {"aws:SourceIp", {}}, {"aws:SourceVpce", {std::string(kProbeVpce)}}, {"aws:SourceVpc", {std::string(kProbeVpc)}}};
    auto outside = [&](const eval::Request& r) {
      if (const std::string* ip = single(r, "aws:SourceIp")) return !in_any_range(ips.exact, *ip);
      const std::string* vpce = single(r, "aws:SourceVpce");
      const std::string* vpc = single(r, "aws:SourceVpc");
      return vpce != nullptr && !matches_named(vpces, *vpce) && (vpc == nullptr || !matches_named(vpcs, *vpc));
    };
    out.any = any_action(actions, extra, outside);
    for (const auto& cidr : ips.exact)
      if (any_action(actions, extra, [&](const eval::Request& r) {
            const std::string* ip = single(r, "aws:SourceIp");
            return ip != nullptr && in_any_range({cidr}, *ip);
          }))
        out.source_ip.push_back(cidr);
    auto equal_to = [&](std::string_view key, const std::string& value) {
      return [key, &value](const eval::Request& r) {
        const std::string* v = single(r, key);
        return v != nullptr && *v == value;
      };
    };
    for (const auto& vpce : vpces.exact)
      if (any_action(actions, extra, equal_to("aws:SourceVpce", vpce))) out.source_vpce.push_back(vpce);
    for (const auto& vpc : vpcs.exact)
      if (any_action(actions, extra, equal_to("aws:SourceVpc", vpc))) out.source_vpc.push_back(vpc);
    return out;
  }

 private:
  using Predicate = std::function<bool(const eval::Request&)>;

  // Without an Allow statement that can apply, no request is allowed: no need to search.
  bool may_allow(const std::string& action) const {
    const std::vector<std::string> one = {action};
    const auto& identity = scope_.policies.identity;
    return std::any_of(identity.begin(), identity.end(),
                       [&](const Policy* p) { return may_grant(*p, scope_.principal, identity_.arn, false, one); }) ||
           (scope_.policies.resource != nullptr &&
            may_grant(*scope_.policies.resource, scope_.principal, identity_.arn, true, one));
  }

  std::optional<eval::Request> find(const std::string& action, std::map<std::string, std::vector<std::string>> extra,
                                    const Predicate& predicate) {
    auto answer = reach(scope_, action, identity_.arn, std::move(extra), predicate, options_.max_requests);
    exhaustive_ = exhaustive_ && answer.exhaustive;
    return std::move(answer.witness);
  }

  bool any_action(const std::vector<std::string>& actions, const std::map<std::string, std::vector<std::string>>& extra,
                  const Predicate& predicate) {
    return std::any_of(actions.begin(), actions.end(),
                       [&](const std::string& action) { return find(action, extra, predicate).has_value(); });
  }

  // `multivalued`: the key holds a set (ses:Recipients); a set with any value outside is "any".
  ValueScope values_scope(const std::vector<std::string>& actions, const Named& named, const std::string& key,
                          const std::string& probe, bool multivalued) {
    ValueScope out;
    for (const auto& action : actions) {
      const bool carried = carries(action, key);
      out.any = out.any || find(action, {{key, {probe}}}, [&](const eval::Request& r) {
                             if (!carried) return true;  // nothing for a condition to check
                             const auto* values = r.context.find(key);
                             if (values == nullptr || values->empty()) return multivalued;
                             return std::any_of(values->begin(), values->end(),
                                                [&](const std::string& v) { return !matches_named(named, v); });
                           }).has_value();
      if (out.any) break;
    }
    auto holds = [&](const std::string& candidate, auto&& test) {
      return any_action(actions, {{key, {candidate}}}, [&](const eval::Request& r) {
        const auto* values = r.context.find(key);
        return values != nullptr && std::any_of(values->begin(), values->end(), test);
      });
    };
    for (const auto& value : named.exact)
      if (holds(value, [&](const std::string& v) { return v == value; })) out.values.push_back(value);
    for (const auto& pattern : named.patterns)
      if (holds(instance_of(pattern), [&](const std::string& v) { return glob_match(pattern, v); }))
        out.patterns.push_back(pattern);
    return out;
  }

  const SendScope& scope_;
  const SesIdentityModel& identity_;
  const AuditOptions& options_;
  std::vector<const Policy*> all_;
  bool exhaustive_ = true;
};

class Auditor {
 public:
  Auditor(const AccountModel& model, const AuditOptions& options) : model_(model), options_(options) {}

  IdentityAudit audit(const SesIdentityModel& identity) {
    IdentityAudit out;
    out.identity = &identity;
    const CombinedResourcePolicy resource = combine(identity);
    cache_.clear();
    may_grant_.clear();
    const std::string account = std::string(split_arn(identity.arn) ? split_arn(identity.arn)->account : "");
    for (const auto& principal : model_.principals) audit_principal(principal, identity, resource, account, out);
    return out;
  }

 private:
  void audit_principal(const ModelPrincipal& principal, const SesIdentityModel& identity,
                       const CombinedResourcePolicy& resource, const std::string& account, IdentityAudit& out) {
    std::map<const Policy*, const HeldPolicy*> via;
    const SendScope scope = principal_scope(principal, &resource, account, &via);
    const bool candidate =
        std::any_of(scope.policies.identity.begin(), scope.policies.identity.end(),
                    [&](const Policy* p) { return may_grant_cached(*p, identity.arn); }) ||
        (resource.policy && may_grant(*resource.policy, scope.principal, identity.arn, true));
    if (!principal.undetermined.empty()) {
      out.undetermined.push_back({&principal, join(principal.undetermined)});  // a missing policy may grant
      return;
    }
    if (!candidate) return;
    const std::string key = keys_.key(scope, scope.boundary != nullptr && scope.boundary_bypass_for_resource_grant);
    auto cached = cache_.find(key);
    if (cached == cache_.end()) cached = cache_.emplace(key, compute(scope, identity)).first;
    Computed computed = cached->second;
    if (!computed.exhaustive) {
      out.undetermined.push_back(
          {&principal, fmt::format("the search for allowed requests stopped at its bound of {} requests per question{}",
                                   options_.max_requests,
                                   computed.allowed.empty() ? "" : " (it can send; the scope is incomplete)")});
      return;
    }
    if (computed.allowed.empty()) return;
    Sender sender;
    sender.principal = &principal;
    std::set<std::string> labels;
    std::set<const ModelPolicy*> granting;
    for (auto& [action, witness] : computed.allowed) {
      witness.principal = scope.principal;  // shared computations are alike for every principal of the key
      sender.actions.push_back(action);
      for (const auto& deciding : eval::evaluate(scope.policies, witness).deciding) {
        if (deciding.resource_policy) {
          const ModelPolicy* source = resource.sources.at(deciding.statement->node);
          labels.insert(source->label);
          granting.insert(source);
        } else {
          const HeldPolicy* held = via.at(deciding.policy);
          labels.insert(held->via);
          granting.insert(held->policy);
        }
      }
    }
    sender.via.assign(labels.begin(), labels.end());
    sender.granting.assign(granting.begin(), granting.end());
    sender.from = std::move(computed.from);
    sender.network = std::move(computed.network);
    sender.recipients = std::move(computed.recipients);
    sender.witness = std::move(computed.allowed.front().second);
    out.senders.push_back(std::move(sender));
  }

  // Identity policies do not name their holder: whether one may grant is per policy and identity.
  bool may_grant_cached(const Policy& policy, const std::string& identity_arn) {
    const auto [it, fresh] = may_grant_.try_emplace(&policy, false);
    if (fresh) it->second = may_grant(policy, {}, identity_arn, false);
    return it->second;
  }

  struct Computed {
    bool exhaustive = true;
    std::vector<std::pair<std::string, eval::Request>> allowed;  // send action, witness
    ValueScope from, recipients;
    NetworkScope network;
  };

  Computed compute(const SendScope& scope, const SesIdentityModel& identity) const {
    std::vector<const Policy*> all = scope.policies.identity;
    if (scope.policies.resource) all.push_back(scope.policies.resource);
    if (scope.boundary) all.push_back(scope.boundary);
    SenderAnalysis analysis(scope, identity, options_, all);
    Computed out;
    out.allowed = analysis.allowed_actions();
    for (auto& [action, witness] : out.allowed) witness = concrete_witness(scope, std::move(witness));
    if (!out.allowed.empty()) {
      std::vector<std::string> actions;
      for (const auto& [action, witness] : out.allowed) actions.push_back(action);
      out.from = analysis.from(actions);
      out.network = analysis.network(actions);
      out.recipients = analysis.recipients(actions);
    }
    out.exhaustive = analysis.exhaustive();
    return out;
  }

  static std::string join(const std::vector<std::string>& reasons) {
    std::string out;
    for (const auto& reason : reasons) out += (out.empty() ? "" : "; ") + reason;
    return out;
  }

  const AccountModel& model_;
  const AuditOptions& options_;
  ScopeKeys keys_;
  std::map<std::string, Computed> cache_;  // per identity: scope key -> analysis
  std::map<const Policy*, bool> may_grant_;  // per identity
};

}  // namespace

AuditReport audit_account(const AccountModel& model, const AuditOptions& options) {
  AuditReport report;
  Auditor auditor(model, options);
  for (const auto& identity : model.identities) report.identities.push_back(auditor.audit(identity));
  return report;
}

bool any_unrestricted_from(const AuditReport& report) {
  for (const auto& identity : report.identities)
    for (const auto& sender : identity.senders)
      if (sender.from.any) return true;
  return false;
}

bool any_unrestricted_network(const AuditReport& report) {
  for (const auto& identity : report.identities)
    for (const auto& sender : identity.senders)
      if (sender.network.any) return true;
  return false;
}

}  // namespace seslint::audit
