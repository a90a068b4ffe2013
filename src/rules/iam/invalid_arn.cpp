// IAM015 invalid-arn: a malformed ARN in Resource/NotResource, Principal, or Arn* condition values.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"
#include "seslint/text_match.hpp"

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

// Keys whose values are ARNs: the catalog's ARN type, or a String key named "...Arn"
// (aws:SourceVpcArn), under the Arn or String operators.
bool arn_valued(OperatorFamily family, std::string_view key, const aws::Catalog& catalog) {
  if (family == OperatorFamily::Arn) return true;
  if (family != OperatorFamily::String) return false;
  const aws::ConditionKey* known = catalog.find_key(key);
  if (known == nullptr) return false;
  return known->type.base == aws::KeyBase::Arn || (key.size() > 3 && iequals(key.substr(key.size() - 3), "arn"));
}

// What a malformed value does: a positive operator never matches it (and with no other value,
// the statement never applies, or for a Deny never denies); a negated one excludes nothing by it.
std::string consequence(const ParsedOperator& parsed, bool dead, const Statement& statement) {
  if (parsed.base->negated) return "no request carries such a value, so it excludes nothing";
  if (!dead) return "no request carries such a value, so it never matches";
  return fmt::format("no request carries such a value, so the condition never holds and {} never applies",
                     statement.label());
}

class InvalidArn final : public Rule {
 public:
  unsigned subscriptions() const override {
    return bit(NodeKind::Resource) | bit(NodeKind::Principal) | bit(NodeKind::ConditionClause);
  }

  void check_resource(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    for (const auto& value : list.values) {
      if (value.text == "*" || value.text.empty()) continue;  // empty: IAM012
      report_problem(arn_problem(value.text), *value.node, [&] { return fmt::format("{} of {}", element_name(list), statement.label()); },
                     out);
    }
  }

  void check_principal(const Policy&, const Statement& statement, const Principal& principal, Reporter& out) const override {
    for (const auto& entry : principal.entries) {
      const std::string_view type = entry.member->key;
      for (const auto& value : entry.values) {
        // Worded only for a finding: most principals are fine.
        const auto where = [&] { return fmt::format("{} {} of {}", element_name(principal), quoted(type), statement.label()); };
        if (type == "AWS") {
          if (value.text == "*" || is_account_id(value.text) || is_unique_id(value.text) || value.text.empty()) continue;
          if (value.text.substr(0, 4) != "arn:" && value.text.find(':') == std::string_view::npos) {
            out.report(*value.node, fmt::format("{} in {} is not an account ID (12 digits), an ARN or '*'",
                                                quoted(value.text), where()));
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
    if (op.parsed.base == nullptr || !arn_valued(op.parsed.base->family, clause.key_member->key, out.aws())) return;
    const bool string_family = op.parsed.base->family == OperatorFamily::String;
    std::vector<std::pair<const JsonValue*, std::string>> problems;
    std::size_t checked = 0;
    for (const auto& value : clause.values) {
      if (value.text == "*" || value.node->kind != JsonKind::String || value.node->templated ||
          value.text.substr(0, 2) == "${")
        continue;
      // Under String operators '*' spans ':' ("arn:aws:codepipeline:*" is a fine StringLike value) and
      // a variable may hold ':' ("${aws:RequestedRegion}"): only literal ARNs are checked there.
      if (string_family && value.text.find_first_of("*?$") != std::string::npos) continue;
      ++checked;
      if (auto problem = arn_problem(value.text); !problem.empty()) problems.emplace_back(value.node, std::move(problem));
    }
    const bool dead = !op.parsed.base->negated && !problems.empty() && problems.size() == checked &&
                      checked == clause.values.size() && op.parsed.qualifier != SetQualifier::ForAllValues &&
                      !op.parsed.if_exists;
    for (const auto& [node, problem] : problems)
      out.report(*node, fmt::format("{} (in condition key {} under {} in {}): {}", problem, quoted(clause.key_member->key),
                                    quoted(op.member->key), statement.label(), consequence(op.parsed, dead, statement)));
  }

 private:
  // `where` words the place only when there is a problem to report.
  template <class Where>
  static void report_problem(const std::string& problem, const JsonValue& node, const Where& where, Reporter& out) {
    if (!problem.empty()) out.report(node, fmt::format("{} (in {})", problem, where()));
  }
};

}  // namespace
std::unique_ptr<Rule> make_invalid_arn() { return std::make_unique<InvalidArn>(); }
}  // namespace seslint::rules
