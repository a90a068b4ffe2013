// MM018 bounce-backscatter: a Bounce action that mail with no passing SPF or DKIM verdict reaches,
// in a rule that does not check the recipient against an address list. The bounce goes to the
// sender address the message claims, which anyone can forge: the domain sends unsolicited bounces
// (backscatter) and gets listed. The rule-set search must find such a message past every earlier
// Drop rule.
#include <algorithm>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

bool checks_recipient_validity(const mm::Condition& c) {
  return c.subject == "IsInAddressList" && c.attribute.is("RECIPIENT") && !c.unknown();
}

class BounceBackscatter final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::RuleSet || !receives_internet_mail(resource, config)) return;
    const mm::RuleSet& rule_set = resource.rule_set;
    for (std::size_t r = 0; r < rule_set.rules.size(); ++r) {
      const mm::Rule& rule = rule_set.rules[r];
      const auto bounce = std::find_if(rule.actions.begin(), rule.actions.end(), [](const mm::Action& a) { return a.type == "Bounce"; });
      if (bounce == rule.actions.end() ||
          std::any_of(rule.conditions.begin(), rule.conditions.end(), checks_recipient_validity))
        continue;
      // A Drop before the Bounce in the same rule ends processing first.
      if (std::any_of(rule.actions.begin(), bounce, [](const mm::Action& a) { return a.type == "Drop"; })) continue;
      const auto witness = unauthenticated_message(rule_set, r, std::nullopt);
      if (!witness) continue;
      out.report(*bounce->node,
                 fmt::format("{} bounces {}: the bounce goes to whatever sender the message claims, so forged mail "
                             "turns it into backscatter",
                             rule.label(), witness->describe()),
                 "bounce only authenticated mail (SPF or DKIM EQUALS PASS in the Conditions) or unknown recipients (an "
                 "IsInAddressList RECIPIENT condition); drop the rest");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_bounce_backscatter() { return std::make_unique<BounceBackscatter>(); }

}  // namespace seslint::rules
