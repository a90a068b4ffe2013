// IAM003 unknown-element: a key the grammar does not know, at policy, statement or principal level.
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

constexpr std::array<std::string_view, 3> kPolicyElements = {"Version", "Id", "Statement"};
constexpr std::array<std::string_view, 9> kStatementElements = {
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"};
constexpr std::array<std::string_view, 4> kPrincipalTypes = {"AWS", "Service", "Federated", "CanonicalUser"};

bool contains(std::span<const std::string_view> names, std::string_view key) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

class UnknownElement final : public Rule {
 public:
  unsigned subscriptions() const override {
    return bit(NodeKind::Policy) | bit(NodeKind::Statement) | bit(NodeKind::Principal);
  }

  void check_policy(const Policy& policy, Reporter& out) const override {
    for (const auto& member : policy.root->members) {
      if (contains(kPolicyElements, member.key)) continue;
      if (contains(kStatementElements, member.key)) {
        out.report_key(member, fmt::format("element {} belongs inside a statement, not at the top level of the policy",
                                           quoted(member.key)));
        continue;
      }
      out.report_key(member, with_suggestion(fmt::format("unknown top-level element {}", quoted(member.key)),
                                             did_you_mean(member.key, kPolicyElements)));
    }
  }

  void check_statement(const Policy&, const Statement& statement, Reporter& out) const override {
    for (const auto& member : statement.node->members) {
      if (contains(kStatementElements, member.key)) continue;
      if (contains(kPolicyElements, member.key) && member.key != "Id") {
        out.report_key(member, fmt::format("element {} belongs at the top level of the policy, not inside {}",
                                           quoted(member.key), statement.label()));
        continue;
      }
      out.report_key(member, with_suggestion(fmt::format("unknown element {} in {}", quoted(member.key), statement.label()),
                                             did_you_mean(member.key, kStatementElements)));
    }
  }

  void check_principal(const Policy&, const Statement&, const Principal& principal, Reporter& out) const override {
    for (const auto& entry : principal.entries) {
      if (contains(kPrincipalTypes, entry.member->key)) continue;
      out.report_key(*entry.member,
                     with_suggestion(fmt::format("unknown principal type {} in {}", quoted(entry.member->key),
                                                 element_name(principal)),
                                     did_you_mean(entry.member->key, kPrincipalTypes)));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_unknown_element() { return std::make_unique<UnknownElement>(); }
}  // namespace seslint::rules
