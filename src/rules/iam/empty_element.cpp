// IAM012 empty-element: an empty array, object or string where a value is expected.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

using E = StatementElement;

bool is_empty_container(const JsonValue& value) {
  return (value.is_array() && value.items.empty()) || (value.is_object() && value.members.empty());
}

std::string_view shape(const JsonValue& value) {
  return value.is_array() ? "an empty array" : value.is_object() ? "an empty object" : "an empty string";
}

class EmptyElement final : public Rule {
 public:
  unsigned subscriptions() const override {
    return bit(NodeKind::Policy) | bit(NodeKind::Statement) | bit(NodeKind::Principal) |
           bit(NodeKind::ConditionOperator) | bit(NodeKind::ConditionClause);
  }

  void check_policy(const Policy& policy, Reporter& out) const override {
    if (policy.statement_member != nullptr && is_empty_container(policy.statement_member->value))
      out.report(policy.statement_member->value,
                 fmt::format("Statement is {}, so the policy allows and denies nothing", shape(policy.statement_member->value)));
  }

  void check_statement(const Policy&, const Statement& statement, Reporter& out) const override {
    for (E which : {E::Action, E::NotAction, E::Resource, E::NotResource}) {
      const JsonMember* member = statement.element(which);
      if (member != nullptr) check_strings(member->value, member->key, statement, out);
    }
    if (const JsonMember* sid = statement.element(E::Sid); sid != nullptr && sid->value.is_string() && sid->value.text.empty())
      // What the console, CloudFormation and Terraform emit; AWS accepts it: a note, not a warning.
      out.report(Level::Note, sid->value, fmt::format("Sid of {} is an empty string", statement.label()),
                 "remove Sid or name the statement");
    if (const JsonMember* condition = statement.element(E::Condition);
        condition != nullptr && is_empty_container(condition->value))
      out.report(condition->value, fmt::format("Condition of {} is {}", statement.label(), shape(condition->value)),
                 "remove the empty Condition");
  }

  void check_principal(const Policy&, const Statement& statement, const Principal& principal, Reporter& out) const override {
    const JsonValue& value = principal.member->value;
    if (is_empty_container(value) || (value.is_string() && value.text.empty())) {
      out.report(value, fmt::format("{} of {} is {}", element_name(principal), statement.label(), shape(value)));
      return;
    }
    for (const auto& entry : principal.entries)
      check_strings(entry.member->value, fmt::format("{} {}", element_name(principal), quoted(entry.member->key)),
                    statement, out);
  }

  void check_operator(const Policy&, const Statement& statement, const ConditionOperator& op, Reporter& out) const override {
    if (is_empty_container(op.member->value))
      out.report(op.member->value, fmt::format("condition operator {} in {} has {} of keys", quoted(op.member->key),
                                               statement.label(), shape(op.member->value)));
  }

  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const JsonValue& value = clause.key_member->value;
    if (value.is_array() && value.items.empty())
      out.report(value, fmt::format("condition key {} in {} has an empty list of values, which AWS rejects",
                                    quoted(clause.key_member->key), statement.label()));
  }

 private:
  static void check_strings(const JsonValue& value, std::string_view name, const Statement& statement, Reporter& out) {
    if (is_empty_container(value) || (value.is_string() && value.text.empty())) {
      out.report(value, fmt::format("{} of {} is {}, so it matches nothing", name, statement.label(), shape(value)));
      return;
    }
    if (!value.is_array()) return;
    for (const auto& item : value.items)
      if (item.is_string() && item.text.empty())
        out.report(item, fmt::format("{} of {} has an empty string, which matches nothing", name, statement.label()));
  }
};

}  // namespace
std::unique_ptr<Rule> make_empty_element() { return std::make_unique<EmptyElement>(); }
}  // namespace seslint::rules
