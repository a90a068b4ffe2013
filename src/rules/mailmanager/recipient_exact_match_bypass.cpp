// MM009 recipient-exact-match-bypass: a traffic-policy DENY statement or a rule-set Drop that
// matches a whole recipient address with EQUALS or CONTAINS. Recipients are compared raw, plus-tag
// included, so mail to local+tag@domain (delivered to the same mailbox) is not blocked.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

// "user@example.com": a local part and a domain, so a plus tag can be slipped in between.
bool whole_address(const mm::Text& value) {
  if (!value.known) return false;
  const auto at = value.value.find('@');
  return at != std::string::npos && at > 0 && at + 1 < value.value.size() && value.value.find('@', at + 1) == std::string::npos;
}

bool exact_recipient_match(const mm::Condition& c) {
  return !c.unknown() && c.type == "StringExpression" && c.subject == "Attribute" && c.attribute.is("RECIPIENT") &&
         (c.op.is("EQUALS") || c.op.is("CONTAINS"));
}

std::string plus_tagged(const std::string& address) {
  const auto at = address.find('@');
  return address.substr(0, at) + "+tag" + address.substr(at);
}

class RecipientExactMatchBypass final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind == mm::Kind::TrafficPolicy) check_policy(resource.traffic_policy, out);
    if (resource.kind == mm::Kind::RuleSet) check_rules(resource.rule_set, out);
  }

 private:
  static void check_policy(const mm::TrafficPolicy& policy, Reporter& out) {
    // Under a DENY default with no ALLOW statement the DENY changes nothing (MM004 says so).
    if (policy.default_action.is("DENY") && statements_with(policy, "ALLOW").empty()) return;
    for (const auto& statement : policy.statements) {
      if (!statement.action.is("DENY")) continue;
      for (const auto& c : statement.conditions) {
        if (!exact_recipient_match(c)) continue;
        for (const auto& value : c.values) {
          if (!whole_address(value)) continue;
          out.report(*value.node,
                     fmt::format("DENY statement {} matches the whole recipient address with {}: recipients are "
                                 "compared raw, so {} does not match and is not denied",
                                 statement.index + 1, c.op.value,
                                 mm::sensitive(value) ? std::string("the same address with a plus tag (local+tag@domain)")
                                                      : fmt::format("'{}'", plus_tagged(value.value))),
                     "match the domain with ENDS_WITH, or the local part with STARTS_WITH 'user@' and 'user+', or "
                     "use an address list");
        }
      }
    }
  }

  // Rule-set strings are marked sensitive by the API: the message names the value, never shows it.
  static void check_rules(const mm::RuleSet& rule_set, Reporter& out) {
    for (const auto& rule : rule_set.rules) {
      if (!mm::drops(rule)) continue;
      for (const auto& c : rule.conditions) {
        if (!exact_recipient_match(c)) continue;
        for (std::size_t i = 0; i < c.values.size(); ++i) {
          if (!whole_address(c.values[i])) continue;
          out.report(*c.values[i].node,
                     fmt::format("{} drops mail whose RECIPIENT {} value {}, a whole address: recipients are compared "
                                 "raw, so the same address with a plus tag (local+tag@domain) is not dropped",
                                 rule.label(), c.op.is("EQUALS") ? "EQUALS" : "CONTAINS", i + 1),
                     "match the domain with ENDS_WITH, or the local part with STARTS_WITH 'user@' and 'user+', or "
                     "use an address list");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_recipient_exact_match_bypass() { return std::make_unique<RecipientExactMatchBypass>(); }

}  // namespace seslint::rules
