#include "diff/describe.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "diff/policy_set.hpp"
#include "diff/universe.hpp"
#include "seslint/diff.hpp"
#include "seslint/glob.hpp"
#include "seslint/ip.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::diff {
namespace {

constexpr std::size_t kListed = 4;  // values shown in "before: ..." before an ellipsis

std::string key_label(const std::string& key) {
  const std::string lowered = to_lower(key);
  if (lowered == "ses:fromaddress") return "From address";
  if (lowered == "ses:fromdisplayname") return "From display name";
  if (lowered == "ses:recipients") return "recipients";
  if (lowered == "aws:sourceip") return "source IP";
  if (lowered == "aws:sourcevpce") return "VPC endpoint";
  if (lowered == "aws:sourcevpc") return "VPC";
  return key;
}

std::string listed(const std::vector<std::string>& values) {
  if (values.empty()) return "none";
  std::vector<std::string> shown(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(std::min(values.size(), kListed)));
  return fmt::format("{}{}", fmt::join(shown, ", "), values.size() > kListed ? ", ..." : "");
}

std::string value_text(const std::vector<std::string>* values) {
  if (values == nullptr) return "absent";
  if (values->size() == 1) return (*values)[0];
  return fmt::format("[{}]", fmt::join(*values, ", "));
}

bool readable(std::string_view value) {
  const bool deploy_time_marker = value.size() > 2 && value.front() == '{' && value.back() == '}';  // a template's unknown
  return !value.empty() && !has_wildcard(value) && value.front() != '@' && value != eval::kFreshValue &&
         value.find("${") == std::string_view::npos && !deploy_time_marker;
}

// The other version's Allow statements about `action`: their values of `key`, as written.
std::vector<std::string> allowed_values(const Policy& policy, std::string_view action, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Allow || !statement_names_action(statement, action)) continue;
    for (const auto& clause : statement.clauses) {
      if (!iequals(clause.key_member->key, key)) continue;
      const auto& parsed = statement.operator_of(clause).parsed;
      if (parsed.base == nullptr || parsed.base->negated || parsed.base->family == OperatorFamily::Null) continue;
      for (const auto& value : clause.values)
        if (std::find(out.begin(), out.end(), value.text) == out.end()) out.push_back(value.text);
    }
  }
  return out;
}

// The granting statement's pattern that admits `value` for `key`, when it is a wildcard or a range.
std::string admitting_pattern(const Statement& statement, std::string_view key, std::string_view value) {
  for (const auto& clause : statement.clauses) {
    if (!iequals(clause.key_member->key, key)) continue;
    const auto& parsed = statement.operator_of(clause).parsed;
    if (parsed.base == nullptr || parsed.base->negated) continue;
    for (const auto& pattern : clause.values) {
      if (parsed.base->family == OperatorFamily::Ip) {
        const auto network = parse_ip_network(pattern.text);
        const auto address = parse_ip_network(value);
        if (network && address && network->prefix < network->bits() && network->contains(*address)) return pattern.text;
      } else if (parsed.base->wildcards && has_wildcard(pattern.text) && glob_match(pattern.text, value, parsed.base->ignore_case)) {
        return pattern.text;
      }
    }
  }
  return {};
}

std::vector<std::string> principal_names(const Policy& policy, std::string_view action) {
  std::vector<std::string> out;
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Allow || !statement.principal || !statement_names_action(statement, action)) continue;
    if (statement.principal->wildcard) out.emplace_back("*");
    for (const auto& entry : statement.principal->entries)
      for (const auto& value : entry.values)
        if (std::find(out.begin(), out.end(), value.text) == out.end()) out.emplace_back(value.text);
  }
  return out;
}

std::vector<std::string> resource_patterns(const Policy& policy, std::string_view action) {
  std::vector<std::string> out;
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Allow || !statement.resource || !statement_names_action(statement, action)) continue;
    for (const auto& value : statement.resource->values) {
      std::string text = statement.resource->negated ? "not " + std::string(value.text) : std::string(value.text);
      if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
    }
  }
  return out;
}

// Readable values no policy writes, for a witness value that is the engine's placeholder for "a
// value outside every constant": an address in the domain the values or the identity name, another
// outside it, an endpoint or VPC ID, or a plain word. Each is re-evaluated before it is used.
std::vector<std::string> made_up_values(std::string_view key, const eval::Request& witness,
                                        const std::vector<std::string>& named) {
  const std::string lowered = to_lower(key);
  if (lowered == "aws:sourcevpce") return {"vpce-0example0000000002", "vpce-0example0000000003"};
  if (lowered == "aws:sourcevpc") return {"vpc-0example000000002", "vpc-0example000000003"};
  const bool address = lowered == "ses:fromaddress" || lowered == "ses:recipients" || lowered == "ses:feedbackaddress";
  if (!address) return {"example-value-2", "example-value-3"};
  std::string domain;
  for (const auto& value : named)
    if (const auto at = value.rfind('@'); domain.empty() && at != std::string::npos && !has_wildcard(value.substr(at + 1)))
      domain = value.substr(at + 1);
  if (domain.empty()) {
    const auto slash = witness.resource.rfind("identity/");
    if (slash != std::string::npos) {
      const std::string identity = witness.resource.substr(slash + 9);
      domain = identity.substr(identity.find('@') == std::string::npos ? 0 : identity.find('@') + 1);
    }
  }
  if (domain.empty() || has_wildcard(domain)) domain = "example.com";
  return {"other+x@" + domain, "someone-2@example.net"};
}

}  // namespace

bool Describer::other_allows(const std::string& action, const std::string& resource, const std::string& principal,
                             const std::map<std::string, std::vector<std::string>>& values) {
  const std::string memo_key = fmt::format("{}\n{}\n{}", action, resource, principal);
  if (const auto it = memo_.find(memo_key); it != memo_.end()) return it->second;
  eval::ReachQuery query;
  query.action = action;
  query.resource = resource;
  query.principal = principal;
  query.extra_values = values;
  eval::ReachOptions options;
  options.work_left = work_;
  if (other_boundary_ != nullptr)
    query.predicate = [this](const eval::Request& request) { return policy_allows(other_boundary_, request); };
  const auto result = eval::find_allowed_request(policy_set(other_), query, options);
  // An incomplete search proves nothing: say the other version may allow it (no stronger claim).
  const bool allows = result.witness.has_value() || !result.exhaustive;
  return memo_[memo_key] = allows;
}

Describer::Description Describer::describe(const Statement& statement, const eval::Request& witness,
                                const std::vector<std::string>& resources,
                                const std::map<std::string, std::vector<std::string>>& values) {
  const std::string& action = witness.action;
  bool action_before = false, resource_before = false;
  for (const auto& resource : resources) {
    for (const auto& principal : principals_) {
      if (!other_allows(action, resource, principal, values)) continue;
      action_before = true;
      if (resource == witness.resource) resource_before = true;
    }
  }
  if (!action_before) return {fmt::format("{} {} ({}: not allowed)", action, verb(), other_label_), "action"};
  if (!resource_before) {
    const std::string pattern = statement.resource && !statement.resource->negated && statement.resource->values.size() == 1
                                    ? std::string(statement.resource->values[0].text)
                                    : std::string();
    const std::string text = pattern.empty() || pattern == witness.resource
                                 ? fmt::format("resource {} {}", witness.resource, verb())
                                 : fmt::format("any resource matching {}, e.g. {}", pattern, witness.resource);
    return {fmt::format("{} ({}: {})", text, other_label_, listed(resource_patterns(other_, action))),
            pattern.empty() ? "resource " + witness.resource : "resource"};
  }
  if (other_.kind != PolicyKind::Identity && granting_.kind != PolicyKind::Identity &&
      !other_allows(action, witness.resource, witness.principal, values))
    return {fmt::format("principal {} {} ({}: {})", witness.principal, verb(), other_label_,
                        listed(principal_names(other_, action))),
            "principal " + witness.principal};
  auto text = describe_context(statement, witness, values);
  return {text, text};
}

std::string Describer::describe_context(const Statement& statement, const eval::Request& witness,
                                        const std::map<std::string, std::vector<std::string>>& values) const {
  std::set<std::string> keys;
  for (const auto& [key, vs] : witness.context.entries()) keys.insert(key);
  for (const auto& [key, vs] : values) keys.insert(to_lower(key));
  std::vector<std::string> parts;
  for (const auto& key : keys) {
    // The values of this key alone that the other version accepts with everything else the same.
    std::vector<std::optional<std::vector<std::string>>> candidates = {std::nullopt};
    for (const auto& [spelled, vs] : values)
      if (iequals(spelled, key))
        for (const auto& v : vs) candidates.push_back(std::vector<std::string>{v});
    if (eval::is_multivalued_key(key)) candidates.push_back(std::vector<std::string>{});
    std::vector<std::string> before;
    for (const auto& candidate : candidates) {
      eval::Request changed = witness;
      if (candidate) changed.context.set(key, *candidate);
      else changed.context.erase(key);
      if (changed.context.entries() == witness.context.entries()) continue;
      eval::normalize(changed);
      if (!eval::network_context_possible(changed) || !version_allows(&other_, other_boundary_, changed)) continue;
      const auto* now = changed.context.find(key);
      before.push_back(now != nullptr && now->size() == 1 && (*now)[0] == "seslint-fresh-value" ? "other values"
                                                                                                 : value_text(now));
    }
    if (before.empty()) continue;
    const auto* current = witness.context.find(key);
    const auto written = allowed_values(other_, witness.action, key);
    std::string spelled = key;
    for (const auto& [name, vs] : values)
      if (iequals(name, key)) spelled = name;
    const std::string label = key_label(spelled);
    std::string part;
    if (current == nullptr) {
      part = fmt::format("requests without {}", spelled);
    } else {
      const std::string shown = value_text(current);
      const std::string pattern = current->size() == 1 ? admitting_pattern(statement, key, (*current)[0]) : std::string();
      part = pattern.empty() ? fmt::format("{} {}", label, shown)
                             : fmt::format("any {} matching {}, e.g. {}", label, pattern, shown);
    }
    parts.push_back(fmt::format("{} ({}: {})", part, other_label_, listed(written.empty() ? before : written)));
  }
  if (!parts.empty()) return fmt::format("{}", fmt::join(parts, "; "));
  std::vector<std::string> context;
  for (const auto& [key, vs] : witness.context.entries()) context.push_back(fmt::format("{}={}", key, value_text(&vs)));
  return fmt::format("context {} {} ({}: denied; more than one condition differs)",
                     context.empty() ? std::string("{}") : fmt::format("{{{}}}", fmt::join(context, ", ")), verb(),
                     other_label_);
}

void Describer::tidy(eval::Request& witness, const std::map<std::string, std::vector<std::string>>& values) const {
  for (const auto& [key, candidates] : values) {
    const auto* current = witness.context.find(key);
    if (current == nullptr) continue;
    for (std::size_t i = 0; i < current->size(); ++i) {
      if (readable((*current)[i])) continue;
      std::vector<std::string> tried = candidates;
      for (auto& made_up : made_up_values(key, witness, candidates)) tried.push_back(std::move(made_up));
      for (const auto& candidate : tried) {
        if (!readable(candidate) || std::find(current->begin(), current->end(), candidate) != current->end()) continue;
        eval::Request changed = witness;
        auto replaced = *current;
        replaced[i] = candidate;
        changed.context.set(key, std::move(replaced));
        if (version_allows(&granting_, granting_boundary_, changed) && !version_allows(&other_, other_boundary_, changed)) {
          witness = std::move(changed);
          current = witness.context.find(key);
          break;
        }
      }
    }
  }
}

}  // namespace seslint::diff
