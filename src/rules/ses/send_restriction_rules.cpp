// SES105 uneven-send-restrictions: the send actions a policy allows on an identity are not
// restricted alike (From pinned or network restricted for one, not for another): the weakest
// is the way around the others. SES110 smtp-needs-send-raw-email: sending is allowed but
// ses:SendRawEmail is not, so SMTP with these credentials fails with 554 Access denied.
#include <map>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"

namespace seslint::rules {
namespace {

struct Openness {
  bool from = false, network = false;
};

class UnevenSendRestrictions final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    const eval::PolicySet set = ses::policy_set(policy);
    const ses::NamedNetworks named = ses::named_networks(policy);
    ses::FreshAddresses fresh(policy);
    // Per identity: every send action some Allow grants, and the first statement that grants it.
    std::map<std::string, std::pair<ses::Probe, std::map<std::string_view, const Statement*>>> identities;
    for (const auto& statement : policy.statements)
      for (std::string_view action : ses::granted_send_actions(statement))
        for (const auto& probe : ses::probes_for(statement)) {
          auto& entry = identities.try_emplace(probe.identity_arn, probe, std::map<std::string_view, const Statement*>{}).first->second;
          entry.second.emplace(action, &statement);
        }
    for (const auto& [arn, entry] : identities) {
      const auto& [probe, actions] = entry;
      if (actions.size() < 2) continue;
      std::map<std::string_view, Openness> open;
      bool undecided = false;
      for (const auto& [action, statement] : actions) {
        // An action no request may use is not "restricted": it is simply never allowed.
        if (!ses::allowed(policy, set, action, probe).witness) continue;
        const bool address_identity = probe.name.find('@') != std::string::npos;
        const auto& from = ses::from_unpinned(policy, set, action, probe, fresh);
        const auto& network = ses::network_unrestricted(policy, set, action, probe, named);
        open[action] = {!address_identity && from.witness.has_value(), network.witness.has_value()};
        undecided = undecided || (!address_identity && ses::undecided(from)) || ses::undecided(network);
      }
      if (undecided) {  // "restricted" may only mean "not decided": compare nothing
        report_incomplete(policy, actions.begin()->second, "the send actions on " + probe.label() + " are restricted alike", out);
        continue;
      }
      report_gap(open, actions, probe, "From address", [](const Openness& o) { return o.from; }, out);
      report_gap(open, actions, probe, "network", [](const Openness& o) { return o.network; }, out);
    }
  }

 private:
  template <typename IsOpen>
  static void report_gap(const std::map<std::string_view, Openness>& open,
                         const std::map<std::string_view, const Statement*>& actions, const ses::Probe& probe,
                         std::string_view what, IsOpen is_open, Reporter& out) {
    std::vector<std::string_view> restricted, unrestricted;
    for (const auto& [action, o] : open) (is_open(o) ? unrestricted : restricted).push_back(action);
    if (restricted.empty() || unrestricted.empty()) return;
    const Statement& weakest = *actions.at(unrestricted.front());
    out.report(weakest.action->member->value,
               fmt::format("on {}, the {} is restricted for {} but not for {}: whoever holds these credentials "
                           "sends with {} instead",
                           probe.label(), what, ses::join_actions(restricted), ses::join_actions(unrestricted),
                           unrestricted.size() == 1 ? std::string(unrestricted.front()) : "those"),
               "restrict every send action alike (SMTP uses ses:SendRawEmail, the v2 API ses:SendEmail)");
  }
};

class SmtpNeedsSendRawEmail final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity) return;
    const auto level = level_for_smtp(policy, out.default_level());
    if (!level) return;  // only an IAM user has SMTP credentials
    const eval::PolicySet set = ses::policy_set(policy);
    UndecidedStatements undecided_statements;
    for (const auto& statement : policy.statements) {
      std::vector<std::string_view> api_actions;
      for (const auto action : ses::granted_send_actions(statement))
        if (action == "ses:SendEmail" || action == "ses:SendTemplatedEmail") api_actions.push_back(action);
      if (api_actions.empty()) continue;
      for (const auto& probe : ses::probes_for(statement)) {
        // Only what is really allowed counts: a statement whose conditions never hold grants nothing.
        std::vector<std::string_view> allowed;
        bool undecided = false;
        for (const auto action : api_actions) {
          const auto& answer = ses::allowed(policy, set, action, probe);
          if (answer.witness) allowed.push_back(action);
          undecided = undecided || ses::undecided(answer);
        }
        const eval::ReachResult* raw = allowed.empty() ? nullptr : &ses::allowed(policy, set, "ses:SendRawEmail", probe);
        if (raw != nullptr && raw->witness) continue;
        if (raw == nullptr ? undecided : ses::undecided(*raw)) {  // not found is not "not allowed"
          undecided_statements.add(statement);
          break;
        }
        if (raw == nullptr) continue;
        out.report(*level, statement.action->member->value,
                   fmt::format("{} allows {} on {} but no statement allows ses:SendRawEmail there, so SMTP with "
                               "these credentials fails with \"554 Access denied\"",
                               statement.label(), ses::join_actions(allowed), probe.label()),
                   "if the credentials are for SMTP, allow ses:SendRawEmail with the same conditions");
        break;
      }
    }
    undecided_statements.report(policy, "SMTP sending (ses:SendRawEmail) is allowed where the API is", out);
  }
};

}  // namespace
std::unique_ptr<Rule> make_uneven_send_restrictions() { return std::make_unique<UnevenSendRestrictions>(); }
std::unique_ptr<Rule> make_smtp_needs_send_raw_email() { return std::make_unique<SmtpNeedsSendRawEmail>(); }
}  // namespace seslint::rules
