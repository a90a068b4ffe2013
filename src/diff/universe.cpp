#include "diff/universe.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "seslint/arn.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::diff {
namespace {

constexpr std::string_view kDefaultAccount = "111122223333";
constexpr std::string_view kOtherAccount = "999988887777";  // an account neither version names

// Adds `value` unless already there ignoring case; keeps first-seen order.
void add_unique(std::vector<std::string>& out, std::set<std::string>& seen, std::string value) {
  if (seen.insert(to_lower(value)).second) out.push_back(std::move(value));
}

std::string service_of(std::string_view action) {
  const auto colon = action.find(':');
  return to_lower(action.substr(0, colon == std::string_view::npos ? 0 : colon));
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// A pattern's wildcards filled with plausible text: '*' -> `star`, '?' -> 'x'.
std::string filled(std::string_view pattern, std::string_view star) {
  std::string out;
  for (char c : pattern) {
    if (c == '*') out += star;
    else out += c == '?' ? 'x' : c;
  }
  return out;
}

// An ARN pattern made a concrete ARN: each wildcard segment gets the default for its place.
std::optional<std::string> resource_instance(std::string_view pattern, std::string_view service) {
  if (has_variables(pattern)) return std::nullopt;  // known per request only
  const auto arn = split_arn(pattern);
  if (!arn) return std::nullopt;
  auto segment = [](std::string_view text, std::string_view fallback) {
    return text.empty() || text == "*" ? std::string(fallback) : filled(text, "x");
  };
  std::string resource = filled(arn->resource, "mail");
  if (service == "ses" && (arn->resource == "*" || arn->resource == "identity/*")) resource = "identity/mail.example.com";
  return fmt::format("arn:{}:{}:{}:{}:{}", segment(arn->partition, "aws"), segment(arn->service, service),
                     segment(arn->region, "us-east-1"), segment(arn->account, kDefaultAccount), resource);
}

bool about_action(const Statement& statement, std::string_view action) {
  return statement.action && statement_names_action(statement, action);
}

// Sorts by lower-cased text, folding each text once (with every action of the catalog, folding per
// comparison was most of a diff's time).
void sort_case_insensitively(std::vector<std::string>& texts) {
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) keyed.emplace_back(to_lower(texts[i]), i);
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> sorted;
  sorted.reserve(texts.size());
  for (auto& [key, index] : keyed) sorted.push_back(std::move(texts[index]));
  texts = std::move(sorted);
}

}  // namespace

bool statement_names_action(const Statement& statement, std::string_view action) {
  if (!statement.action) return false;
  const auto& values = statement.action->values;
  const bool any = std::any_of(values.begin(), values.end(),
                               [&](const StringNode& v) { return eval::action_matches(v.text, action); });
  return any != statement.action->negated;
}

std::vector<ActionGroup> action_groups(const std::vector<const Policy*>& policies) {
  const auto& catalog = aws::Catalog::builtin();
  std::vector<std::string> actions;
  std::set<std::string> seen;
  bool every_action = false;
  std::set<std::string> keys;  // every condition key either version reads
  for (const Policy* policy : policies)
    for (const auto& statement : policy->statements) {
      for (const auto& clause : statement.clauses) keys.insert(clause.key_member->key);
      if (!statement.action) continue;
      if (statement.action->negated) every_action = true;
      for (const auto& value : statement.action->values) {
        if (value.text == "*") every_action = true;
        for (const auto& [service, action] : catalog.expand(value.text))
          add_unique(actions, seen, (service->prefix + ":").append(action->name));
        if (!has_wildcard(value.text) && value.text.find(':') != std::string_view::npos)
          add_unique(actions, seen, std::string(value.text));  // not in the catalog: still an action to compare
      }
    }
  if (every_action)
    for (const auto& [service, action] : catalog.expand("*")) add_unique(actions, seen, (service->prefix + ":").append(action->name));
  sort_case_insensitively(actions);
  // The signature: which statements name the action, and which condition keys it carries.
  std::map<std::string, std::size_t> by_signature;
  std::vector<ActionGroup> groups;
  for (const auto& action : actions) {
    std::string signature = service_of(action) == "ses" ? "ses|" : "other|";
    for (const Policy* policy : policies) {
      for (const auto& statement : policy->statements) signature += about_action(statement, action) ? '1' : '0';
      signature += '|';
    }
    eval::Request probe{action, "arn:aws:ses:us-east-1:111122223333:identity/example.com", "", "", {}};
    for (const auto& key : keys) probe.context.set(key, {"x"});
    eval::normalize(probe);
    for (const auto& [key, values] : probe.context.entries()) signature += key + ",";
    if (signature.find('1') == std::string::npos) continue;  // no statement of either version names it
    const auto [it, fresh] = by_signature.emplace(signature, groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].actions.push_back(action);
  }
  return groups;
}

std::vector<std::string> resource_candidates(const std::vector<const Policy*>& policies, std::string_view action) {
  const std::string service = service_of(action);
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Policy* policy : policies)
    for (const auto& statement : policy->statements) {
      if (!statement.resource || !about_action(statement, action)) continue;
      for (const auto& value : statement.resource->values)
        if (auto instance = resource_instance(value.text, service)) add_unique(out, seen, std::move(*instance));
    }
  // ARNs only a wildcard matches: another identity, region, account and resource type.
  const bool ses = service == "ses";
  const std::string fresh_name = ses ? "identity/example-identity-2.example" : "example-resource-2";
  add_unique(out, seen, fmt::format("arn:aws:{}:us-east-1:{}:{}", service, kDefaultAccount, fresh_name));
  add_unique(out, seen, fmt::format("arn:aws:{}:ap-southeast-2:{}:{}", service, kDefaultAccount, fresh_name));
  add_unique(out, seen, fmt::format("arn:aws:{}:us-east-1:{}:{}", service, kOtherAccount, fresh_name));
  if (ses) add_unique(out, seen, fmt::format("arn:aws:ses:us-east-1:{}:configuration-set/example-configuration-set-2", kDefaultAccount));
  return out;
}

std::vector<std::string> principal_candidates(const std::vector<const Policy*>& policies) {
  const bool resource_policy = std::any_of(policies.begin(), policies.end(),
                                           [](const Policy* p) { return p->kind != PolicyKind::Identity; });
  if (!resource_policy) return {""};
  std::vector<std::string> out;
  std::set<std::string> seen;
  add_unique(out, seen, "");  // a user of the resource's own account
  for (const Policy* policy : policies)
    for (const auto& statement : policy->statements) {
      if (!statement.principal) continue;
      for (const auto& entry : statement.principal->entries)
        for (const auto& value : entry.values) {
          const std::string_view text = value.text;
          if (text == "*" || has_variables(text)) continue;
          if (entry.member->key != "AWS") {
            add_unique(out, seen, std::string(text));
            continue;
          }
          const auto arn = split_arn(text);
          if (text.size() == 12) add_unique(out, seen, fmt::format("arn:aws:iam::{}:user/example-user-2", text));
          else if (arn && arn->resource == "root")
            add_unique(out, seen, fmt::format("arn:aws:iam::{}:user/example-user-2", arn->account));
          else
            add_unique(out, seen, std::string(text));
        }
    }
  add_unique(out, seen, fmt::format("arn:aws:iam::{}:user/example-user-2", kOtherAccount));
  return out;
}

std::map<std::string, std::vector<std::string>> extra_values(const Policy& granting, const Policy& other,
                                                             std::string_view action) {
  std::map<std::string, std::vector<std::string>> out;
  std::map<std::string, std::set<std::string>> seen;
  std::map<std::string, std::vector<std::string>> cidrs;  // by key, from both versions
  std::map<std::string, std::string> spelled;              // lower-case key -> as written
  auto add = [&](const std::string& key, std::string value) {
    if (seen[key].insert(value).second) out[key].push_back(std::move(value));
  };
  for (const Policy* policy : {&granting, &other})
    for (const auto& statement : policy->statements) {
      if (!about_action(statement, action)) continue;
      for (const auto& clause : statement.clauses) {
        const auto& parsed = statement.operator_of(clause).parsed;
        const std::string key = to_lower(clause.key_member->key);
        spelled.emplace(key, clause.key_member->key);
        out[key];
        if (parsed.base == nullptr) continue;
        for (const auto& value : clause.values) {
          const std::string& text = value.text;
          switch (parsed.base->family) {
            case OperatorFamily::Ip: cidrs[key].push_back(text); break;
            case OperatorFamily::Bool: add(key, "true"); add(key, "false"); break;
            case OperatorFamily::Null: break;
            case OperatorFamily::Numeric:
            case OperatorFamily::Date:
              if (policy != &other) break;
              add(key, text);
              add(key, "0");
              add(key, "9999999999");
              break;
            default:
              // Another spelling of each value where a version ignores case: its own class.
              if (parsed.base->ignore_case) add(key, to_upper(text));
              // A readable instance of each pattern of both versions, tried for nicer witnesses.
              if (parsed.base->wildcards && has_wildcard(text))
                add(key, filled(text, text.rfind("*@", 0) == 0 ? "billing" : "x"));
              if (policy != &other) break;
              add(key, text);
              if (parsed.base->wildcards) add(key, filled(text, ""));
              if (parsed.base->ignore_case) add(key, to_lower(text));
              break;
          }
        }
      }
    }
  for (const auto& [key, ranges] : cidrs)
    for (auto& address : eval::ip_representatives(ranges, key == "aws:sourceip")) add(key, std::move(address));
  // The engine adds its fresh value only when given no extra values: keep it.
  for (auto& [key, values] : out)
    if (!cidrs.count(key)) add(key, std::string(eval::kFreshValue));
  // Keys as the policies spell them (the engine matches them ignoring case).
  std::map<std::string, std::vector<std::string>> spelled_out;
  for (auto& [key, values] : out) spelled_out[spelled[key]] = std::move(values);
  return spelled_out;
}

std::optional<std::vector<std::string>> keys_read(const Policy& policy, std::string_view action) {
  std::vector<std::string> keys;
  for (const auto& statement : policy.statements) {
    if (!about_action(statement, action)) continue;
    if (statement.resource)
      for (const auto& value : statement.resource->values)
        if (has_variables(value.text)) return std::nullopt;
    for (const auto& clause : statement.clauses) {
      for (const auto& value : clause.values)
        if (has_variables(value.text)) return std::nullopt;
      keys.push_back(clause.key_member->key);
    }
  }
  // The network keys are varied (and read) whenever the engine keeps requests realistic.
  for (const char* key : {"aws:SourceIp", "aws:SourceVpce", "aws:SourceVpc", "aws:VpcSourceIp"}) keys.emplace_back(key);
  return keys;
}

void canonical_text(const JsonValue& value, std::string& out) {
  out += static_cast<char>('0' + static_cast<int>(value.kind));
  out += value.text;
  out += '\x1f';
  for (const auto& item : value.items) canonical_text(item, out);
  for (const auto& member : value.members) {
    out += member.key;
    out += '\x1e';
    canonical_text(member.value, out);
  }
  out += '\x1d';
}

void walk_templated_values(const JsonValue& value, bool& found) {
  if (found) return;
  if (value.templated) found = true;
  for (const auto& item : value.items) walk_templated_values(item, found);
  for (const auto& member : value.members) walk_templated_values(member.value, found);
}

bool has_deploy_time_value(const Statement& statement) {
  bool found = false;
  if (statement.node != nullptr) walk_templated_values(*statement.node, found);
  return found;
}

}  // namespace seslint::diff
