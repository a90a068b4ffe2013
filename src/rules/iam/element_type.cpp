// IAM004 element-type: an element of a JSON type the grammar does not allow.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

using E = StatementElement;

bool is_scalar(const JsonValue& value) {
  return value.kind == JsonKind::String || value.kind == JsonKind::Number || value.kind == JsonKind::Bool;
}

class ElementType final : public Rule {
 public:
  unsigned subscriptions() const override {
    return bit(NodeKind::Document) | bit(NodeKind::Policy) | bit(NodeKind::Statement);
  }

  void check_document(const Document& document, Reporter& out) const override {
    const JsonValue* root = document.root;
    if (root && !root->is_object())
      out.report_at(out.default_level(), root->opening(), root->pointer,
                    fmt::format("a policy must be a JSON object, found {}", to_string(root->kind)));
  }

  void check_policy(const Policy& policy, Reporter& out) const override {
    expect_string(policy.version, out);
    expect_string(policy.id, out);
    const JsonMember* statements = policy.statement_member;
    if (statements == nullptr) return;
    if (statements->value.is_array()) {
      for (std::size_t i = 0; i < statements->value.items.size(); ++i) {
        const JsonValue& item = statements->value.items[i];
        if (!item.is_object())
          out.report(item, fmt::format("Statement item {} must be an object, found {}", i, to_string(item.kind)));
      }
    } else if (!statements->value.is_object()) {
      out.report(statements->value, fmt::format("Statement must be an object or an array of objects, found {}",
                                                to_string(statements->value.kind)));
    }
  }

  void check_statement(const Policy&, const Statement& statement, Reporter& out) const override {
    expect_string(statement.element(E::Sid), out);
    expect_string(statement.element(E::Effect), out);
    for (E which : {E::Action, E::NotAction, E::Resource, E::NotResource})
      expect_strings(statement.element(which), out);
    for (E which : {E::Principal, E::NotPrincipal}) check_principal_shape(statement.element(which), out);
    check_condition_shape(statement.element(E::Condition), out);
  }

 private:
  static void expect_string(const JsonMember* member, Reporter& out) {
    if (member != nullptr && !member->value.is_string())
      out.report(member->value, fmt::format("{} must be a string, found {}", member->key, to_string(member->value.kind)));
  }

  // A string or an array of strings.
  static void expect_strings(const JsonMember* member, Reporter& out, std::string_view what = {}) {
    if (member == nullptr) return;
    const std::string name = what.empty() ? member->key : std::string(what);
    const JsonValue& value = member->value;
    if (value.is_string()) return;
    if (!value.is_array()) {
      out.report(value, fmt::format("{} must be a string or an array of strings, found {}", name, to_string(value.kind)));
      return;
    }
    for (const auto& item : value.items)
      if (!item.is_string())
        out.report(item, fmt::format("{} must hold only strings, found {}", name, to_string(item.kind)));
  }

  static void check_principal_shape(const JsonMember* member, Reporter& out) {
    if (member == nullptr) return;
    const JsonValue& value = member->value;
    if (value.is_string()) {
      if (value.text != "*")
        out.report(value, fmt::format("{} must be \"*\" or an object such as {{\"AWS\": \"...\"}}, found the string {}",
                                      member->key, quoted(value.text)));
      return;
    }
    if (!value.is_object()) {
      out.report(value, fmt::format("{} must be \"*\" or an object such as {{\"AWS\": \"...\"}}, found {}", member->key,
                                    to_string(value.kind)));
      return;
    }
    for (const auto& entry : value.members)
      expect_strings(&entry, out, fmt::format("{} {}", member->key, quoted(entry.key)));
  }

  static void check_condition_shape(const JsonMember* condition, Reporter& out) {
    if (condition == nullptr) return;
    if (!condition->value.is_object()) {
      out.report(condition->value, fmt::format("Condition must be an object of operators, found {}",
                                               to_string(condition->value.kind)));
      return;
    }
    for (const auto& op : condition->value.members) {
      if (!op.value.is_object()) {
        out.report(op.value, fmt::format("condition operator {} must map to an object of condition keys, found {}",
                                         quoted(op.key), to_string(op.value.kind)));
        continue;
      }
      for (const auto& key : op.value.members) check_condition_values(op, key, out);
    }
  }

  static void check_condition_values(const JsonMember& op, const JsonMember& key, Reporter& out) {
    const JsonValue& value = key.value;
    auto complain = [&](const JsonValue& bad) {
      out.report(bad, fmt::format("values of {} under {} must be strings, numbers or booleans, found {}", quoted(key.key),
                                  quoted(op.key), to_string(bad.kind)));
    };
    if (is_scalar(value)) return;
    if (!value.is_array()) {
      complain(value);
      return;
    }
    for (const auto& item : value.items)
      if (!is_scalar(item)) complain(item);
  }
};

}  // namespace
std::unique_ptr<Rule> make_element_type() { return std::make_unique<ElementType>(); }
}  // namespace seslint::rules
