// IAM209 redundant-action: an Action (or NotAction) value that another value of the same list
// already names, as an exact repeat or through a wildcard ("ses:Send*" with "ses:SendRawEmail").
#include <algorithm>
#include <optional>
#include <vector>

#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/pattern_cover.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// covering_values' answer when every value is an exact action name the catalog knows and none is
// templated (most lists): a value without wildcards covers only its equal, case aside, which names
// the same catalog action, so the first value of each action covers the later ones. Comparing
// action addresses instead of folded texts spares the sorting of strings. Nullopt otherwise.
std::optional<Covers> covers_of_known_actions(const ValueList& list, const std::vector<catalog::ActionFact>& facts) {
  std::vector<std::pair<const aws::Action*, std::size_t>> by_action;
  by_action.reserve(facts.size());
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (!facts[i].exact() || !facts[i].known || list.values[i].node->templated) return std::nullopt;
    by_action.emplace_back(facts[i].action, i);
  }
  std::sort(by_action.begin(), by_action.end());
  Covers out;
  out.of.resize(facts.size());
  for (std::size_t k = 1; k < by_action.size(); ++k) {
    const auto [action, i] = by_action[k];
    if (action != by_action[k - 1].first) continue;
    const std::size_t first = out.of[by_action[k - 1].second].value_or(by_action[k - 1].second);
    // One action, one name: equal texts, case aside (else the catalog's look-up is not what we think).
    if (!iequals(list.values[i].text, list.values[first].text)) return std::nullopt;
    out.of[i] = first;
  }
  return out;
}

class RedundantAction final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    auto known = covers_of_known_actions(list, catalog::action_facts(list, out.aws()));
    const Covers found = known ? std::move(*known) : covering_values(list, ValueKind::Action);
    const auto& covers = found.of;
    for (std::size_t i = 0; i < covers.size(); ++i) {
      if (!covers[i]) continue;
      const auto& value = list.values[i];
      const auto& cover = list.values[*covers[i]];
      const bool repeat = iequals(value.text, cover.text);
      out.report(*value.node,
                 fmt::format("{} {} in {} is redundant: {} {} already", element_name(list), quoted(value.text),
                             statement.label(), quoted(cover.text), repeat ? "names it" : "covers it"),
                 fmt::format("remove {}", quoted(value.text)));
    }
    if (!found.complete)
      report_incomplete(list.member->value,
                        fmt::format("the later values of {} in {} are covered by its wildcard values", element_name(list),
                                    statement.label()),
                        out);
  }
};

}  // namespace
std::unique_ptr<Rule> make_redundant_action() { return std::make_unique<RedundantAction>(); }
}  // namespace seslint::rules
