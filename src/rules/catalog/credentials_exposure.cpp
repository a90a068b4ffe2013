// IAM213 credentials-exposure: an Allow without condition on Resource "*" for actions whose response
// is a credential, token or password (rules/risk-actions.json): the holder can mint or read keys for
// any user, secret or cluster, and use them where IAM no longer sees the holder.
#include "rules/factories.hpp"
#include "rules/support/risk_actions.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class CredentialsExposure final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    const auto [star, names] = risk::granted_on_star(policy, statement, out.aws(), risk::Category::CredentialsExposure);
    if (star == nullptr) return;
    if (names.empty()) return report_own_tokens(policy, statement, out);
    out.report(*star->node,
               fmt::format("{} allows {} on every resource without a condition: {} credentials, tokens or "
                           "passwords (of any user, secret or cluster) that work outside this policy",
                           statement.label(), short_list(names, names.size(), 4), names.size() == 1 ? "it returns" : "they return"),
               "name the users, secrets or clusters the actions need, or add a condition");
  }

 private:
  // Tokens limited to the holder's own permissions (ecr:GetAuthorizationToken, sts:GetSessionToken):
  // still bearer credentials that work where this policy's conditions do not reach, so a note. It sits
  // on the Action value: these actions take only "*", so the Resource is not the cause (IAM208's stays).
  static void report_own_tokens(const Policy& policy, const Statement& statement, Reporter& out) {
    const StringNode* first = nullptr;
    const auto names = risk::granted(
        policy, statement, out.aws(),
        [](const aws::Service& service, const aws::Action& action) {
          return risk::listed(risk::Category::OwnTokens, service, action);
        },
        "*", &first);
    if (names.empty() || first == nullptr) return;
    out.report(Level::Note, *first->node,
               fmt::format("{} allows {} without a condition: {} a bearer token or session credential (limited to "
                           "the holder's own permissions) that can be used away from where it was issued",
                           statement.label(), short_list(names, names.size(), 4), names.size() == 1 ? "it returns" : "they return"),
               "add a condition (aws:SourceVpce, aws:SourceIp) if the holder should only obtain tokens from known places");
  }
};

}  // namespace
std::unique_ptr<Rule> make_credentials_exposure() { return std::make_unique<CredentialsExposure>(); }
}  // namespace seslint::rules
