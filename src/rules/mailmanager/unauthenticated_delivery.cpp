// MM013 unauthenticated-delivery: on a rule set behind an OPEN public ingress point, a rule that
// archives, delivers (WorkMail, Q Business), invokes Lambda, writes to S3 or relays mail without
// checking SPF or DKIM for PASS (or DMARC), when no earlier rule drops failed verdicts: forged mail
// is handled as if it were genuine. MM012 (the action relays for anyone), MM014 (a weak verdict
// check) and MM015 (trust in a field the sender writes) name a more specific cause: the engine
// drops this rule's finding where they report (rules/catalog.json "supersedes").
#include <algorithm>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class UnauthenticatedDelivery final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::RuleSet) return;
    const auto ingresses = open_public_ingresses(resource, config);
    if (ingresses.empty()) return;
    for (const auto& rule : resource.rule_set.rules) {
      if (drops_failures(rule)) return;  // later rules see authenticated mail only
      if (checks_authentication(rule.conditions) ||
          std::any_of(rule.conditions.begin(), rule.conditions.end(), [](const mm::Condition& c) { return c.unknown(); }))
        continue;
      for (const auto& action : rule.actions) {
        if (!trusted_action(action.type)) continue;
        out.report(*action.node,
                   fmt::format("{} runs {} on mail from the OPEN public {} without checking SPF or DKIM for PASS: "
                               "forged mail is handled as genuine",
                               rule.label(), action.type, describe(*ingresses.front())),
                   "add a VerdictExpression condition (SPF or DKIM EQUALS PASS), or an earlier rule that drops "
                   "mail whose verdict is FAIL");
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unauthenticated_delivery() { return std::make_unique<UnauthenticatedDelivery>(); }

}  // namespace seslint::rules
