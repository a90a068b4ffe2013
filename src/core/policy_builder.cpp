// JSON tree -> policy AST. Tolerant by design: anything of the wrong type is skipped here and
// reported by the structure rules (IAM004 and friends), which read the JSON nodes directly.
#include <fmt/format.h>

#include "seslint/policy.hpp"

namespace seslint {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(StatementElement::Count)> kElementNames = {
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"};

// Strings of a "string or array of strings" value; other items are skipped.
std::vector<StringNode> strings_of(const JsonValue& value) {
  std::vector<StringNode> out;
  if (value.is_string()) {
    out.push_back({value.text, &value});
  } else if (value.is_array()) {
    out.reserve(value.items.size());
    for (const auto& item : value.items)
      if (item.is_string()) out.push_back({item.text, &item});
  }
  return out;
}

std::optional<ValueList> value_list(const JsonMember* positive, const JsonMember* negative) {
  const JsonMember* member = positive != nullptr ? positive : negative;
  if (member == nullptr) return std::nullopt;
  return ValueList{member, positive == nullptr, strings_of(member->value)};
}

std::optional<Principal> principal_of(const JsonMember* positive, const JsonMember* negative) {
  const JsonMember* member = positive != nullptr ? positive : negative;
  if (member == nullptr) return std::nullopt;
  Principal principal{member, positive == nullptr, false, {}};
  const JsonValue& value = member->value;
  if (value.is_string()) {
    principal.wildcard = value.text == "*";
  } else if (value.is_object()) {
    for (const auto& entry : value.members) principal.entries.push_back({&entry, strings_of(entry.value)});
  }
  return principal;
}

void append_scalar(std::vector<ConditionValue>& out, const JsonValue& value) {
  switch (value.kind) {
    case JsonKind::String:
    case JsonKind::Number: out.push_back({value.text, &value}); break;
    case JsonKind::Bool: out.push_back({value.boolean ? "true" : "false", &value}); break;
    default: break;
  }
}

void build_conditions(Statement& statement, const JsonMember* condition) {
  if (condition == nullptr || !condition->value.is_object()) return;
  for (const auto& op_member : condition->value.members) {
    statement.operators.push_back({&op_member, parse_operator(op_member.key)});
    if (!op_member.value.is_object()) continue;
    for (const auto& key_member : op_member.value.members) {
      ConditionClause clause{statement.operators.size() - 1, &key_member, {}};
      if (key_member.value.is_array()) {
        for (const auto& item : key_member.value.items) append_scalar(clause.values, item);
      } else {
        append_scalar(clause.values, key_member.value);
      }
      statement.clauses.push_back(std::move(clause));
    }
  }
}

Statement build_statement(const JsonValue& node, std::size_t index) {
  Statement statement;
  statement.index = index;
  statement.node = &node;
  // Walk in source order so that the last of a repeated element wins, as JSON readers do.
  for (const auto& member : node.members)
    for (std::size_t i = 0; i < kElementNames.size(); ++i)
      if (member.key == kElementNames[i]) statement.elements[i] = &member;
  using E = StatementElement;
  if (const auto* sid = statement.element(E::Sid); sid != nullptr && sid->value.is_string())
    statement.sid = StringNode{sid->value.text, &sid->value};
  if (const auto* effect = statement.element(E::Effect); effect != nullptr && effect->value.is_string()) {
    if (effect->value.text == "Allow") statement.effect = Effect::Allow;
    if (effect->value.text == "Deny") statement.effect = Effect::Deny;
  }
  statement.principal = principal_of(statement.element(E::Principal), statement.element(E::NotPrincipal));
  statement.action = value_list(statement.element(E::Action), statement.element(E::NotAction));
  statement.resource = value_list(statement.element(E::Resource), statement.element(E::NotResource));
  build_conditions(statement, statement.element(E::Condition));
  return statement;
}

}  // namespace

std::string_view to_string(StatementElement element) { return kElementNames[static_cast<std::size_t>(element)]; }

std::string Statement::label() const {
  // Appended rather than formatted: asked for by every finding on a statement.
  if (sid && !sid->text.empty()) return std::string("statement '").append(sid->text).append(1, '\'');
  return "statement " + std::to_string(index + 1);  // counted from 1, as lines are
}

std::string_view Policy::version_text() const {
  return version != nullptr && version->value.is_string() ? std::string_view(version->value.text) : std::string_view();
}

Policy build_policy(const JsonValue& root, std::optional<PolicyKind> declared) {
  Policy policy;
  policy.root = &root;
  if (root.is_object()) {
    policy.version = root.find("Version");
    policy.id = root.find("Id");
    policy.statement_member = root.find("Statement");
    if (policy.statement_member != nullptr) {
      const JsonValue& statements = policy.statement_member->value;
      if (statements.is_object()) {
        policy.statements.push_back(build_statement(statements, 0));
      } else if (statements.is_array()) {
        for (std::size_t i = 0; i < statements.items.size(); ++i)
          if (statements.items[i].is_object()) policy.statements.push_back(build_statement(statements.items[i], i));
      }
    }
  }
  policy.kind_declared = declared.has_value();
  policy.kind = declared ? *declared : infer_policy_kind(policy);
  return policy;
}

}  // namespace seslint
