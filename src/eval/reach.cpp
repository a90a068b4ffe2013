#include "seslint/reach.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "eval/value_index.hpp"
#include "seslint/bounded_memo.hpp"
#include "seslint/values.hpp"

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
    if (extra.empty()) singles.emplace_back(kFreshValue);
  }
  singles.insert(singles.end(), extra.begin(), extra.end());
  // De-duplicate, keeping the first occurrence: the order is the order witnesses are tried in.
  std::unordered_set<std::string_view> seen;
  std::vector<std::string> distinct;
  for (const auto& s : singles)
    if (seen.insert(s).second) distinct.push_back(s);  // `seen` views `singles`, which stays put
  singles = std::move(distinct);
  // Present values first and absence last, so that the first witness is the most telling one;
  // except VPC endpoint keys, which internet requests (the common case) do not carry.
  const bool vpc_key = iequals(constants.key, "aws:SourceVpce") || iequals(constants.key, "aws:SourceVpc") ||
                       iequals(constants.key, "aws:VpcSourceIp");
  if (vpc_key) plan.choices.push_back(std::nullopt);
  if (plan.multivalued) {
    plan.choices.push_back(std::vector<std::string>{});
    for (const auto& s : singles) plan.choices.push_back(std::vector<std::string>{s});
    for (const auto& s : singles)
      if (s != kFreshValue) plan.choices.push_back(std::vector<std::string>{s, std::string(kFreshValue)});
  } else {
    for (const auto& s : singles) plan.choices.push_back(std::vector<std::string>{s});
  }
  if (!vpc_key) plan.choices.push_back(std::nullopt);
  return plan;
}

// What a choice of a key looks like to a clause that matches none of its values.
enum Shape : std::uint8_t { kAbsent, kEmpty, kSingle, kWithFresh, kOther, kShapes };

// A key's choices grouped for tabling clauses: a clause holds alike on all choices of one shape
// whose values it does not match, so its table is one entry per shape plus the choices holding a
// value it matches, found from the clause's side (ValueIndex::matching). That keeps tabling many
// clauses over a key with many representatives linear rather than clauses times representatives.
struct ChoiceGroups {
  std::vector<Shape> shapes;                         // per choice
  std::array<std::size_t, kShapes> count{};          // choices per shape
  std::unique_ptr<CandidateValues> firsts;           // the distinct first values of kSingle and kWithFresh choices
  std::vector<std::uint32_t> holder_start;           // per first value: where its choices begin in `holders`
  std::vector<std::uint32_t> holders;                // the choices, grouped by first value
  std::vector<std::uint32_t> others;                 // the kOther choices
};

Shape shape_of(const std::optional<std::vector<std::string>>& choice) {
  if (!choice) return kAbsent;
  if (choice->empty()) return kEmpty;
  if (choice->size() == 1) return kSingle;
  if (choice->size() == 2 && (*choice)[1] == kFreshValue && (*choice)[0] != kFreshValue) return kWithFresh;
  return kOther;
}

ChoiceGroups group_choices(const KeyPlan& plan) {
  ChoiceGroups groups;
  std::vector<std::string_view> firsts;
  std::unordered_map<std::string_view, std::uint32_t> position;  // for many choices; few are searched
  std::vector<std::pair<std::uint32_t, std::uint32_t>> held;     // (first value, choice)
  const bool many = plan.choices.size() > 16;
  groups.shapes.reserve(plan.choices.size());
  for (std::uint32_t i = 0; i < plan.choices.size(); ++i) {
    const Shape shape = shape_of(plan.choices[i]);
    groups.shapes.push_back(shape);
    ++groups.count[shape];
    if (shape == kOther) groups.others.push_back(i);
    if (shape != kSingle && shape != kWithFresh) continue;
    const std::string_view first = (*plan.choices[i])[0];
    const auto next = static_cast<std::uint32_t>(firsts.size());
    const auto value = many ? position.emplace(first, next).first->second
                            : static_cast<std::uint32_t>(std::find(firsts.begin(), firsts.end(), first) - firsts.begin());
    if (value == next) firsts.push_back(first);
    held.emplace_back(value, i);
  }
  std::stable_sort(held.begin(), held.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  groups.holder_start.assign(firsts.size() + 1, 0);
  for (const auto& [first, choice] : held) {
    ++groups.holder_start[first + 1];
    groups.holders.push_back(choice);
  }
  for (std::size_t v = 0; v < firsts.size(); ++v) groups.holder_start[v + 1] += groups.holder_start[v];
  groups.firsts = std::make_unique<CandidateValues>(std::move(firsts));
  return groups;
}

// A clause's truth on each choice of its own key: by shape, except where listed; without groups
// (a key with few choices, or a clause the index does not take), false except where listed.
struct Truth {
  const ChoiceGroups* groups = nullptr;
  std::array<char, kShapes> by_shape{};
  std::vector<std::pair<std::uint32_t, char>> exceptions;  // (choice, truth), sorted by choice

  bool at(std::size_t choice) const {
    const auto it = std::lower_bound(exceptions.begin(), exceptions.end(), choice,
                                     [](const auto& exception, std::size_t c) { return exception.first < c; });
    if (it != exceptions.end() && it->first == choice) return it->second != 0;
    return groups != nullptr && by_shape[groups->shapes[choice]] != 0;
  }
  std::size_t trues() const {
    auto shape_truth = [&](std::uint32_t choice) { return groups != nullptr && by_shape[groups->shapes[choice]] ? 1 : 0; };
    std::size_t n = 0;
    for (std::size_t shape = 0; groups != nullptr && shape < kShapes; ++shape) n += by_shape[shape] ? groups->count[shape] : 0;
    for (const auto& [choice, truth] : exceptions) n = n - shape_truth(choice) + (truth ? 1 : 0);
    return n;
  }
};

}  // namespace

namespace {

const std::vector<IpNetwork>& special_networks() {
  static const std::vector<IpNetwork> parsed = [] {
    std::vector<IpNetwork> out;
    for (std::string_view range : kSpecialRanges) out.push_back(*parse_ip_network(range));
    return out;
  }();
  return parsed;
}

bool is_private(const IpNetwork& address) {
  return std::any_of(special_networks().begin(), special_networks().end(),
                     [&](const IpNetwork& range) { return range.contains(address); });
}

}  // namespace

bool is_private_address(std::string_view address) {
  const auto parsed = parse_ip_network(address);
  return parsed && is_private(*parsed);
}

bool network_context_possible(const Request& request) {
  if (request.context.find("aws:SourceIp") == nullptr) return true;
  return request.context.find("aws:SourceVpce") == nullptr && request.context.find("aws:SourceVpc") == nullptr &&
         request.context.find("aws:VpcSourceIp") == nullptr;
}

bool is_private_range(const IpNetwork& network) {
  const IpNetwork first = as_address(network.network()), last = as_address(last_of(network));
  return std::any_of(special_networks().begin(), special_networks().end(),
                     [&](const IpNetwork& special) { return special.contains(first) && special.contains(last); });
}

namespace {

std::vector<std::string> ip_representatives_uncached(const std::vector<std::string>& cidrs, bool public_only) {
  std::vector<std::string> out;
  std::vector<IpNetwork> networks;
  for (const auto& c : cidrs)
    if (const auto n = parse_ip_network(c)) networks.push_back(*n);
  for (std::string_view preferred : kPreferredPublic) {
    const auto address = *parse_ip_network(preferred);
    if (std::none_of(networks.begin(), networks.end(), [&](const IpNetwork& n) { return n.contains(address); }))
      out.emplace_back(preferred);
  }
  // Class boundaries: the first address of every range and the one after its last.
  std::set<std::pair<bool, Bytes>> starts = {{false, Bytes{}}, {true, Bytes{}}};
  auto add_range = [&](const IpNetwork& network) {
    const IpNetwork first = network.network();
    starts.insert({first.v6, first.bytes});
    IpNetwork after = last_of(network);
    if (increment(after)) starts.insert({after.v6, after.bytes});
  };
  for (const auto& n : networks) add_range(n);
  for (const auto& range : special_networks()) add_range(range);
  for (const auto& [v6, bytes] : starts) {
    IpNetwork address;
    address.v6 = v6;
    address.bytes = bytes;
    address = as_address(address);
    // Avoid network and all-zero addresses where the class has more: pick start + 1 when it stays inside.
    IpNetwork nicer = address;
    if (increment(nicer) && starts.count({v6, nicer.bytes}) == 0) address = nicer;
    if (public_only && is_private(address)) continue;
    out.push_back(address.to_string());
  }
  return out;
}

}  // namespace

// The SES rules ask several queries about one policy's addresses: each thread works out a list's
// representatives once (a third of a small file's reachability work was repeating this).
std::vector<std::string> ip_representatives(const std::vector<std::string>& cidrs, bool public_only) {
  thread_local BoundedMemo<std::map<std::pair<std::vector<std::string>, bool>, std::vector<std::string>>> memo(256);
  return memo.get(std::make_pair(cidrs, public_only), [&] { return ip_representatives_uncached(cidrs, public_only); });
}

namespace {

bool is_network_key(std::string_view lowered) {
  return lowered == "aws:sourceip" || lowered == "aws:sourcevpce" || lowered == "aws:sourcevpc" ||
         lowered == "aws:vpcsourceip";
}

// The search for a witness: keys are set one at a time, the most significant first, in the order
// the product used to be enumerated in (so the first witness is the same), and each statement's
// clauses are decided as soon as the keys they read are set. A part of the product is skipped when a
// Deny surely applies in all of it, when no Allow still can, or when P fails on the keys it reads.
class Search {
 public:
  Search(const PolicySet& policies, const ReachQuery& query, const ReachOptions& options)
      : policies_(policies), query_(query), options_(options) {}

  ReachResult run() {
    if (budget_spent() || options_.max_requests == 0) {
      result_.exhaustive = false;
      return std::move(result_);
    }
    base_ = Request{query_.action, query_.resource, query_.principal, query_.account_id, {}};
    normalize(base_);
    if (!allow_possible()) return std::move(result_);  // exhaustive: no request is allowed
    plan_keys();
    find_candidates();
    plan_search();
    if (setup_cut_short_) {
      result_.exhaustive = false;
      return std::move(result_);
    }
    current_ = base_;
    for (std::size_t k = 0; k < plans_.size(); ++k)
      if (!matters_[k]) assign(k, 0);
    if (predicate_at_ == kAtStart && !query_.predicate(current_)) return std::move(result_);
    if (could_allow()) descend(0);
    return std::move(result_);
  }

 private:
  struct Candidate {
    const Policy* policy;
    const Statement* statement;
    StatementRole role;
    bool resource_policy;
    std::size_t pending = 0, failed = 0;  // checks not yet decided, and decided false
  };
  // A condition clause of a candidate (or its Resource, when that reads a varied key), decided
  // when the last key it reads is set: from a table over its own key's choices when it reads no
  // other key, else by the evaluator on the request built so far.
  struct Check {
    std::size_t candidate;
    const ConditionClause* clause = nullptr;  // nullptr: the Resource
    std::size_t key = 0;                      // the key whose choice indexes `truth`
    std::optional<Truth> truth;               // nullopt: evaluate
  };
  struct Change {
    std::size_t candidate;
    bool failed;
  };

  // False when no Allow can apply whatever the context: decided on statement roles and Resources
  // alone, before any key is planned (most probes of a policy end here). A Resource that reads a
  // policy variable may apply.
  bool allow_possible() const {
    bool identity = false, specific = false, account = false;
    for_each_statement([&](const Policy& policy, const Statement& statement, bool resource_policy) {
      const StatementRole role = statement_role(statement, base_, resource_policy);
      if (role == StatementRole::None || role == StatementRole::Deny) return;
      if (!resource_reads_variables(policy, statement) && !resource_applies(policy, statement, base_, resource_policy))
        return;
      (role == StatementRole::IdentityAllow ? identity : role == StatementRole::ResourceAllowSpecific ? specific : account) = true;
    });
    return combine(policies_, base_, {false, identity, specific, account}) == Decision::Allowed;
  }

  // fn(policy, statement, resource_policy) for every statement of the identity policies, then the
  // resource policy's.
  template <typename Fn>
  void for_each_statement(Fn&& fn) const {
    for (const Policy* policy : policies_.identity)
      for (const auto& statement : policy->statements) fn(*policy, statement, false);
    if (policies_.resource != nullptr)
      for (const auto& statement : policies_.resource->statements) fn(*policies_.resource, statement, true);
  }

  // Policy variables count only in a 2012-10-17 policy; before that "${" is literal text.
  static bool reads_variables(const Policy& policy, std::string_view text) {
    return policy.version_text() == "2012-10-17" && has_variables(text);
  }

  static bool resource_reads_variables(const Policy& policy, const Statement& statement) {
    return statement.resource && std::any_of(statement.resource->values.begin(), statement.resource->values.end(),
                                             [&](const auto& value) { return reads_variables(policy, value.text); });
  }

  // The keys to vary and their choices, as the full product had them.
  void plan_keys() {
    std::map<std::string, KeyConstants> constants;
    for (const Policy* policy : policies_.identity) collect(*policy, base_, constants);
    if (policies_.resource != nullptr) collect(*policies_.resource, base_, constants);
    for (const auto& [key, values] : query_.extra_values) constants[to_lower(key)].key = key;
    for (const auto& [lowered, c] : constants) {
      const auto extra = query_.extra_values.find(c.key);
      plans_.push_back(plan_for(c, extra == query_.extra_values.end() ? std::vector<std::string>{} : extra->second));
      // A key the action never carries is dropped by normalize: it is absent whatever its choice.
      Request carried = base_;
      carried.context.set(c.key, {"x"});
      normalize(carried);
      if (carried.context.find(c.key) == nullptr) plans_.back().choices = {std::nullopt};
      index_.emplace(lowered, plans_.size() - 1);
    }
    matters_.assign(plans_.size(), false);
    choice_.assign(plans_.size(), 0);
    groups_.resize(plans_.size());
  }

  std::optional<std::size_t> plan_index(std::string_view key) const {
    const auto it = index_.find(to_lower(key));
    return it == index_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }

  // The varied keys that policy variables in `text` read.
  void variable_keys(const Policy& policy, std::string_view text, std::vector<std::size_t>& out) const {
    if (!reads_variables(policy, text)) return;
    for (const auto& ref : find_variables(text))
      if (const auto k = plan_index(ref.name)) out.push_back(*k);
  }

  void find_candidates() {
    for_each_statement([&](const Policy& policy, const Statement& statement, bool resource_policy) {
      const StatementRole role = statement_role(statement, base_, resource_policy);
      if (role == StatementRole::None) return;
      std::vector<std::size_t> resource_keys;
      if (statement.resource)
        for (const auto& value : statement.resource->values) variable_keys(policy, value.text, resource_keys);
      if (resource_keys.empty() && !resource_applies(policy, statement, base_, resource_policy)) return;
      candidates_.push_back({&policy, &statement, role, resource_policy});
      if (!resource_keys.empty()) add_check(Check{candidates_.size() - 1, nullptr, 0, {}}, resource_keys);
      for (const auto& clause : statement.clauses) add_clause_check(candidates_.size() - 1, clause);
    });
  }

  void add_clause_check(std::size_t candidate, const ConditionClause& clause) {
    const Candidate& c = candidates_[candidate];
    std::vector<std::size_t> keys;
    const auto own = plan_index(clause.key_member->key);
    if (own) keys.push_back(*own);
    for (const auto& value : clause.values) variable_keys(*c.policy, value.text, keys);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    if (keys.empty()) {  // reads no varied key: decided once, on the key's absence
      spend(clause.values.size() + 1);
      if (budget_spent()) setup_cut_short_ = true;
      if (!clause_holds(*c.policy, *c.statement, clause, base_)) ++candidates_[candidate].failed;
      return;
    }
    Check check{candidate, &clause, 0, std::nullopt};
    if (keys.size() == 1 && own) {
      check.key = *own;
      check.truth = truth_table(c, clause, *own);
      const std::size_t trues = check.truth->trues();
      if (trues == plans_[*own].choices.size()) return;  // holds whatever the request: no constraint
      if (trues == 0) {
        ++candidates_[candidate].failed;  // never holds: the statement never applies
        return;
      }
    }
    add_check(std::move(check), keys);
  }

  const ChoiceGroups& groups_for(std::size_t key) {
    if (!groups_[key]) groups_[key] = std::make_unique<ChoiceGroups>(group_choices(plans_[key]));
    return *groups_[key];
  }

  // The clause's value on each choice of its own key.
  Truth truth_table(const Candidate& c, const ConditionClause& clause, std::size_t own) {
    const auto index = ValueIndex::build(*c.policy, *c.statement, clause);
    if (!index) return evaluated_truth_table(c, clause, own);
    // Few choices: testing each is cheaper than grouping them.
    return plans_[own].choices.size() > kFewChoices ? indexed_truth_table(c, clause, *index, own)
                                                    : scanned_truth_table(c, clause, *index, own);
  }

  static constexpr std::size_t kFewChoices = 16;

  Truth scanned_truth_table(const Candidate& c, const ConditionClause& clause, const ValueIndex& index, std::size_t own) {
    Truth truth;
    const auto& choices = plans_[own].choices;
    auto any_match = [&](std::string_view value) { return index.any_match(value); };
    for (std::uint32_t i = 0; i < choices.size(); ++i)
      if (clause_holds_given(*c.statement, clause, choices[i] ? &*choices[i] : nullptr, any_match))
        truth.exceptions.emplace_back(i, 1);
    spend(choices.size() * index.scan_cost());
    if (budget_spent()) setup_cut_short_ = true;
    return truth;
  }

  // By shape, then the choices holding a value the clause matches (and the odd-shaped ones).
  Truth indexed_truth_table(const Candidate& c, const ConditionClause& clause, const ValueIndex& index, std::size_t own) {
    const ChoiceGroups& groups = groups_for(own);
    const auto& choices = plans_[own].choices;
    Truth truth;
    truth.groups = &groups;
    truth.by_shape = shape_truths(*c.statement, clause, index, groups);
    std::vector<std::uint32_t> matched, affected = groups.others;
    std::size_t work = index.matching(*groups.firsts, matched);
    for (const std::uint32_t value : matched)
      affected.insert(affected.end(), groups.holders.begin() + groups.holder_start[value],
                      groups.holders.begin() + groups.holder_start[value + 1]);
    std::sort(affected.begin(), affected.end());
    const bool fresh_matches = index.any_match(kFreshValue);
    for (const std::uint32_t choice : affected) {
      // The first value of a grouped choice is matched (that is why it is here): not tested again.
      const std::string_view first = groups.shapes[choice] == kOther ? std::string_view() : (*choices[choice])[0];
      const char value = clause_holds_given(*c.statement, clause, &*choices[choice], [&](std::string_view v) {
                           if (!first.empty() && v == first) return true;
                           return v == kFreshValue ? fresh_matches : index.any_match(v);
                         }) ? 1 : 0;
      if (value != truth.by_shape[groups.shapes[choice]]) truth.exceptions.emplace_back(choice, value);
    }
    spend(work + affected.size() + kShapes);
    if (budget_spent()) setup_cut_short_ = true;
    return truth;
  }

  // The clause's value on a choice of each shape the key has whose values it matches none of.
  static std::array<char, kShapes> shape_truths(const Statement& statement, const ConditionClause& clause,
                                                const ValueIndex& index, const ChoiceGroups& groups) {
    // Stand-ins for each shape's values, none matched but the fresh one (made once: read-only).
    static const std::vector<std::string> empty, unmatched = {""}, unmatched_with_fresh = {"", std::string(kFreshValue)};
    auto holds = [&](Shape shape, const std::vector<std::string>* values, const std::function<bool(std::string_view)>& matches) {
      return groups.count[shape] > 0 && clause_holds_given(statement, clause, values, matches) ? 1 : 0;
    };
    const bool fresh_matches = groups.count[kWithFresh] > 0 && index.any_match(kFreshValue);
    std::array<char, kShapes> truths{};
    truths[kAbsent] = static_cast<char>(holds(kAbsent, nullptr, [](std::string_view) { return false; }));
    truths[kEmpty] = static_cast<char>(holds(kEmpty, &empty, [](std::string_view) { return false; }));
    truths[kSingle] = static_cast<char>(holds(kSingle, &unmatched, [](std::string_view) { return false; }));
    truths[kWithFresh] = static_cast<char>(holds(kWithFresh, &unmatched_with_fresh, [&](std::string_view value) {
      return value == kFreshValue && fresh_matches;
    }));
    return truths;
  }

  // Evaluated on each choice (operators and values the index does not take).
  Truth evaluated_truth_table(const Candidate& c, const ConditionClause& clause, std::size_t own) {
    Truth truth;  // false by shape: the exceptions are the choices it holds on
    const auto& choices = plans_[own].choices;
    for (std::uint32_t i = 0; i < choices.size() && !setup_cut_short_; ++i) {
      spend(clause.values.size() + 1);
      if (budget_spent()) setup_cut_short_ = true;  // the search does not run: the table is never read
      Request request = base_;
      if (choices[i]) request.context.set(clause.key_member->key, *choices[i]);
      if (clause_holds(*c.policy, *c.statement, clause, request)) truth.exceptions.emplace_back(i, 1);
    }
    return truth;
  }

  void add_check(Check check, const std::vector<std::size_t>& keys) {
    ++candidates_[check.candidate].pending;
    for (const std::size_t k : keys) matters_[k] = true;
    pending_checks_.emplace_back(std::move(check), keys);
  }

  // Which keys the search sets, in which order, and what is decided after each.
  void plan_search() {
    std::vector<std::size_t> predicate_keys;
    for (std::size_t k = 0; k < plans_.size(); ++k) {
      const std::string lowered = to_lower(plans_[k].key);
      if (options_.realistic_network && is_network_key(lowered)) matters_[k] = true;
      if (query_.predicate && query_.predicate_keys.empty()) matters_[k] = true;  // P may read any key
    }
    for (const auto& key : query_.predicate_keys)
      if (const auto k = plan_index(key)) {
        matters_[*k] = true;
        predicate_keys.push_back(*k);
      }
    for (std::size_t k = plans_.size(); k-- > 0;)
      if (matters_[k]) order_.push_back(k);
    std::vector<std::size_t> position(plans_.size(), 0);
    for (std::size_t p = 0; p < order_.size(); ++p) position[order_[p]] = p;
    fires_.resize(order_.size() + 1);
    for (auto& [check, keys] : pending_checks_) {
      std::size_t last = 0;
      for (const std::size_t k : keys) last = std::max(last, position[k]);
      fires_[last].push_back(std::move(check));
    }
    // P is tested once all its keys are set: at the deepest of them, or on complete requests.
    if (query_.predicate && !query_.predicate_keys.empty()) {
      predicate_early_ = true;
      predicate_at_ = predicate_keys.empty() ? kAtStart : 0;
      for (const std::size_t k : predicate_keys) predicate_at_ = std::max(predicate_at_, position[k]);
    }
    for (const auto& c : candidates_) count(c, +1);
  }

  void spend(std::size_t work) {
    if (options_.work_left != nullptr) *options_.work_left -= std::min(*options_.work_left, work);
  }

  bool budget_spent() const { return options_.work_left != nullptr && *options_.work_left == 0; }

  bool out_of_work() {
    if (result_.tried < options_.max_requests && (options_.work_left == nullptr || *options_.work_left > 0)) return false;
    result_.exhaustive = false;
    return true;
  }

  void assign(std::size_t k, std::size_t choice) {
    if (const auto& values = plans_[k].choices[choice])
      current_.context.set(plans_[k].key, *values);
    else
      current_.context.erase(plans_[k].key);
  }

  // Adds or removes a candidate's part in the tallies the pruning reads.
  void count(const Candidate& c, int sign) {
    auto add = [&](std::size_t& tally) { tally = sign > 0 ? tally + 1 : tally - 1; };
    if (c.failed > 0) return;
    switch (c.role) {
      case StatementRole::Deny:
        if (c.pending == 0) add(holding_denies_);
        break;
      case StatementRole::IdentityAllow: add(alive_.identity); break;
      case StatementRole::ResourceAllowSpecific: add(alive_.specific); break;
      case StatementRole::ResourceAllowAccount: add(alive_.account); break;
      case StatementRole::None: break;
    }
  }

  // False when no completion of the request built so far can be allowed.
  bool could_allow() const {
    if (holding_denies_ > 0) return false;
    return combine(policies_, base_, {false, alive_.identity > 0, alive_.specific > 0, alive_.account > 0}) ==
           Decision::Allowed;
  }

  bool decide(const Check& check) {
    const Candidate& c = candidates_[check.candidate];
    if (check.truth) return check.truth->at(choice_[check.key]);
    if (check.clause == nullptr) return resource_applies(*c.policy, *c.statement, current_, c.resource_policy);
    return clause_holds(*c.policy, *c.statement, *check.clause, current_);
  }

  void apply(const std::vector<Check>& checks, std::vector<Change>& changes) {
    for (const auto& check : checks) {
      Candidate& c = candidates_[check.candidate];
      const bool holds = decide(check);
      count(c, -1);
      --c.pending;
      if (!holds) ++c.failed;
      count(c, +1);
      changes.push_back({check.candidate, !holds});
    }
    spend(checks.size());
  }

  void undo(const std::vector<Change>& changes) {
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
      Candidate& c = candidates_[it->candidate];
      count(c, -1);
      ++c.pending;
      if (it->failed) --c.failed;
      count(c, +1);
    }
  }

  bool complete_request_allowed() {
    if (query_.predicate && !predicate_early_ && !query_.predicate(current_)) return false;
    if (options_.realistic_network && !network_context_possible(current_)) return false;
    return evaluate(policies_, current_).decision == Decision::Allowed;  // the witness is checked, never assumed
  }

  // Tries every choice of the key at `depth`; true once a witness is found or the search stopped.
  bool descend(std::size_t depth) {
    if (depth == order_.size()) {
      if (out_of_work()) return true;
      ++result_.tried;
      spend(1);
      if (!complete_request_allowed()) return false;
      result_.witness = current_;
      return true;
    }
    const std::size_t k = order_[depth];
    const bool network_key = options_.realistic_network && is_network_key(to_lower(plans_[k].key));
    std::vector<Change> changes;
    for (std::size_t choice = 0; choice < plans_[k].choices.size(); ++choice) {
      if (out_of_work()) return true;
      ++result_.tried;
      spend(1);
      choice_[k] = choice;
      assign(k, choice);
      if (network_key && !network_context_possible(current_)) continue;
      // P first: it reads only the keys set so far, and a choice it rejects needs no checks applied.
      if (predicate_early_ && depth == predicate_at_ && !query_.predicate(current_)) continue;
      changes.clear();
      apply(fires_[depth], changes);
      if (could_allow() && descend(depth + 1)) return true;
      undo(changes);
    }
    current_.context.erase(plans_[k].key);
    return false;
  }

  const PolicySet& policies_;
  const ReachQuery& query_;
  const ReachOptions& options_;
  Request base_, current_;
  std::vector<KeyPlan> plans_;
  std::map<std::string, std::size_t> index_;  // lower-case key -> plans_
  std::vector<Candidate> candidates_;
  std::vector<std::pair<Check, std::vector<std::size_t>>> pending_checks_;
  std::vector<bool> matters_;                // keys the search varies; the rest keep their first choice
  std::vector<std::size_t> order_;           // varied keys, most significant first
  std::vector<std::vector<Check>> fires_;    // per depth: the checks decided once its key is set
  std::vector<std::size_t> choice_ = {};
  std::vector<std::unique_ptr<ChoiceGroups>> groups_;  // per key, made when a clause is tabled over it
  static constexpr std::size_t kAtStart = static_cast<std::size_t>(-1);
  std::size_t predicate_at_ = 0;  // the depth whose key is the last P reads, or kAtStart
  bool predicate_early_ = false;
  struct {
    std::size_t identity = 0, specific = 0, account = 0;
  } alive_;
  std::size_t holding_denies_ = 0;
  bool setup_cut_short_ = false;  // the budget ran out while indexing: no search
  ReachResult result_;
};

}  // namespace

ReachResult find_allowed_request(const PolicySet& policies, const ReachQuery& query, const ReachOptions& options) {
  return Search(policies, query, options).run();
}

const ReachResult& ReachSession::find(const PolicySet& policies, const ReachQuery& query, std::string_view name) {
  // Appended rather than formatted: asked once per statement and probe by several rules.
  std::string key;
  key.reserve(name.size() + query.action.size() + query.resource.size() + query.principal.size() + query.account_id.size() + 16);
  key.append(name).append(1, '\n').append(query.action).append(1, '\n').append(query.resource).append(1, '\n');
  key.append(query.principal).append(1, '\n').append(query.account_id).append(1, '\n');
  key.append(policies.resource != nullptr ? "true" : "false").append(1, '\n');
  key.append(policies.assume_cross_account_identity_allow ? "true" : "false");
  for (const auto& [extra, values] : query.extra_values) key += fmt::format("\n{}={}", extra, fmt::join(values, "\x1f"));
  if (const auto it = answers_.find(key); it != answers_.end()) return it->second;
  ReachOptions options;
  options.work_left = &work_left_;
  return answers_.emplace(std::move(key), find_allowed_request(policies, query, options)).first->second;
}

ReachSession& reach_session(const Policy& policy) {
  if (!policy.reach_cache) policy.reach_cache = std::make_shared<ReachSession>();
  return *policy.reach_cache;
}

}  // namespace seslint::eval
