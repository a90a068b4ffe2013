#include "seslint/reach.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"

namespace seslint::eval {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

// Addresses that never appear in aws:SourceIp: private, shared, loopback, link-local, multicast,
// reserved (facts §3.1).
constexpr std::array<std::string_view, 15> kSpecialRanges = {
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.168.0.0/16", "224.0.0.0/3", "::/127", "::ffff:0:0/96", "fc00::/7", "fe80::/10", "ff00::/8",
    "64:ff9b::/96", "100::/64"};
// Pretty first choices for "a public address outside every range".
constexpr std::array<std::string_view, 2> kPreferredPublic = {"52.0.0.1", "2600:1f18::1"};

IpNetwork last_of(const IpNetwork& network) {
  IpNetwork last = network.network();
  for (int bit = network.prefix; bit < network.bits(); ++bit) last.bytes[bit / 8] |= static_cast<std::uint8_t>(0x80 >> (bit % 8));
  return last;
}

// Adds one within the family's width; false on overflow past the last address.
bool increment(IpNetwork& address) {
  for (int i = address.bits() / 8 - 1; i >= 0; --i) {
    if (++address.bytes[i] != 0) return true;
  }
  return false;
}

IpNetwork as_address(IpNetwork network) {
  network.prefix = network.bits();
  network.explicit_prefix = false;
  return network;
}

// An instance of a StringLike pattern: '*' becomes nothing, '?' becomes 'x'.
std::string instance_of(std::string_view pattern) {
  std::string out;
  for (char c : pattern)
    if (c != '*') out += c == '?' ? 'x' : c;
  return out;
}

struct KeyPlan {
  std::string key;
  bool multivalued = false;
  std::vector<std::optional<std::vector<std::string>>> choices;  // nullopt: key absent
};

// Collects, per condition key, the constants the policies compare it with, by operator family.
struct KeyConstants {
  std::string key;
  std::vector<std::string> strings, cidrs, numbers;
  bool boolean = false;
};

// Only statements that can apply to the request's action and resource can change the decision, so
// only their keys are varied (exact, and it keeps the product small on large policies).
bool may_apply(const Policy& policy, const Statement& statement, const Request& request) {
  if (!statement.action) return false;
  const auto& actions = statement.action->values;
  const bool action_hit = std::any_of(actions.begin(), actions.end(),
                                      [&](const StringNode& v) { return action_matches(v.text, request.action); });
  if (action_hit == statement.action->negated) return false;
  if (!statement.resource) return true;
  const auto& resources = statement.resource->values;
  const bool resource_hit = std::any_of(resources.begin(), resources.end(), [&](const StringNode& v) {
    return v.text.find("${") != std::string_view::npos || resource_matches(policy, v.text, request);
  });
  return statement.resource->negated || resource_hit;  // NotResource: kept, to stay exact
}

void collect(const Policy& policy, const Request& request, std::map<std::string, KeyConstants>& keys) {
  for (const auto& statement : policy.statements) {
    if (!may_apply(policy, statement, request)) continue;
    for (const auto& clause : statement.clauses) {
      const auto& parsed = statement.operator_of(clause).parsed;
      if (parsed.base == nullptr) continue;
      auto& constants = keys[to_lower(clause.key_member->key)];
      constants.key = clause.key_member->key;
      for (const auto& value : clause.values) {
        switch (parsed.base->family) {
          case OperatorFamily::Ip: constants.cidrs.push_back(value.text); break;
          case OperatorFamily::Bool: constants.boolean = true; break;
          case OperatorFamily::Numeric:
          case OperatorFamily::Date: constants.numbers.push_back(value.text); break;
          case OperatorFamily::Null: break;
          default:
            constants.strings.push_back(value.text);
            if (parsed.base->wildcards) constants.strings.push_back(instance_of(value.text));
            if (parsed.base->ignore_case) constants.strings.push_back(to_lower(value.text));
            break;
        }
      }
    }
  }
}

KeyPlan plan_for(const KeyConstants& constants, const std::vector<std::string>& extra) {
  KeyPlan plan;
  plan.key = constants.key;
  plan.multivalued = is_multivalued_key(constants.key);
  std::vector<std::string> singles;
  const bool source_ip = iequals(constants.key, "aws:SourceIp");
  if (!constants.cidrs.empty() || source_ip) {
    singles = ip_representatives(constants.cidrs, source_ip);
  } else if (constants.boolean) {
    singles = {"true", "false"};
  } else {
    singles = constants.strings;
    for (const auto& n : constants.numbers) {
      singles.push_back(n);
      singles.push_back("0");
      singles.push_back("9999999999");
    }
    // A value matching no literal and, almost surely, no pattern; the query's own probes do that job.
    if (extra.empty()) singles.push_back("seslint-fresh-value");
  }
  singles.insert(singles.end(), extra.begin(), extra.end());
  // De-duplicate, keeping the first occurrence: the order is the order witnesses are tried in.
  std::set<std::string> seen;
  singles.erase(std::remove_if(singles.begin(), singles.end(), [&](const std::string& s) { return !seen.insert(s).second; }),
                singles.end());
  // Present values first and absence last, so that the first witness is the most telling one;
  // except VPC endpoint keys, which internet requests (the common case) do not carry.
  const bool vpc_key = iequals(constants.key, "aws:SourceVpce") || iequals(constants.key, "aws:SourceVpc") ||
                       iequals(constants.key, "aws:VpcSourceIp");
  if (vpc_key) plan.choices.push_back(std::nullopt);
  if (plan.multivalued) {
    plan.choices.push_back(std::vector<std::string>{});
    for (const auto& s : singles) plan.choices.push_back(std::vector<std::string>{s});
    for (const auto& s : singles)
      if (s != "seslint-fresh-value") plan.choices.push_back(std::vector<std::string>{s, "seslint-fresh-value"});
  } else {
    for (const auto& s : singles) plan.choices.push_back(std::vector<std::string>{s});
  }
  if (!vpc_key) plan.choices.push_back(std::nullopt);
  return plan;
}

}  // namespace

bool is_private_address(std::string_view address) {
  const auto parsed = parse_ip_network(address);
  if (!parsed) return false;
  return std::any_of(kSpecialRanges.begin(), kSpecialRanges.end(),
                     [&](std::string_view range) { return parse_ip_network(range)->contains(*parsed); });
}

bool network_context_possible(const Request& request) {
  if (request.context.find("aws:SourceIp") == nullptr) return true;
  return request.context.find("aws:SourceVpce") == nullptr && request.context.find("aws:SourceVpc") == nullptr &&
         request.context.find("aws:VpcSourceIp") == nullptr;
}

bool is_private_range(const IpNetwork& network) {
  const IpNetwork first = as_address(network.network()), last = as_address(last_of(network));
  return std::any_of(kSpecialRanges.begin(), kSpecialRanges.end(), [&](std::string_view range) {
    const auto special = *parse_ip_network(range);
    return special.contains(first) && special.contains(last);
  });
}

std::vector<std::string> ip_representatives(const std::vector<std::string>& cidrs, bool public_only) {
  std::vector<std::string> out;
  for (std::string_view preferred : kPreferredPublic) {
    const auto address = *parse_ip_network(preferred);
    const bool outside = std::none_of(cidrs.begin(), cidrs.end(), [&](const std::string& c) {
      const auto n = parse_ip_network(c);
      return n && n->contains(address);
    });
    if (outside) out.emplace_back(preferred);
  }
  // Class boundaries: the first address of every range and the one after its last.
  std::set<std::pair<bool, Bytes>> starts = {{false, Bytes{}}, {true, Bytes{}}};
  auto add_range = [&](const IpNetwork& network) {
    const IpNetwork first = network.network();
    starts.insert({first.v6, first.bytes});
    IpNetwork after = last_of(network);
    if (increment(after)) starts.insert({after.v6, after.bytes});
  };
  for (const auto& c : cidrs)
    if (const auto n = parse_ip_network(c)) add_range(*n);
  for (std::string_view range : kSpecialRanges) add_range(*parse_ip_network(range));
  for (const auto& [v6, bytes] : starts) {
    IpNetwork address;
    address.v6 = v6;
    address.bytes = bytes;
    address = as_address(address);
    // Avoid network and all-zero addresses where the class has more: pick start + 1 when it stays inside.
    IpNetwork nicer = address;
    if (increment(nicer) && starts.count({v6, nicer.bytes}) == 0) address = nicer;
    const std::string text = address.to_string();
    if (public_only && is_private_address(text)) continue;
    out.push_back(text);
  }
  return out;
}

ReachResult find_allowed_request(const PolicySet& policies, const ReachQuery& query, const ReachOptions& options) {
  Request base{query.action, query.resource, query.principal, query.account_id, {}};
  normalize(base);
  std::map<std::string, KeyConstants> constants;
  for (const Policy* policy : policies.identity) collect(*policy, base, constants);
  if (policies.resource != nullptr) collect(*policies.resource, base, constants);
  for (const auto& [key, values] : query.extra_values) constants[to_lower(key)].key = key;
  std::vector<KeyPlan> plans;
  for (const auto& [lowered, c] : constants) {
    const auto extra = query.extra_values.find(c.key);
    plans.push_back(plan_for(c, extra == query.extra_values.end() ? std::vector<std::string>{} : extra->second));
  }
  ReachResult result;
  std::vector<std::size_t> index(plans.size(), 0);  // a mixed-radix counter over the choices
  for (;;) {
    if (result.tried >= options.max_requests) {
      result.exhaustive = false;
      return result;
    }
    Request request = base;
    for (std::size_t k = 0; k < plans.size(); ++k)
      if (const auto& choice = plans[k].choices[index[k]]) request.context.set(plans[k].key, *choice);
    normalize(request);
    ++result.tried;
    if ((!options.realistic_network || network_context_possible(request)) && (!query.predicate || query.predicate(request)) && evaluate(policies, request).decision == Decision::Allowed) {
      result.witness = std::move(request);
      return result;
    }
    std::size_t k = 0;
    while (k < plans.size() && ++index[k] == plans[k].choices.size()) index[k++] = 0;
    if (k == plans.size()) return result;
  }
}

}  // namespace seslint::eval
