// IAM020 condition-key-case-duplicate: one operator block names the same condition key twice in
// different letter case ("ses:FromAddress" and "ses:fromaddress"). JSON keeps both (IAM001 sees only
// byte-identical repeats), but IAM compares key names without regard to case.
#include <map>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

class ConditionKeyCaseDuplicate final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy&, const Statement& statement, Reporter& out) const override {
    // (operator, lower-case key) -> the first clause that spelled it
    std::map<std::pair<std::size_t, std::string>, const ConditionClause*> first;
    for (const auto& clause : statement.clauses) {
      const std::string& key = clause.key_member->key;
      const auto [at, inserted] = first.try_emplace({clause.operator_index, to_lower(key)}, &clause);
      if (inserted || at->second->key_member->key == key) continue;  // byte-identical: IAM001
      const ConditionClause& earlier = *at->second;
      out.report_key(*clause.key_member,
                     fmt::format("condition key {} under {} in {} repeats {} (line {}) in another letter case; IAM "
                                 "reads key names without regard to case, so both name one key and the two value "
                                 "lists do not combine as written",
                                 quoted(key), quoted(statement.operator_of(clause).member->key), statement.label(),
                                 quoted(earlier.key_member->key), earlier.key_member->key_span.begin.line),
                     "merge the values under one spelling of the key");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_condition_key_case_duplicate() { return std::make_unique<ConditionKeyCaseDuplicate>(); }
}  // namespace seslint::rules
