// SES102 send-without-from-address: an allowed send request whose From address is a fresh address
// in the identity's domain, i.e. no effective ses:FromAddress restriction (a pattern that covers
// the whole domain counts as none). Reasoned over the whole policy with the evaluator. With the
// organisation's From addresses (.seslint.yaml org.from-addresses), a pinned From outside every
// pattern is a finding too, naming the address.
#include "rules/factories.hpp"
#include "rules/support/org.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/org.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// An allowed send on `probe` whose From full-matches none of the organisation's patterns.
std::optional<std::string> from_outside_org(const Policy& policy, const eval::PolicySet& set, std::string_view action,
                                            const ses::Probe& probe, const FullMatchPatterns& patterns) {
  eval::ReachQuery query = ses::query_for(policy, action, probe);
  const bool address_identity = probe.name.find('@') != std::string::npos;
  query.extra_values = {{"ses:FromAddress", {address_identity ? probe.name : "seslint-probe-7f3a@" + probe.domain}}};
  query.predicate = [&](const eval::Request& r) {
    const auto* from = r.context.find("ses:FromAddress");
    return from != nullptr && !patterns.any_matches((*from)[0]);
  };
  const auto witness = eval::find_allowed_request(set, query).witness;
  if (!witness) return std::nullopt;
  return (*witness->context.find("ses:FromAddress"))[0];
}

class SendWithoutFromAddress final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    const eval::PolicySet set = ses::policy_set(policy);
    ses::FreshAddresses fresh(policy);
    UndecidedStatements undecided_statements;
    for (const auto& statement : policy.statements) {
      const auto actions = ses::granted_send_actions(statement);
      if (actions.empty()) continue;
      bool undecided = false;
      for (const auto& probe : ses::probes_for(statement)) {
        const bool address_identity = probe.name.find('@') != std::string::npos;  // it sends as itself only
        std::vector<std::string_view> reachable;
        std::string example;
        for (std::string_view action : actions) {
          if (address_identity) break;
          const auto& answer = ses::from_unpinned(policy, set, action, probe, fresh);
          undecided = undecided || ses::undecided(answer);
          if (!answer.witness) continue;
          reachable.push_back(action);
          if (const auto* from = answer.witness->context.find("ses:FromAddress"); from != nullptr && example.empty())
            example = (*from)[0];
        }
        if (reachable.empty()) {
          check_org(policy, set, statement, actions, probe, out);
          continue;
        }
        undecided = false;  // reported: the finding stands for the statement
        out.report(statement.action->member->value,
                   fmt::format("{} on {} {} allowed with any From address{}{}: {}", ses::join_actions(reachable),
                               probe.label(), ses::is_are(reachable),
                               probe.made_up ? std::string() : " in " + probe.domain,
                               example.empty() ? std::string() : ", e.g. " + quoted(example),
                               why_unpinned(statement)),
                   "add \"StringEquals\": {\"ses:FromAddress\": \"noreply@<domain>\"} (or the few addresses this "
                   "sender needs)");
      }
      if (undecided) undecided_statements.add(statement);
    }
    undecided_statements.report(policy, "sending is allowed with any From address", out);
  }

 private:
  static void check_org(const Policy& policy, const eval::PolicySet& set, const Statement& statement,
                        const std::vector<std::string_view>& actions, const ses::Probe& probe, Reporter& out) {
    if (out.org() == nullptr || out.org()->from_addresses.empty()) return;
    const auto found = org::reached(actions, [&](std::string_view action) {
      return from_outside_org(policy, set, action, probe, out.org()->from_addresses);
    });
    if (found.actions.empty()) return;
    out.report(statement.action->member->value,
               fmt::format("{} on {} {} allowed with From {}, which matches none of the organisation's "
                           "from-addresses (.seslint.yaml org)",
                           ses::join_actions(found.actions), probe.label(), ses::is_are(found.actions),
                           quoted(found.example)),
               "pin ses:FromAddress to addresses the organisation sends as");
  }

  // A From condition whose pattern covers the whole domain is named, not called missing.
  static std::string why_unpinned(const Statement& statement) {
    std::vector<std::string> patterns;
    for (const auto& clause : statement.clauses)
      if (iequals(clause.key_member->key, "ses:FromAddress"))
        for (const auto& value : clause.values) patterns.push_back(quoted(value.text));
    if (patterns.empty()) return "no ses:FromAddress condition pins the sender";
    return fmt::format("its ses:FromAddress condition ({}) does not pin the sender", short_list(patterns));
  }
};

}  // namespace
std::unique_ptr<Rule> make_send_without_from_address() { return std::make_unique<SendWithoutFromAddress>(); }
}  // namespace seslint::rules
