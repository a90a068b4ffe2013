// MM014 weak-verdict-check: verdict conditions that read as "authenticated" and are not.
// - SPF or DKIM NOT_EQUALS FAIL (or EQUALS PASS, GRAY) where it grants: in the Conditions of a rule
//   that archives, delivers, relays or sends, or in the Unless of a Drop rule. GRAY and
//   PROCESSING_FAILED get through.
// - An Unless on a Drop rule that holds for FAIL and not for PASS: the Drop is skipped for failed
//   mail and runs for authenticated mail (reversed polarity).
// - A DmarcExpression taken for "DMARC passed" on a rule set behind an OPEN public ingress point (where
//   MM013 would otherwise speak): it compares the sender domain's published DMARC policy (NONE,
//   QUARANTINE, REJECT), not a verdict.
#include <algorithm>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

bool grants(const mm::Rule& rule) {
  return first_trusted_action(rule) != nullptr ||
         std::any_of(rule.actions.begin(), rule.actions.end(), [](const mm::Action& a) { return a.type == "Send"; });
}

std::string verdict_text(const mm::Condition& c) {
  std::vector<std::string> values;
  for (const auto& v : c.values) values.push_back(v.value);
  return fmt::format("{} {} {}", c.attribute.value, c.op.value, fmt::join(values, ", "));
}

std::string let_through(const std::vector<std::string>& admitted) {
  std::vector<std::string> weak;
  for (const auto& v : admitted)
    if (v != "PASS") weak.push_back(v);
  return fmt::format("{}", fmt::join(weak, " and "));
}

bool strict_pass(const mm::Condition& c) { return admitted_verdicts(c) == std::vector<std::string>{"PASS"}; }

class WeakVerdictCheck final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::RuleSet) return;
    for (const auto& rule : resource.rule_set.rules) {
      if (grants(rule) && !mm::drops(rule))
        for (const auto& c : rule.conditions) report_weak(rule, c, "", out);
      if (mm::drops(rule))
        for (const auto& c : rule.unless) {
          report_weak(rule, c, " (in Unless, it skips the Drop)", out);
          report_reversed(rule, c, out);
        }
    }
    check_dmarc(resource, config, out);
  }

 private:
  static void report_weak(const mm::Rule& rule, const mm::Condition& c, std::string_view where, Reporter& out) {
    if (!weak_verdict_check(c)) return;
    out.report(*c.node,
               fmt::format("{} in {} also holds for {}{}: it does not check that {} passed", verdict_text(c), rule.label(),
                           let_through(admitted_verdicts(c)), where, c.attribute.value),
               fmt::format("use {} EQUALS PASS", c.attribute.value));
  }

  static void report_reversed(const mm::Rule& rule, const mm::Condition& c, Reporter& out) {
    const auto admitted = admitted_verdicts(c);
    const bool fail = std::find(admitted.begin(), admitted.end(), "FAIL") != admitted.end();
    const bool pass = std::find(admitted.begin(), admitted.end(), "PASS") != admitted.end();
    if (!fail || pass) return;
    out.report(*c.node,
               fmt::format("Unless {} skips the Drop of {} for mail whose {} failed and drops mail that passed: the "
                           "polarity is reversed",
                           verdict_text(c), rule.label(), c.attribute.value),
               fmt::format("skip the Drop for authenticated mail: Unless {} EQUALS PASS", c.attribute.value));
  }

  // Where MM013 would speak but for a DmarcExpression standing in for authentication.
  static void check_dmarc(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) {
    const auto ingresses = open_public_ingresses(resource, config);
    if (ingresses.empty()) return;
    for (const auto& rule : resource.rule_set.rules) {
      if (drops_failures(rule)) return;  // later rules see authenticated mail only (as MM013 reads it)
      const auto& c = rule.conditions;
      if (first_trusted_action(rule) == nullptr || std::any_of(c.begin(), c.end(), strict_pass)) continue;
      const auto dmarc = std::find_if(c.begin(), c.end(), [](const mm::Condition& x) {
        return x.type == "DmarcExpression" && !mm::rule_attribute_key(x).empty();
      });
      if (dmarc == c.end()) continue;
      out.report(*dmarc->node,
                 fmt::format("{} relies on a DmarcExpression to accept mail from the OPEN public {}, but it compares "
                             "the sender domain's published DMARC policy (NONE, QUARANTINE, REJECT), not whether DMARC "
                             "passed: forged mail is handled as genuine",
                             rule.label(), describe(*ingresses.front())),
                 "add SPF or DKIM EQUALS PASS to the rule's Conditions (or an earlier rule that drops failed verdicts)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_weak_verdict_check() { return std::make_unique<WeakVerdictCheck>(); }

}  // namespace seslint::rules
