// IAM010 duplicate-sid: two statements share a Sid.
#include <unordered_map>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class DuplicateSid final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    std::unordered_map<std::string_view, const Statement*> first;
    for (const auto& statement : policy.statements) {
      if (!statement.sid || statement.sid->text.empty()) continue;
      const auto [it, inserted] = first.emplace(statement.sid->text, &statement);
      if (inserted) continue;
      out.report(*statement.sid->node,
                 fmt::format("Sid {} of statement {} is also the Sid of statement {}", quoted(statement.sid->text),
                             statement.index + 1, it->second->index + 1),
                 "give each statement its own Sid");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_duplicate_sid() { return std::make_unique<DuplicateSid>(); }
}  // namespace seslint::rules
