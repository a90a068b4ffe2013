// IAM018 variable-misuse: malformed ${...}; a variable where IAM does not substitute it (Action,
// Principal, Sid, Effect, and Numeric/Date/IP/Binary/Null values); or variables without Version
// 2012-10-17, under which they are plain text.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

using E = StatementElement;

class VariableMisuse final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement) | bit(NodeKind::ConditionClause); }

  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    for (E which : {E::Sid, E::Effect, E::Action, E::NotAction}) {
      const JsonMember* member = statement.element(which);
      if (member != nullptr) not_substituted(member->value, member->key, statement, out);
    }
    if (statement.principal)
      for (const auto& entry : statement.principal->entries)
        for (const auto& value : entry.values)
          not_substituted(*value.node, element_name(*statement.principal), statement, out);
    if (statement.resource)
      for (const auto& value : statement.resource->values)
        check_substituted(policy, value.text, *value.node, fmt::format("{} of {}", element_name(*statement.resource),
                                                                        statement.label()), out);
  }

  void check_clause(const Policy& policy, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr) return;
    const std::string where = fmt::format("condition key {} under {} in {}", quoted(clause.key_member->key),
                                          quoted(op.member->key), statement.label());
    for (const auto& value : clause.values) {
      if (!has_variables(value.text)) continue;
      if (!family_allows_variables(op.parsed.base->family)) {
        out.report(*value.node,
                   fmt::format("policy variable in {} is not substituted: {} operators take no variables ({})",
                               quoted(value.text), to_string(op.parsed.base->family), where),
                   "use a String, Bool or Arn operator, or a literal value");
        continue;
      }
      check_substituted(policy, value.text, *value.node, where, out);
    }
  }

 private:
  // Elements where IAM never substitutes variables.
  static void not_substituted(const JsonValue& value, std::string_view element, const Statement& statement, Reporter& out) {
    auto check = [&](const JsonValue& item) {
      if (item.is_string() && has_variables(item.text))
        out.report(item, fmt::format("policy variable in {} is not substituted: {} of {} takes no variables",
                                     quoted(item.text), element, statement.label()));
    };
    if (value.is_array()) {
      for (const auto& item : value.items) check(item);
    } else {
      check(value);
    }
  }

  // Places where variables work: report malformed ones, and any under the wrong Version.
  static void check_substituted(const Policy& policy, std::string_view text, const JsonValue& node,
                                const std::string& where, Reporter& out) {
    if (!has_variables(text)) return;
    for (const auto& ref : find_variables(text)) {
      if (!ref.problem.empty()) {
        out.report(Level::Error, node, fmt::format("malformed policy variable: {} (in {})", ref.problem, where));
        return;
      }
    }
    if (policy.version_text() != "2012-10-17")
      out.report(Level::Warning, node,
                 fmt::format("{} in {} is plain text, not a policy variable: variables need Version '2012-10-17'",
                             quoted(text), where),
                 "add \"Version\": \"2012-10-17\" to the policy");
  }
};

}  // namespace
std::unique_ptr<Rule> make_variable_misuse() { return std::make_unique<VariableMisuse>(); }
}  // namespace seslint::rules
