#pragma once
// Shared by the MM rules: the subscription, the ingress points behind a resource, and whether a
// traffic policy is fully known (no template values), so that search answers are claims.
#include <optional>
#include <string>
#include <vector>

#include "seslint/engine.hpp"
#include "seslint/mailmanager.hpp"
#include "seslint/mailmanager_eval.hpp"
#include "seslint/mailmanager_ruleset_eval.hpp"

namespace seslint::rules {

// A rule over one Mail Manager resource: a document rule that acts only inside the Linter's
// mm::SubjectScope for that resource.
class MailManagerRule : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document&, Reporter& out) const final {
    if (const mm::Subject* subject = mm::SubjectScope::current(); subject != nullptr)
      check_mail_manager(*subject->resource, *subject->config, out);
  }
  virtual void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const = 0;
};

// True when the policy's default, actions and conditions are all known values.
bool fully_known(const mm::TrafficPolicy& policy);

// The traffic policy an ingress point uses, when it is in the configuration.
const mm::Resource* traffic_policy_of(const mm::Resource& ingress, const mm::Configuration& config);

// Indexes of the statements whose action is `action`.
std::vector<std::size_t> statements_with(const mm::TrafficPolicy& policy, std::string_view action);

// "traffic policy 'AWS::SES::MailManagerTrafficPolicy Edge'"
std::string describe(const mm::Resource& resource);

}  // namespace seslint::rules

namespace seslint::rules {

// OPEN ingress points on a public network that use `target` (a rule set or traffic policy).
std::vector<const mm::Resource*> open_public_ingresses(const mm::Resource& target, const mm::Configuration& config);

// A relay server on a private network: an RFC 1918 / unique-local / loopback address, or a name
// under a private suffix (.internal, .local, .lan, .corp, .home.arpa).
bool private_server(std::string_view server);

// Whether a rule's Conditions test the SPF or DKIM verdict for PASS (EQUALS PASS), or DMARC.
bool checks_authentication(const std::vector<mm::Condition>& conditions);

}  // namespace seslint::rules

// Rule sets: who may send into them, which conditions authenticate, trust or forge (MM013–MM018).
namespace seslint::rules {

// Whether mail from anyone may reach `rule_set`: an OPEN ingress point uses it, or the
// configuration shows no ingress point using it (a rule set read on its own).
bool receives_internet_mail(const mm::Resource& rule_set, const mm::Configuration& config);

// Actions that treat a message as genuine (MM013's list): archive, deliver, relay, hand to code or storage.
bool trusted_action(std::string_view type);
// The first trusted action of a rule, or nullptr.
const mm::Action* first_trusted_action(const mm::Rule& rule);

// The SPF / DKIM verdicts a VerdictExpression on Attribute SPF or DKIM lets through (empty for
// any other condition or a template value).
std::vector<std::string> admitted_verdicts(const mm::Condition& condition);
// An SPF or DKIM check that lets PASS through and stops FAIL, but also lets GRAY or
// PROCESSING_FAILED through (NOT_EQUALS FAIL): it reads as "authenticated" and is not (MM014).
bool weak_verdict_check(const mm::Condition& condition);
// A VerdictExpression on SPF or DKIM, or a DmarcExpression.
bool verdict_condition(const mm::Condition& condition);
// A condition that grants on a value the sender writes: FROM, SENDER, MAIL_FROM, HELO, SUBJECT or an
// X- header matched (EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS) or found in an address list (MM015).
bool spoofable_trust(const mm::Condition& condition);
// A rule that drops mail whose SPF or DKIM verdict failed (EQUALS FAIL, or NOT_EQUALS PASS).
bool drops_failures(const mm::Rule& rule);
// Conditions and Unless are absent or lists (not a template value standing for a whole list).
bool condition_lists_known(const mm::Rule& rule);
// True when the rule at `index` and the rules before it are known well enough for a message the
// search finds reaching it to be a claim, not a guess: their lists and action types are known, and
// every condition of it and of the Drop rules before it can be evaluated.
bool known_up_to(const mm::RuleSet& rule_set, std::size_t index);
// The verdicts of a message whose sender is not authenticated: FAIL, GRAY, PROCESSING_FAILED.
const std::vector<std::string>& unauthenticated_verdicts();
// A message with no passing SPF or DKIM verdict that makes the rule at `index` fire (or, with
// `unless`, reach it, match its Conditions and that Unless condition), past every earlier Drop.
// nullopt when there is none, when the search gave up, or when known_up_to() is false: no claim.
std::optional<mm::Message> unauthenticated_message(const mm::RuleSet& rule_set, std::size_t index,
                                                   std::optional<std::size_t> unless);
// The node a finding about a whole rule points at: its Name when it has one, else the rule.
const JsonValue& rule_anchor(const mm::Rule& rule);

}  // namespace seslint::rules
