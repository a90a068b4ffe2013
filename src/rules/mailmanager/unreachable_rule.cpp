// MM016 unreachable-rule: a rule no message can make fire — after a Drop with no conditions, with
// contradictory conditions, with an Unless that holds whenever its Conditions do, or because earlier
// Drop rules take every message it accepts — and a rule that repeats an earlier one. Unreachability
// is a claim only when the rule-set search was complete; a template value is either outcome.
#include <algorithm>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

bool unconditional_drop(const mm::Rule& rule) { return mm::drops(rule) && rule.conditions.empty() && rule.unless.empty(); }

// Condition evaluations per rule: enough for a rule set at the quotas (40 rules of 10 conditions)
// on bench/gen_mailmanager.py's configuration; a search that runs out says "analysis incomplete".
constexpr std::size_t kSearchBudget = 2'000'000;

// Some message makes the rule fire (true), none does (false), or the search gave up (nullopt).
std::optional<bool> fires_for_some(const mm::RuleSetSearcher& searcher, std::size_t index) {
  mm::RuleQuery query;
  query.rule = index;
  const mm::MessageSearch found = searcher.find(query, kSearchBudget);
  if (!found.complete) return std::nullopt;
  return found.witness.has_value();
}

// The rule alone, with only its first `conditions` Conditions and, if `with_unless`, its Unless.
mm::RuleSet alone(const mm::Rule& rule, std::size_t conditions, bool with_unless) {
  mm::RuleSet out;
  mm::Rule copy = rule;
  copy.conditions.resize(std::min(conditions, copy.conditions.size()));
  if (!with_unless) copy.unless.clear();
  copy.actions.clear();  // no Drop: nothing but the rule's own conditions decides
  out.rules.push_back(std::move(copy));
  return out;
}

// JSON text with object members sorted, for comparing rules.
void canonical(const JsonValue* value, std::string& out) {
  if (value == nullptr) {
    out += "null";
    return;
  }
  switch (value->kind) {
    case JsonKind::Object: {
      std::vector<const JsonMember*> members;
      for (const auto& m : value->members) members.push_back(&m);
      std::sort(members.begin(), members.end(), [](const JsonMember* a, const JsonMember* b) { return a->key < b->key; });
      out += '{';
      for (const JsonMember* m : members) {
        out += fmt::format("{:?}:", m->key);
        canonical(&m->value, out);
        out += ',';
      }
      out += '}';
      break;
    }
    case JsonKind::Array:
      out += '[';
      for (const auto& item : value->items) {
        canonical(&item, out);
        out += ',';
      }
      out += ']';
      break;
    case JsonKind::String: out += fmt::format("{:?}", value->text); break;
    default: out += value->text.str() + (value->kind == JsonKind::Bool ? (value->boolean ? "true" : "false") : "");
  }
}

std::string rule_body(const mm::Rule& rule) {
  std::string out;
  for (const JsonValue* part : {rule.conditions_node, rule.unless_node, rule.actions_node}) {
    // An absent list and an empty one mean the same.
    if (part != nullptr && part->is_array() && part->items.empty()) part = nullptr;
    canonical(part, out);
    out += '|';
  }
  return out;
}

class UnreachableRule final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::RuleSet) return;
    const auto& rules = resource.rule_set.rules;
    if (!std::all_of(rules.begin(), rules.end(), condition_lists_known)) return;  // a template builds a list
    std::vector<std::string> bodies;
    std::vector<std::size_t> undecided;
    const mm::RuleSetSearcher searcher(resource.rule_set);
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const mm::Rule& rule = rules[r];
      if (r > 0 && unconditional_drop(rules[r - 1])) {
        report_after_drop(rules, r, out);
        return;  // every later rule has the same cause
      }
      bodies.push_back(rule_body(rule));
      const std::optional<bool> reachable = fires_for_some(searcher, r);
      if (!reachable) undecided.push_back(r);
      if (reachable == false) {
        report_unreachable(resource.rule_set, r, out);
        continue;
      }
      const auto same = std::find(bodies.begin(), bodies.end() - 1, bodies.back());
      if (same != bodies.end() - 1)
        out.report(rule_anchor(rule),
                   fmt::format("{} repeats {} (same Conditions, Unless and Actions): its actions run twice for the same "
                               "messages",
                               rule.label(), rules[static_cast<std::size_t>(same - bodies.begin())].label()),
                   "delete one of the two rules");
    }
    if (!undecided.empty()) report_incomplete(rules, undecided, out);
  }

 private:
  static void report_after_drop(const std::vector<mm::Rule>& rules, std::size_t r, Reporter& out) {
    const std::size_t later = rules.size() - r - 1;
    out.report(rule_anchor(rules[r]),
               fmt::format("{}{} never run{}: {} drops every message (no Conditions, no Unless) and Drop ends processing",
                           rules[r].label(), later == 0 ? "" : fmt::format(" and the {} rule{} after it", later, later == 1 ? "" : "s"),
                           later == 0 ? "s" : "", rules[r - 1].label()),
               "move the Drop rule to the end, or give it the Conditions of the mail it is meant to drop");
  }

  // The search gave up on these rules: say so once, at the first, and claim nothing about them.
  static void report_incomplete(const std::vector<mm::Rule>& rules, const std::vector<std::size_t>& undecided,
                                Reporter& out) {
    const mm::Rule& first = rules[undecided.front()];
    const std::string more =
        undecided.size() == 1 ? "" : fmt::format(" and {} later rule{}", undecided.size() - 1, undecided.size() == 2 ? "" : "s");
    out.report(Level::Note, rule_anchor(first),
               fmt::format("analysis incomplete: the rule set is too large or intricate to decide within the work "
                           "budget whether {}{} can run; nothing is reported about {} here",
                           first.label(), more, undecided.size() == 1 ? "it" : "them"),
               "split the rule set, or give its rules fewer string conditions, then lint again");
  }

  static void report_unreachable(const mm::RuleSet& rule_set, std::size_t r, Reporter& out) {
    const mm::Rule& rule = rule_set.rules[r];
    // Its own Conditions: the first one that leaves no message.
    for (std::size_t n = 1; n <= rule.conditions.size(); ++n) {
      const mm::RuleSet prefix = alone(rule, n, false);
      if (fires_for_some(mm::RuleSetSearcher(prefix), 0) != false) continue;
      const mm::Condition& c = rule.conditions[n - 1];
      out.report(*c.node,
                 n == 1 ? fmt::format("condition 1 of {} matches no message, so the rule never runs", rule.label())
                        : fmt::format("condition {} of {} contradicts the conditions before it: no message matches them "
                                      "all, so the rule never runs",
                                      n, rule.label()),
                 "fix the condition's operator or values, or delete the rule");
      return;
    }
    const mm::RuleSet with_unless = alone(rule, rule.conditions.size(), true);
    if (fires_for_some(mm::RuleSetSearcher(with_unless), 0) == false) {
      out.report(rule.unless_node != nullptr ? *rule.unless_node : rule_anchor(rule),
                 fmt::format("the Unless conditions of {} hold for every message its Conditions match, so the rule never "
                             "runs",
                             rule.label()),
                 "fix the Unless conditions, or delete the rule");
      return;
    }
    std::vector<std::string> droppers;
    for (std::size_t k = 0; k < r; ++k)
      if (mm::drops(rule_set.rules[k])) droppers.push_back(rule_set.rules[k].label());
    out.report(rule_anchor(rule),
               fmt::format("{} never runs: every message it matches is dropped first by {}", rule.label(),
                           fmt::join(droppers, ", ")),
               "move the rule before the Drop rules, or narrow their Conditions");
  }
};

}  // namespace

std::unique_ptr<Rule> make_unreachable_rule() { return std::make_unique<UnreachableRule>(); }

}  // namespace seslint::rules
