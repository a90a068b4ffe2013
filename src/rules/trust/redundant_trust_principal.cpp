// IAM129 redundant-trust-principal: a role trust statement names a role session
// (arn:aws:sts::<account>:assumed-role/ROLE/SESSION) and the role itself
// (arn:aws:iam::<account>:role/[path/]ROLE): trusting the role already trusts every session of it,
// so the session entry adds nothing. A note: remove it.
#include <map>
#include <utility>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/trust.hpp"
#include "seslint/arn.hpp"

namespace seslint::rules {
namespace {

// (account, role name) of a role ARN or of a role session's ARN.
std::optional<std::pair<std::string_view, std::string_view>> role_of(std::string_view text, bool session) {
  const auto arn = split_arn(text);
  if (!arn || arn->account.empty() || text.find_first_of("*?$") != std::string_view::npos) return std::nullopt;
  if (!session && arn->service == "iam" && arn->resource.starts_with("role/"))
    return std::pair{arn->account, arn->resource.substr(arn->resource.rfind('/') + 1)};
  constexpr std::string_view kSession = "assumed-role/";
  if (session && arn->service == "sts" && arn->resource.starts_with(kSession)) {
    const std::string_view rest = arn->resource.substr(kSession.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0) return std::nullopt;
    return std::pair{arn->account, rest.substr(0, slash)};
  }
  return std::nullopt;
}

class RedundantTrustPrincipal final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy& policy, const Statement& statement, const Principal& principal,
                       Reporter& out) const override {
    if (!trust::trust_grant(policy, statement)) return;
    std::map<std::pair<std::string_view, std::string_view>, std::string_view> roles;
    for (const auto& entry : principal.entries)
      if (entry.member->key == "AWS")
        for (const auto& value : entry.values)
          if (const auto role = role_of(value.text, false)) roles.emplace(*role, value.text);
    if (roles.empty()) return;
    for (const auto& entry : principal.entries)
      if (entry.member->key == "AWS")
        for (const auto& value : entry.values) {
          const auto role = role_of(value.text, true);
          if (!role) continue;
          const auto parent = roles.find(*role);
          if (parent == roles.end()) continue;
          out.report(*value.node,
                     fmt::format("the role session {} in {} is redundant: the statement also trusts its role {}, "
                                 "which covers every session of it",
                                 quoted(value.text), statement.label(), quoted(parent->second)),
                     "remove the session ARN");
        }
  }
};

}  // namespace
std::unique_ptr<Rule> make_redundant_trust_principal() { return std::make_unique<RedundantTrustPrincipal>(); }
}  // namespace seslint::rules
