// IAM015 invalid-arn: a malformed ARN in Resource/NotResource, Principal, or Arn* condition values.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"

namespace seslint::rules {
namespace {

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// IAM unique IDs (AIDA... users, AROA... roles) are accepted as principals.
bool is_unique_id(std::string_view text) {
  return text.size() >= 16 && text[0] == 'A' &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

class InvalidArn final : public Rule {
 public:
  unsigned subscriptions() const override {
    return bit(NodeKind::Resource) | bit(NodeKind::Principal) | bit(NodeKind::ConditionClause);
  }

  void check_resource(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    for (const auto& value : list.values) {
      if (value.text == "*" || value.text.empty()) continue;  // empty: IAM012
      report_problem(arn_problem(value.text), *value.node, fmt::format("{} of {}", element_name(list), statement.label()), out);
    }
  }

  void check_principal(const Policy&, const Statement& statement, const Principal& principal, Reporter& out) const override {
    for (const auto& entry : principal.entries) {
      const std::string_view type = entry.member->key;
      for (const auto& value : entry.values) {
        const std::string where = fmt::format("{} {} of {}", element_name(principal), quoted(type), statement.label());
        if (type == "AWS") {
          if (value.text == "*" || is_account_id(value.text) || is_unique_id(value.text) || value.text.empty()) continue;
          if (value.text.substr(0, 4) != "arn:" && value.text.find(':') == std::string_view::npos) {
            out.report(*value.node, fmt::format("{} in {} is not an account ID (12 digits), an ARN or '*'",
                                                quoted(value.text), where));
            continue;
          }
          report_problem(arn_problem(value.text), *value.node, where, out);
        } else if (type == "Federated" && value.text.substr(0, 4) == "arn:") {
          report_problem(arn_problem(value.text), *value.node, where, out);
        }
      }
    }
  }

  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::Arn) return;
    for (const auto& value : clause.values) {
      if (value.text == "*" || value.node->kind != JsonKind::String) continue;
      report_problem(arn_problem(value.text), *value.node,
                     fmt::format("condition key {} under {} in {}", quoted(clause.key_member->key), quoted(op.member->key),
                                 statement.label()),
                     out);
    }
  }

 private:
  static void report_problem(const std::string& problem, const JsonValue& node, const std::string& where, Reporter& out) {
    if (!problem.empty()) out.report(node, fmt::format("{} (in {})", problem, where));
  }
};

}  // namespace
std::unique_ptr<Rule> make_invalid_arn() { return std::make_unique<InvalidArn>(); }
}  // namespace seslint::rules
