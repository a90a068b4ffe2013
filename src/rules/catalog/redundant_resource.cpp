// IAM210 redundant-resource: a Resource (or NotResource) value that another value of the same list
// already names, as an exact repeat or through a wildcard ("arn:aws:s3:::logs/*" with
// "arn:aws:s3:::logs/2024/*"). ARNs compare case-sensitively, as IAM matches them.
#include "rules/factories.hpp"
#include "rules/support/pattern_cover.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class RedundantResource final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Resource); }
  void check_resource(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    const Covers found = covering_values(list, ValueKind::Resource);
    const auto& covers = found.of;
    for (std::size_t i = 0; i < covers.size(); ++i) {
      if (!covers[i]) continue;
      const auto& value = list.values[i];
      const auto& cover = list.values[*covers[i]];
      out.report(*value.node,
                 fmt::format("{} {} in {} is redundant: {} {} already", element_name(list), quoted(value.text),
                             statement.label(), quoted(cover.text), value.text == cover.text ? "names it" : "covers it"),
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
std::unique_ptr<Rule> make_redundant_resource() { return std::make_unique<RedundantResource>(); }
}  // namespace seslint::rules
