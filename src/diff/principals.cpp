// The per-principal view of the diff: when both versions are account models (the audit's loader
// reads exports, templates and plans into one), each user's and role's identity policies are
// compared together, within its permissions boundary, so that access a principal gains through a
// group, a managed-policy attachment or a boundary change is reported under its name.
#include <fmt/format.h>

#include "diff/universe.hpp"
#include "seslint/diff.hpp"

namespace seslint::diff {
namespace {

// One version of a principal: its policies as one (statements renumbered, each remembered with
// the policy it came from) and its boundary.
struct PrincipalVersion {
  const audit::ModelPrincipal* principal = nullptr;
  std::shared_ptr<Policy> policy;
  const Policy* boundary = nullptr;
  std::string fingerprint;  // canonical text of statements and boundary: equal means unchanged
};

PrincipalVersion principal_version(const audit::ModelPrincipal& principal, std::map<const JsonValue*, std::string>& via) {
  PrincipalVersion out;
  out.principal = &principal;
  out.policy = std::make_shared<Policy>();
  out.policy->kind = PolicyKind::Identity;
  for (const auto& held : principal.policies) {
    const Policy& policy = held.policy->policy;
    if (out.policy->version == nullptr) out.policy->version = policy.version;  // variables follow the first's Version
    for (const auto& statement : policy.statements) {
      out.policy->statements.push_back(statement);
      out.policy->statements.back().index = out.policy->statements.size() - 1;
      if (statement.node != nullptr) {
        via[statement.node] = held.via;
        canonical_text(*statement.node, out.fingerprint);
      }
    }
  }
  if (principal.boundary != nullptr) {
    out.boundary = &principal.boundary->policy;
    out.fingerprint += "\nboundary\n";
    for (const auto& statement : out.boundary->statements)
      if (statement.node != nullptr) canonical_text(*statement.node, out.fingerprint);
  }
  for (const auto& reason : principal.undetermined) out.fingerprint += "\nundetermined\n" + reason;
  return out;
}

bool is_compared(const audit::ModelPrincipal& principal) {
  return !principal.delegate && (principal.kind == audit::PrincipalKind::User || principal.kind == audit::PrincipalKind::Role);
}

// The principal's permissions are not all in the input: possible new access, with the reason.
AccessClass undetermined_principal(const audit::ModelPrincipal& principal) {
  AccessClass out;
  std::string reasons;
  for (const auto& reason : principal.undetermined) reasons += (reasons.empty() ? "" : "; ") + reason;
  out.reason = "its permissions are not all in the input: " + reasons;
  out.description = "possible new access: " + out.reason;
  return out;
}

}  // namespace

bool has_principals(const audit::AccountModel& model) {
  return std::any_of(model.principals.begin(), model.principals.end(), is_compared);
}

std::vector<PairResult> diff_principals(const audit::AccountModel* old_model, const audit::AccountModel* new_model,
                                        const DiffOptions& options) {
  std::vector<const audit::ModelPrincipal*> order;  // NEW's principals, then those only OLD holds
  std::map<std::string, std::pair<const audit::ModelPrincipal*, const audit::ModelPrincipal*>> by_name;
  for (const auto* model : {new_model, old_model}) {
    if (model == nullptr) continue;
    for (const auto& principal : model->principals) {
      if (!is_compared(principal)) continue;
      auto [it, fresh] = by_name.try_emplace(principal.name);
      if (fresh) order.push_back(&principal);
      (model == new_model ? it->second.second : it->second.first) = &principal;
    }
  }
  std::vector<PairResult> out;
  for (const audit::ModelPrincipal* first : order) {
    const auto& [old_principal, new_principal] = by_name[first->name];
    PairResult pair;
    PrincipalVersion before, after;
    if (old_principal != nullptr) before = principal_version(*old_principal, pair.via);
    if (new_principal != nullptr) after = principal_version(*new_principal, pair.via);
    if (old_principal != nullptr && new_principal != nullptr && before.fingerprint == after.fingerprint) continue;
    pair.principal = first->name;
    pair.principal_arn = first->arn;
    pair.old_policy = before.policy.get();
    pair.new_policy = after.policy.get();
    pair.old_boundary = before.boundary;
    pair.new_boundary = after.boundary;
    pair.diff = diff_versions({before.policy.get(), before.boundary}, {after.policy.get(), after.boundary}, options);
    if (new_principal != nullptr && !new_principal->undetermined.empty())
      pair.diff.undetermined.push_back(undetermined_principal(*new_principal));
    for (auto* owned : {&before.policy, &after.policy})
      if (*owned) pair.owned.push_back(std::move(*owned));
    out.push_back(std::move(pair));
  }
  return out;
}

}  // namespace seslint::diff
