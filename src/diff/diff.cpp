// The diff of two policy versions: for each action class, resource and principal representative and
// each Allow of the granting version, one reachability query for a request that Allow (with every
// Deny) allows and the other version denies. Restricting the granting version to one Allow changes
// nothing about which requests are new (an allowed request has an Allow that applies), and it yields
// one class per statement, located on it.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "diff/describe.hpp"
#include "diff/policy_set.hpp"
#include "diff/universe.hpp"
#include "seslint/diff.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::diff {
namespace {

// A canonical text of a JSON value, to recognise a statement both versions hold unchanged.
void canonical(const JsonValue& value, std::string& out) {
  out += static_cast<char>('0' + static_cast<int>(value.kind));
  out += value.text;
  out += '\x1f';
  for (const auto& item : value.items) canonical(item, out);
  for (const auto& member : value.members) {
    out += member.key;
    out += '\x1e';
    canonical(member.value, out);
  }
  out += '\x1d';
}

bool held_unchanged(const Statement& statement, const Policy& other) {
  if (statement.node == nullptr) return false;
  std::string mine;
  canonical(*statement.node, mine);
  return std::any_of(other.statements.begin(), other.statements.end(), [&](const Statement& s) {
    std::string theirs;
    if (s.node != nullptr) canonical(*s.node, theirs);
    return theirs == mine;
  });
}

// `policy` with only `allow` among its Allows (its Denies kept).
Policy with_one_allow(const Policy& policy, const Statement& allow) {
  Policy out = policy;
  out.reach_cache.reset();
  out.statements.clear();
  for (const auto& statement : policy.statements)
    if (&statement == &allow || statement.effect != Effect::Allow) out.statements.push_back(statement);
  return out;
}

std::vector<std::pair<std::string, std::vector<std::string>>> spelled_context(
    const eval::Request& request, const std::map<std::string, std::vector<std::string>>& spellings) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const auto& entry : request.context.entries()) {
    const auto& key = entry.first;  // not a structured binding: clang 14 cannot capture one
    const auto it = std::find_if(spellings.begin(), spellings.end(), [&](const auto& s) { return iequals(s.first, key); });
    out.emplace_back(it != spellings.end() ? it->first : key, entry.second);
  }
  return out;
}

class Direction {
 public:
  Direction(const Policy& granting, const Policy& other, const DiffOptions& options, std::string other_label)
      : granting_(granting), other_(other), options_(options), work_left_(options.work_budget),
        principals_(principal_candidates({&granting, &other})),
        describer_(granting, other, principals_, &work_left_, std::move(other_label)) {}

  void run(const std::vector<ActionGroup>& groups, std::vector<AccessClass>& found, std::vector<AccessClass>& undetermined) {
    for (std::size_t g = 0; g < groups.size(); ++g) run_group(g, groups[g], found, undetermined);
    // A statement holding deploy-time values that gave no witness may still grant something new.
    for (const Statement* statement : deploy_time_)
      if (!statements_reported_.count(statement))
        undetermined.push_back(undetermined_class({}, eval::Request{}, *statement, "its values are known only at deploy time"));
  }

 private:
  void run_group(std::size_t g, const ActionGroup& group, std::vector<AccessClass>& found,
                 std::vector<AccessClass>& undetermined) {
    const std::string& action = group.actions.front();
    const std::vector<const Policy*> both = {&granting_, &other_};
    const auto resources = resource_candidates(both, action);
    const auto extras = extra_values(granting_, other_, action);
    const auto other_keys = keys_read(other_, action);
    const bool resource_policy = granting_.kind != PolicyKind::Identity;
    for (const auto& statement : granting_.statements) {
      if (statement.effect != Effect::Allow || !statement_names_action(statement, action)) continue;
      const bool deploy_time = has_deploy_time_value(statement) && !held_unchanged(statement, other_);
      if (deploy_time) deploy_time_.insert(&statement);
      const Policy only = with_one_allow(granting_, statement);
      const Statement& own = *std::find_if(only.statements.begin(), only.statements.end(),
                                           [&](const Statement& s) { return s.index == statement.index && s.effect == Effect::Allow; });
      bool incomplete_reported = false;
      for (const auto& resource : resources)
        for (const auto& principal : principals_) {
          eval::Request probe{action, resource, principal, "", {}};
          eval::normalize(probe);
          if (eval::statement_role(own, probe, resource_policy) == eval::StatementRole::None) continue;
          if (!has_variable_resource(own) && !eval::resource_applies(only, own, probe, resource_policy)) continue;
          eval::ReachQuery query;
          query.action = action;
          query.resource = resource;
          query.principal = principal;
          query.extra_values = extras;
          query.predicate = [&](const eval::Request& request) { return !policy_allows(&other_, request); };
          if (other_keys) query.predicate_keys = *other_keys;
          eval::ReachOptions reach_options;
          reach_options.max_requests = options_.max_requests;
          reach_options.work_left = &work_left_;
          auto result = eval::find_allowed_request(policy_set(only), query, reach_options);
          if (!result.witness) {
            if (!result.exhaustive && !incomplete_reported) {
              incomplete_reported = true;
              undetermined.push_back(undetermined_class(group.actions, probe, statement, "analysis incomplete: the work budget ran out"));
            }
            continue;
          }
          eval::Request witness = std::move(*result.witness);
          describer_.tidy(witness, extras);
          AccessClass found_class;
          found_class.actions = group.actions;
          found_class.statement = &statement;
          found_class.resource_policy = resource_policy;
          auto description = describer_.describe(statement, witness, resources, extras);
          found_class.description = std::move(description.text);
          const std::string key = fmt::format("{}\n{}\n{}", g, statement.index, description.class_key);
          found_class.context = spelled_context(witness, extras);
          found_class.witness = std::move(witness);
          if (!reported_.insert(key).second) continue;
          statements_reported_.insert(&statement);
          if (deploy_time) {
            found_class.reason = "the statement's values are known only at deploy time";
            undetermined.push_back(std::move(found_class));
          } else {
            found.push_back(std::move(found_class));
          }
        }
    }
  }

  static bool has_variable_resource(const Statement& statement) {
    if (!statement.resource) return false;
    return std::any_of(statement.resource->values.begin(), statement.resource->values.end(),
                       [](const StringNode& v) { return v.text.find("${") != std::string_view::npos; });
  }

  AccessClass undetermined_class(std::vector<std::string> actions, eval::Request request, const Statement& statement,
                                 std::string reason) {
    statements_reported_.insert(&statement);
    AccessClass out;
    out.actions = std::move(actions);
    out.witness = std::move(request);
    out.statement = &statement;
    out.resource_policy = granting_.kind != PolicyKind::Identity;
    out.description = "possible new access: " + reason;
    out.reason = std::move(reason);
    return out;
  }

  const Policy& granting_;
  const Policy& other_;
  const DiffOptions& options_;
  std::size_t work_left_;
  std::vector<std::string> principals_;
  Describer describer_;
  std::set<std::string> reported_;
  std::set<const Statement*> deploy_time_, statements_reported_;
};

}  // namespace

bool policy_allows(const Policy* policy, const eval::Request& request) {
  return policy != nullptr && eval::evaluate(policy_set(*policy), request).decision == eval::Decision::Allowed;
}

PolicyDiff diff_policies(const Policy* old_policy, const Policy* new_policy, const DiffOptions& options) {
  // A missing version is a policy with no statements, of the other's kind.
  Policy empty;
  empty.kind = new_policy != nullptr ? new_policy->kind : old_policy != nullptr ? old_policy->kind : PolicyKind::Identity;
  const Policy& before = old_policy != nullptr ? *old_policy : empty;
  const Policy& after = new_policy != nullptr ? *new_policy : empty;
  const auto groups = action_groups({&before, &after});
  PolicyDiff out;
  Direction(after, before, options, "before").run(groups, out.added, out.undetermined);
  std::vector<AccessClass> ignored;  // removed access that cannot be decided is not reported
  Direction(before, after, options, "now").run(groups, out.removed, ignored);
  return out;
}

}  // namespace seslint::diff
