// IAM122 github-oidc-any-repository: a role trusts GitHub Actions' OIDC provider and no condition
// pins the token's subject (token.actions.githubusercontent.com:sub) to a repository, or a
// subject pattern leaves the repository owner open ("repo:*", "*"): a workflow in anyone's
// repository on GitHub can assume the role.
// IAM123 github-oidc-wildcard-subject: the subject is pinned to an owner but a pattern leaves the
// repository ("repo:acme/*", a warning) or the branch, tag, environment or event ("repo:acme/app:*",
// a note) open. Both read StringLike patterns; a value a template fills in is unknown and passes.
#include <algorithm>
#include <optional>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/trust.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// How much of GitHub a subject value admits, from narrowest to widest.
enum class Scope { Pinned, AnyRef, AnyRepository, AnyOwner };

Scope scope_of(const ConditionValue& value, bool wildcards) {
  const std::string_view text = value.text;
  if (trust::unknown_value(value.node, text)) return Scope::Pinned;
  const std::size_t wildcard = wildcards ? text.find_first_of("*?") : std::string_view::npos;
  if (wildcard == std::string_view::npos) return Scope::Pinned;
  constexpr std::string_view kRepo = "repo:";
  // A customised subject ("repository_owner_id:...") is not read, unless it starts with a wildcard.
  if (!text.starts_with(kRepo)) return wildcard == 0 ? Scope::AnyOwner : Scope::Pinned;
  const std::size_t slash = text.find('/', kRepo.size());
  if (slash == std::string_view::npos || wildcard < slash) return Scope::AnyOwner;
  const std::size_t context = text.find(':', slash);
  if (context == std::string_view::npos || wildcard < context) return Scope::AnyRepository;
  // Open only when the whole branch, tag or environment name is: "repo:o/r:*", "...:ref:refs/heads/*",
  // "...:environment:*". A name prefix ("ref:refs/heads/release-*", "environment:prod*") is a naming
  // scheme the owner controls.
  const std::string_view before = text.substr(context + 1, wildcard - context - 1);
  for (const std::string_view open : {"", "ref:", "ref:refs/", "ref:refs/heads/", "ref:refs/tags/", "environment:"})
    if (before == open) return Scope::AnyRef;
  return Scope::Pinned;
}

struct SubjectScope {
  Scope scope = Scope::AnyOwner;
  const ConditionClause* clause = nullptr;  // nullptr: no condition on the subject
  std::vector<const ConditionValue*> widest;  // the values that make the scope
};

// The clauses on the subject all must hold (AND): the narrowest one decides. Within one clause the
// values are alternatives (OR): the widest one decides.
SubjectScope subject_scope(const Statement& statement, std::string_view prefix) {
  SubjectScope result;
  for (const auto& clause : statement.clauses) {
    const std::string_view key = clause.key_member->key;
    if (!trust::narrows(statement, clause) || key.size() != prefix.size() + 4 ||
        !iequals(key.substr(0, prefix.size()), prefix) || !iequals(key.substr(prefix.size()), ":sub"))
      continue;
    const bool wildcards = statement.operator_of(clause).parsed.base->wildcards;
    SubjectScope here{Scope::Pinned, &clause, {}};
    for (const auto& value : clause.values) {
      const Scope scope = scope_of(value, wildcards);
      if (scope > here.scope) here = SubjectScope{scope, &clause, {}};
      if (scope == here.scope && scope != Scope::Pinned) here.widest.push_back(&value);
    }
    if (result.clause == nullptr || here.scope < result.scope) result = std::move(here);
  }
  return result;
}

template <typename Each>
void each_github_provider(const Policy& policy, const Statement& statement, const Principal& principal, Each each) {
  if (!trust::trust_grant(policy, statement) || !trust::allows(statement, "sts:AssumeRoleWithWebIdentity")) return;
  for (const auto& entry : principal.entries) {
    if (entry.member->key != "Federated") continue;
    for (const auto& value : entry.values) {
      const trust::Provider provider = trust::classify_federated(value);
      if (provider.github) each(value, provider, subject_scope(statement, provider.key_prefix));
    }
  }
}

std::string values_text(const SubjectScope& found) {
  std::vector<std::string> names;
  for (const auto* value : found.widest) names.push_back(quoted(value->text));
  return short_list(names, 0, 3);
}

class GithubOidcAnyRepository final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    each_github_provider(policy, statement, principal, [&](const StringNode& value, const trust::Provider& provider,
                                                            const SubjectScope& found) {
      if (found.scope != Scope::AnyOwner) return;
      if (found.clause == nullptr) {
        out.report(*value.node,
                   fmt::format("{} lets a GitHub Actions workflow in any repository on GitHub, anyone's, assume "
                               "the role: no condition restricts '{}:sub'",
                               statement.label(), provider.key_prefix),
                   fmt::format("add \"StringEquals\": {{\"{}:sub\": \"repo:<owner>/<repo>:ref:refs/heads/<branch>\"}} "
                               "(or :environment:<name>)",
                               provider.key_prefix));
        return;
      }
      out.report(*found.widest.front()->node,
                 fmt::format("{} lets a GitHub Actions workflow in any repository on GitHub, anyone's, assume the "
                             "role: the subject pattern {} leaves the repository owner open",
                             statement.label(), values_text(found)),
                 "start the pattern with repo:<owner>/<repo>:");
    });
  }
};

class GithubOidcWildcardSubject final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    each_github_provider(policy, statement, principal, [&](const StringNode&, const trust::Provider&,
                                                            const SubjectScope& found) {
      if (found.scope == Scope::AnyRepository) {
        out.report(*found.widest.front()->node,
                   fmt::format("{} lets a workflow in any repository of the owner assume the role (subject "
                               "pattern {}), including repositories created later and their pull requests",
                               statement.label(), values_text(found)),
                   "name the repository, and the branch or environment: repo:<owner>/<repo>:ref:refs/heads/main");
      } else if (found.scope == Scope::AnyRef) {
        out.report(std::min(out.default_level(), Level::Note), *found.widest.front()->node,
                   fmt::format("{} lets a workflow on any branch, tag, pull request or environment of the "
                               "repository assume the role (subject pattern {})",
                               statement.label(), values_text(found)),
                   "pin the branch or environment: repo:<owner>/<repo>:ref:refs/heads/main or "
                   "repo:<owner>/<repo>:environment:<name>");
      }
    });
  }
};

}  // namespace
std::unique_ptr<Rule> make_github_oidc_any_repository() { return std::make_unique<GithubOidcAnyRepository>(); }
std::unique_ptr<Rule> make_github_oidc_wildcard_subject() { return std::make_unique<GithubOidcWildcardSubject>(); }
}  // namespace seslint::rules
