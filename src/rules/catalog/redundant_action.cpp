// IAM209 redundant-action: an Action (or NotAction) value that another value of the same list
// already names, as an exact repeat or through a wildcard ("ses:Send*" with "ses:SendRawEmail").
#include "rules/factories.hpp"
#include "rules/support/pattern_cover.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

class RedundantAction final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    const Covers found = covering_values(list, ValueKind::Action);
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
