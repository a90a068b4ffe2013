// IAM212 redundant-numeric-value: several values under a numeric comparison, where one bound says
// it all: the values of a key are alternatives, so NumericLessThan [10, 20] is NumericLessThan 20.
// Negated operators (NumericNotEquals) need every value and are left alone.
#include <charconv>
#include <optional>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

std::optional<double> number(std::string_view text) {
  double out = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return out;
}

enum class Keep { Greatest, Least, Distinct };

Keep keep_for(std::string_view op) {
  if (op.starts_with("NumericLessThan")) return Keep::Greatest;
  if (op.starts_with("NumericGreaterThan")) return Keep::Least;
  return Keep::Distinct;  // NumericEquals: only repeats are redundant
}

class RedundantNumericValue final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    const ParsedOperator& op = statement.operator_of(clause).parsed;
    if (!op.valid() || op.base->family != OperatorFamily::Numeric || op.base->negated || clause.values.size() < 2) return;
    std::vector<double> numbers;
    for (const auto& value : clause.values) {
      const auto parsed = number(value.text);
      if (!parsed) return;  // not a number: IAM014's
      numbers.push_back(*parsed);
    }
    const Keep keep = keep_for(op.base->name);
    std::size_t kept = 0;
    for (std::size_t i = 1; i < numbers.size(); ++i)
      if ((keep == Keep::Greatest && numbers[i] > numbers[kept]) || (keep == Keep::Least && numbers[i] < numbers[kept]))
        kept = i;
    std::vector<std::string> redundant;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      if (keep == Keep::Distinct) {
        for (std::size_t j = 0; j < i; ++j)
          if (numbers[j] == numbers[i]) {
            redundant.push_back(clause.values[i].text);
            break;
          }
      } else if (i != kept) {
        redundant.push_back(clause.values[i].text);
      }
    }
    if (redundant.empty()) return;
    const std::string message =
        keep == Keep::Distinct
            ? fmt::format("{} on {} in {} repeats {}: the repeat adds nothing", op.base->name, quoted(clause.key_member->key),
                          statement.label(), short_list(redundant, redundant.size(), 8))
            : fmt::format("{} on {} in {} holds {} values, but the {} ({}) already admits everything the others do",
                          op.base->name, quoted(clause.key_member->key), statement.label(), numbers.size(),
                          keep == Keep::Greatest ? "greatest" : "least", clause.values[kept].text);
    out.report_key(*clause.key_member, message,
                   fmt::format("remove {} and keep {}", short_list(redundant, redundant.size(), 8),
                               keep == Keep::Distinct ? "one of each value" : clause.values[kept].text));
  }
};

}  // namespace
std::unique_ptr<Rule> make_redundant_numeric_value() { return std::make_unique<RedundantNumericValue>(); }
}  // namespace seslint::rules
