// SES111 sender-can-add-identities: an identity policy that lets its holder send also lets it
// verify or create SES identities, or write identities' sending-authorization policies. Either way
// it can widen what it may send as: verify a domain it controls (a look-alike of yours) and send
// as it, or authorize itself on an identity it was not given. SES109 looks only at non-SES actions.
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/arn.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

struct WideningAction {
  std::string_view name;
  bool authorizes;  // writes a sending-authorization policy (else: adds an identity)
};

// SES v1 and v2 actions that add an identity or write its sending authorization (rules/aws-catalog.txt).
constexpr std::array<WideningAction, 8> kWidening = {{
    {"ses:VerifyDomainIdentity", false},
    {"ses:VerifyDomainDkim", false},
    {"ses:VerifyEmailIdentity", false},
    {"ses:VerifyEmailAddress", false},
    {"ses:CreateEmailIdentity", false},
    {"ses:PutIdentityPolicy", true},
    {"ses:CreateEmailIdentityPolicy", true},
    {"ses:UpdateEmailIdentityPolicy", true},
}};

// The Action value of an Allow that names `action` by an ses: pattern ("*" and NotAction are
// IAM101's and IAM102's), or nullptr.
const StringNode* naming_value(const Statement& statement, std::string_view action) {
  if (statement.effect != Effect::Allow || !statement.action || statement.action->negated) return nullptr;
  for (const auto& value : statement.action->values)
    if (value.text.size() > 4 && iequals(value.text.substr(0, 4), "ses:") && eval::action_matches(value.text, action))
      return &value;
  return nullptr;
}

// The statement's first send action the evaluator allows on some identity it names, or empty.
std::string_view reachable_send(const Policy& policy, const eval::PolicySet& set, const Statement& statement) {
  for (std::string_view action : ses::granted_send_actions(statement))
    for (const auto& probe : ses::probes_for(statement))
      if (eval::find_allowed_request(set, ses::query_for(policy, action, probe)).witness) return action;
  return {};
}

// Is `action` allowed on an identity the policy does not single out (its name made up)? Actions
// without resource types are asked about "*".
bool allowed_on_new_identity(const Policy& policy, const eval::PolicySet& set, const Statement& statement,
                             std::string_view action, const aws::Catalog& catalog) {
  const aws::Service* service = catalog.service("ses");
  const aws::Action* known = service != nullptr ? service->action(action.substr(4)) : nullptr;
  if (known != nullptr && known->resources.empty()) {
    const auto probe = ses::probe_for("*");
    const eval::ReachQuery on_probe = ses::query_for(policy, action, *probe);
    const eval::ReachQuery query{on_probe.action, std::string(1, '*'), on_probe.principal,
                                 std::string(split_arn(probe->identity_arn)->account), {}, {}};
    return eval::find_allowed_request(set, query).witness.has_value();
  }
  for (const auto& probe : ses::probes_for(statement))
    if (probe.made_up && eval::find_allowed_request(set, ses::query_for(policy, action, probe)).witness) return true;
  return false;
}

class SenderCanAddIdentities final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity) return;
    const eval::PolicySet set = ses::policy_set(policy);
    const Statement* sender = nullptr;
    std::string_view send_action;
    for (const auto& statement : policy.statements) {
      send_action = reachable_send(policy, set, statement);
      if (!send_action.empty()) {
        sender = &statement;
        break;
      }
    }
    if (sender == nullptr) return;
    for (const auto& statement : policy.statements) {
      std::vector<std::string> adds, authorizes;
      const StringNode* first = nullptr;
      for (const auto& widening : kWidening) {
        const StringNode* value = naming_value(statement, widening.name);
        if (value == nullptr || !allowed_on_new_identity(policy, set, statement, widening.name, out.aws())) continue;
        (widening.authorizes ? authorizes : adds).emplace_back(widening.name);
        if (first == nullptr) first = value;
      }
      if (first != nullptr) report(out, statement, *first, *sender, send_action, adds, authorizes);
    }
  }

 private:
  static void report(Reporter& out, const Statement& statement, const StringNode& first, const Statement& sender,
                     std::string_view send_action, const std::vector<std::string>& adds,
                     const std::vector<std::string>& authorizes) {
    const std::string add_clause =
        adds.empty() ? std::string()
                     : fmt::format("add identities ({}), so it can verify a domain or address it controls and send as it",
                                   short_list(adds));
    const std::string authorize_clause =
        authorizes.empty() ? std::string()
                           : fmt::format("write sending-authorization policies ({}), so it can authorize itself on "
                                         "identities it was not given",
                                         short_list(authorizes));
    const std::string what = add_clause.empty()         ? authorize_clause
                             : authorize_clause.empty() ? add_clause
                                                        : fmt::format("{}; and {}", add_clause, authorize_clause);
    out.report(*first.node,
               fmt::format("this policy lets its holder send ({} in {}), and {} also lets it {}", send_action,
                           sender.label(), statement.label(), what),
               "leave identity verification and sending authorization to an administrator; a sender needs only the "
               "send actions");
  }
};

}  // namespace
std::unique_ptr<Rule> make_sender_can_add_identities() { return std::make_unique<SenderCanAddIdentities>(); }
}  // namespace seslint::rules
