// IAM211 duplicate-statement: a statement that grants (or denies) exactly what an earlier statement
// of the policy does: the same elements apart from Sid, compared as sets (the order of values in an
// array, and "x" against ["x"], make no difference).
#include <algorithm>
#include <map>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

// Length-prefixed, so no text can pass for a structure.
std::string keyed(std::string_view key, std::string_view rest) { return fmt::format("{}:{}={}", key.size(), key, rest); }

// A text that two JSON values share exactly when they mean the same policy content.
// Template values (CloudFormation intrinsics, Terraform unknowns) could be anything: `unknown` is set.
std::string canonical(const JsonValue& value, bool& unknown) {
  switch (value.kind) {
    case JsonKind::Array: {
      if (value.items.size() == 1) return canonical(value.items.front(), unknown);
      std::vector<std::string> items;
      for (const auto& item : value.items) items.push_back(canonical(item, unknown));
      std::sort(items.begin(), items.end());
      items.erase(std::unique(items.begin(), items.end()), items.end());
      std::string out = "[";
      for (const auto& item : items) out += item + ",";
      return out + "]";
    }
    case JsonKind::Object: {
      std::vector<std::string> members;
      for (const auto& member : value.members) members.push_back(keyed(member.key, canonical(member.value, unknown)));
      std::sort(members.begin(), members.end());
      std::string out = "{";
      for (const auto& member : members) out += member + ",";
      return out + "}";
    }
    case JsonKind::String:
      unknown = unknown || value.templated;
      return fmt::format("s{}:{}", value.text.size(), value.text);
    case JsonKind::Bool: return value.boolean ? "true" : "false";
    case JsonKind::Number: return "n" + value.text;
    case JsonKind::Null: return "null";
  }
  return {};
}

std::string canonical_without_sid(const Statement& statement, bool& unknown) {
  std::vector<std::string> members;
  for (const auto& member : statement.node->members)
    if (member.key != "Sid") members.push_back(keyed(member.key, canonical(member.value, unknown)));
  std::sort(members.begin(), members.end());
  std::string out;
  for (const auto& member : members) out += member + ",";
  return out;
}

class DuplicateStatement final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    std::map<std::string, const Statement*> first;
    for (const auto& statement : policy.statements) {
      if (statement.effect == Effect::Invalid || statement.node == nullptr || !statement.node->is_object()) continue;
      bool unknown = false;
      std::string text = canonical_without_sid(statement, unknown);
      if (unknown) continue;
      const auto [it, inserted] = first.emplace(std::move(text), &statement);
      if (inserted) continue;
      out.report_at(out.default_level(), statement.node->opening(), statement.node->pointer,
                 fmt::format("{} {} exactly what {} {} already: it is redundant", statement.label(),
                             statement.effect == Effect::Allow ? "grants" : "denies", it->second->label(),
                             statement.effect == Effect::Allow ? "grants" : "denies"),
                 fmt::format("remove {}", statement.label()));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_duplicate_statement() { return std::make_unique<DuplicateStatement>(); }
}  // namespace seslint::rules
