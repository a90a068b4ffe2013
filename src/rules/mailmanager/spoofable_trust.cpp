// MM015 spoofable-trust: a rule that archives, delivers, relays or sends because FROM, SENDER,
// MAIL_FROM, HELO, SUBJECT or an X- header matches, with no SPF, DKIM or DMARC condition; or a Drop
// rule whose Unless skips it on such a field. The sender writes all of these, so forged mail gets
// the trust (or escapes the Drop). The rule-set search must find a message with no passing SPF or
// DKIM verdict that reaches the action (or skips the Drop) past every earlier Drop rule.
#include <algorithm>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

const mm::Action* granting_action(const mm::Rule& rule) {
  if (const mm::Action* trusted = first_trusted_action(rule)) return trusted;
  for (const auto& action : rule.actions)
    if (action.type == "Send") return &action;
  return nullptr;
}

std::string field_of(const mm::Condition& c) {
  if (mm::sensitive(c.attribute)) return "a header whose name is sensitive";
  return c.subject == "IsInAddressList" ? c.attribute.value + " (address list)" : c.attribute.value;
}

class SpoofableTrust final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::RuleSet || !receives_internet_mail(resource, config)) return;
    const mm::RuleSet& rule_set = resource.rule_set;
    for (std::size_t r = 0; r < rule_set.rules.size(); ++r) {
      const mm::Rule& rule = rule_set.rules[r];
      if (mm::drops(rule)) {
        check_unless(rule_set, r, out);
      } else {
        check_conditions(rule_set, r, out);
      }
    }
  }

 private:
  static void check_conditions(const mm::RuleSet& rule_set, std::size_t r, Reporter& out) {
    const mm::Rule& rule = rule_set.rules[r];
    const mm::Action* action = granting_action(rule);
    const auto& c = rule.conditions;
    const auto trust = std::find_if(c.begin(), c.end(), spoofable_trust);
    // A verdict condition, weak or not, is MM014's to judge.
    if (action == nullptr || trust == c.end() || std::any_of(c.begin(), c.end(), verdict_condition)) return;
    const auto witness = unauthenticated_message(rule_set, r, std::nullopt);
    if (!witness) return;
    out.report(*trust->node,
               fmt::format("{} runs {} because {} matches, a field the sender writes, and checks no SPF, DKIM or DMARC "
                           "verdict: {} reaches it",
                           rule.label(), action->type, field_of(*trust), witness->describe()),
               "add SPF or DKIM EQUALS PASS to the rule's Conditions (the verdict is what vouches for the sender)");
  }

  static void check_unless(const mm::RuleSet& rule_set, std::size_t r, Reporter& out) {
    const mm::Rule& rule = rule_set.rules[r];
    for (std::size_t u = 0; u < rule.unless.size(); ++u) {
      const mm::Condition& c = rule.unless[u];
      if (!spoofable_trust(c)) continue;
      const auto witness = unauthenticated_message(rule_set, r, u);
      if (!witness) continue;
      out.report(*c.node,
                 fmt::format("Unless {} skips the Drop of {} on a field the sender writes: {} escapes the Drop",
                             field_of(c), rule.label(), witness->describe()),
                 "skip the Drop on an authenticated property instead (Unless SPF or DKIM EQUALS PASS), or on SOURCE_IP "
                 "for your own systems");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_spoofable_trust() { return std::make_unique<SpoofableTrust>(); }

}  // namespace seslint::rules
