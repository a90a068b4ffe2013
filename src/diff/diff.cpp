// The diff of two policy versions: for each action class, resource and principal representative and
// each Allow of the granting version, one reachability query for a request that Allow (with every
// Deny) allows and the other version denies. Restricting the granting version to one Allow changes
// nothing about which requests are new (an allowed request has an Allow that applies), and it yields
// one class per statement, located on it.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "diff/describe.hpp"
#include "diff/policy_set.hpp"
#include "diff/universe.hpp"
#include "seslint/diff.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::diff {
namespace {

bool held_unchanged(const Statement& statement, const Policy& other) {
  if (statement.node == nullptr) return false;
  std::string mine;
  canonical_text(*statement.node, mine);
  return std::any_of(other.statements.begin(), other.statements.end(), [&](const Statement& s) {
    std::string theirs;
    if (s.node != nullptr) canonical_text(*s.node, theirs);
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

// A statement that applies wherever one of its deploy-time values could make it apply: the
// Resource, Principal or condition clause holding such a value no longer restricts it.
Statement widened(const Statement& statement) {
  static const JsonValue kTemplatedMarker = [] {
    JsonValue marker;
    marker.kind = JsonKind::String;
    return marker;
  }();
  auto templated = [](const JsonValue* node) {
    bool found = false;
    if (node != nullptr) walk_templated_values(*node, found);
    return found;
  };
  Statement out = statement;
  auto list_templated = [&](const ValueList& list) {
    return std::any_of(list.values.begin(), list.values.end(), [&](const StringNode& v) { return templated(v.node); });
  };
  if (out.action && list_templated(*out.action)) out.action = ValueList{out.action->member, false, {{"*", &kTemplatedMarker}}};
  if (out.resource && list_templated(*out.resource))
    out.resource = ValueList{out.resource->member, false, {{"*", &kTemplatedMarker}}};
  if (out.principal && std::any_of(out.principal->entries.begin(), out.principal->entries.end(), [&](const PrincipalEntry& e) {
        return std::any_of(e.values.begin(), e.values.end(), [&](const StringNode& v) { return templated(v.node); });
      })) {
    out.principal->negated = false;
    out.principal->wildcard = true;
    out.principal->entries.clear();
  }
  std::erase_if(out.clauses, [&](const ConditionClause& clause) {
    return std::any_of(clause.values.begin(), clause.values.end(), [&](const ConditionValue& v) { return templated(v.node); });
  });
  return out;
}

// A version read two ways where it holds deploy-time values (a statement both versions hold
// unchanged is read as written: the same value is deployed on both sides). `restrictive` allows
// only what the version allows whatever those values become (their Allows dropped, their Denies
// applying wherever they could); `permissive` whatever any of them could allow. A request is new
// for certain when the restrictive reading of the granting version allows it and the permissive
// reading of the other denies it; when only the opposite readings tell it apart it may be new:
// undetermined, neither claimed nor hidden.
struct Readings {
  Policy restrictive, permissive;
  bool deploy_time = false;
};

Readings readings(const Policy& policy, const Policy& counterpart) {
  Readings out{policy, policy, false};
  out.restrictive.reach_cache.reset();
  out.permissive.reach_cache.reset();
  out.restrictive.statements.clear();
  out.permissive.statements.clear();
  for (const auto& statement : policy.statements) {
    if (!has_deploy_time_value(statement) || held_unchanged(statement, counterpart)) {
      out.restrictive.statements.push_back(statement);
      out.permissive.statements.push_back(statement);
      continue;
    }
    out.deploy_time = true;
    if (statement.effect == Effect::Deny) out.restrictive.statements.push_back(widened(statement));
    else out.permissive.statements.push_back(widened(statement));
  }
  return out;
}

std::string context_text(const std::vector<std::pair<std::string, std::vector<std::string>>>& context) {
  std::vector<std::string> parts;
  for (const auto& [key, values] : context)
    parts.push_back(fmt::format("{}={}", key, values.size() == 1 ? values[0] : fmt::format("[{}]", fmt::join(values, ", "))));
  return parts.empty() ? "no condition keys" : fmt::format("{}", fmt::join(parts, ", "));
}

// `policy` with `boundaries`' statements added: the constants and keys the search must vary.
Policy with_statements_of(const Policy& policy, std::initializer_list<const Policy*> boundaries) {
  Policy out = policy;
  out.reach_cache.reset();
  for (const Policy* boundary : boundaries)
    if (boundary != nullptr) out.statements.insert(out.statements.end(), boundary->statements.begin(), boundary->statements.end());
  return out;
}

class Direction {
 public:
  Direction(Version granting, Version other, const DiffOptions& options, std::string other_label)
      : granting_(*granting.policy), original_other_(*other.policy), granting_boundary_(granting.boundary),
        other_boundary_(other.boundary), values_(with_statements_of(*other.policy, {granting.boundary, other.boundary})),
        granting_readings_(readings(granting_, original_other_)), other_readings_(readings(original_other_, granting_)),
        searched_(granting_readings_.permissive), other_(other_readings_.restrictive), options_(options),
        work_left_(options.work_budget), principals_(principal_candidates({&granting_, &original_other_})),
        describer_(searched_, other_, principals_, &work_left_, std::move(other_label), granting_boundary_, other_boundary_) {}

  void run(const std::vector<ActionGroup>& groups, std::vector<AccessClass>& found, std::vector<AccessClass>& undetermined) {
    for (std::size_t g = 0; g < groups.size(); ++g) run_group(g, groups[g], found, undetermined);
  }

 private:
  // The granting version's statement a statement of a reading was made from (for its position).
  const Statement& original(const Statement& statement) const {
    for (const auto& s : granting_.statements)
      if (s.node == statement.node && s.index == statement.index) return s;
    return statement;
  }

  void run_group(std::size_t g, const ActionGroup& group, std::vector<AccessClass>& found,
                 std::vector<AccessClass>& undetermined) {
    const std::string& action = group.actions.front();
    const std::vector<const Policy*> both = {&granting_, &values_};
    const auto resources = resource_candidates(both, action);
    const auto extras = extra_values(granting_, values_, action);
    const auto other_keys = keys_read(values_, action);
    const bool resource_policy = granting_.kind != PolicyKind::Identity;
    for (const auto& searched_statement : searched_.statements) {
      if (searched_statement.effect != Effect::Allow || !statement_names_action(searched_statement, action)) continue;
      const Statement& statement = original(searched_statement);
      const Policy only = with_one_allow(searched_, searched_statement);
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
          query.predicate = [&](const eval::Request& request) {
            return version_allows(granting_boundary_, nullptr, request) && !version_allows(&other_, other_boundary_, request);
          };
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
          const std::string key = fmt::format("{}\n{}", g, description.class_key);
          found_class.context = spelled_context(witness, extras);
          const bool other_may_allow =
              other_readings_.deploy_time && version_allows(&other_readings_.permissive, other_boundary_, witness);
          const bool granting_may_deny =
              granting_readings_.deploy_time && !policy_allows(&granting_readings_.restrictive, witness);
          found_class.witness = std::move(witness);
          // One class granted by several statements is one entry, naming each of them.
          if (const auto seen = reported_.find(key); seen != reported_.end()) {
            AccessClass& first = (*seen->second.first)[seen->second.second];
            if (first.statement != &statement &&
                std::find(first.also_via.begin(), first.also_via.end(), &statement) == first.also_via.end())
              first.also_via.push_back(&statement);
            continue;
          }
          std::vector<AccessClass>& into = granting_may_deny || other_may_allow ? undetermined : found;
          const std::string_view other_name = describer_.other_is_new() ? "the new" : "the previous";
          if (other_may_allow) {
            found_class.reason = fmt::format("{} version's values known only at deploy time may still allow it", other_name);
            found_class.description = fmt::format("possible {} access: {} (e.g. {})",
                                                  describer_.other_is_new() ? "removed" : "new", found_class.reason,
                                                  context_text(found_class.context));
          } else if (granting_may_deny) {
            found_class.reason = "the statement's values are known only at deploy time";
            found_class.description += " (if the deploy-time values allow it)";
          }
          reported_.emplace(key, std::make_pair(&into, into.size()));
          into.push_back(std::move(found_class));
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
    AccessClass out;
    out.actions = std::move(actions);
    out.witness = std::move(request);
    out.statement = &statement;
    out.resource_policy = granting_.kind != PolicyKind::Identity;
    out.description = fmt::format("possible {} access: {}", describer_.other_is_new() ? "removed" : "new", reason);
    out.reason = std::move(reason);
    return out;
  }

  const Policy& granting_;
  const Policy& original_other_;
  const Policy* granting_boundary_;
  const Policy* other_boundary_;
  const Policy values_;  // the other version with both boundaries' statements: constants and keys to vary
  const Readings granting_readings_, other_readings_;
  const Policy& searched_;  // the granting version's permissive reading: what it may allow
  const Policy& other_;     // the other's restrictive reading: what it allows whatever deploy-time values become
  const DiffOptions& options_;
  std::size_t work_left_;
  std::vector<std::string> principals_;
  Describer describer_;
  std::map<std::string, std::pair<std::vector<AccessClass>*, std::size_t>> reported_;  // class key -> where it is
};

}  // namespace

bool policy_allows(const Policy* policy, const eval::Request& request) {
  return policy != nullptr && eval::evaluate(policy_set(*policy), request).decision == eval::Decision::Allowed;
}

bool version_allows(const Policy* policy, const Policy* boundary, const eval::Request& request) {
  return (policy == nullptr || policy_allows(policy, request)) && (boundary == nullptr || policy_allows(boundary, request));
}

PolicyDiff diff_versions(Version old_version, Version new_version, const DiffOptions& options) {
  // A missing version is a policy with no statements, of the other's kind.
  Policy empty;
  empty.kind = new_version.policy != nullptr   ? new_version.policy->kind
               : old_version.policy != nullptr ? old_version.policy->kind
                                               : PolicyKind::Identity;
  if (old_version.policy == nullptr) old_version = {&empty, nullptr};
  if (new_version.policy == nullptr) new_version = {&empty, nullptr};
  // Boundaries tell actions apart too: a group must be alike under them as well.
  std::vector<const Policy*> all = {old_version.policy, new_version.policy};
  for (const Policy* boundary : {old_version.boundary, new_version.boundary})
    if (boundary != nullptr) all.push_back(boundary);
  const auto groups = action_groups(all);
  PolicyDiff out;
  Direction(new_version, old_version, options, "before").run(groups, out.added, out.undetermined);
  Direction(old_version, new_version, options, "now").run(groups, out.removed, out.undetermined_removed);
  return out;
}

PolicyDiff diff_policies(const Policy* old_policy, const Policy* new_policy, const DiffOptions& options) {
  return diff_versions({old_policy, nullptr}, {new_policy, nullptr}, options);
}

}  // namespace seslint::diff
