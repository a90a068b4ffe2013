// IAM018 variable-misuse: malformed ${...}; a variable where IAM does not substitute it (Action,
// Principal, Sid, Effect, and Numeric/Date/IP/Binary/Null values); or variables without Version
// 2012-10-17, under which they are plain text. A template placeholder (Terraform's ${var.domain},
// templatefile's ${region}) is not a policy variable: the template engine replaces it before IAM
// sees the policy, so it is an unknown value here, not a mistake.
#include <algorithm>
#include <array>
#include <cctype>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

using E = StatementElement;

// Global keys people write without their "aws:" prefix: ${username} is a mistake, not a placeholder.
constexpr std::array<std::string_view, 8> kPrefixlessKeys = {"username", "userid", "principaltype", "sourceip",
                                                             "currenttime", "epochtime", "principalaccount",
                                                             "requestedregion"};

// ${region}, ${var.domain}, ${data.aws_caller_identity.current.account_id}, ${aws_s3_bucket.b.arn}:
// an identifier path with no ':' (every IAM variable names a prefix:key).
bool is_template_placeholder(const VariableRef& ref) {
  const std::string_view name = ref.name;
  if (name.empty() || name.find(':') != std::string_view::npos || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return false;
  const bool identifier_path = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']';
  });
  const bool known_key = std::any_of(kPrefixlessKeys.begin(), kPrefixlessKeys.end(),
                                     [&](std::string_view key) { return iequals(key, name); });
  return identifier_path && !known_key && ref.length == name.size() + 3;
}

bool only_placeholders(std::string_view text) {
  const auto refs = find_variables(text);
  return !refs.empty() && std::all_of(refs.begin(), refs.end(), is_template_placeholder);
}

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
        check_substituted(policy, value.text, *value.node, [&] {
          return fmt::format("{} of {}", element_name(*statement.resource), statement.label());
        }, out);
  }

  void check_clause(const Policy& policy, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr) return;
    const auto where = [&] {  // built only for a finding: most clauses have no variables
      return fmt::format("condition key {} under {} in {}", quoted(clause.key_member->key), quoted(op.member->key),
                         statement.label());
    };
    for (const auto& value : clause.values) {
      if (!has_variables(value.text) || only_placeholders(value.text)) continue;
      if (!family_allows_variables(op.parsed.base->family)) {
        out.report(*value.node,
                   fmt::format("policy variable in {} is not substituted: {} operators take no variables ({})",
                               quoted(value.text), to_string(op.parsed.base->family), where()),
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
      if (item.is_string() && has_variables(item.text) && !only_placeholders(item.text))
        out.report(item, fmt::format("policy variable in {} is not substituted: {} of {} takes no variables",
                                     quoted(item.text), element, statement.label()));
    };
    if (value.is_array()) {
      for (const auto& item : value.items) check(item);
    } else {
      check(value);
    }
  }

  // Places where variables work: report malformed ones, and any under the wrong Version (there
  // every ${...} is plain text, so only one meant as a policy variable, a prefix:key, is news).
  // `where` names the place, called only for a finding.
  template <typename Where>
  static void check_substituted(const Policy& policy, std::string_view text, const JsonValue& node, const Where& where,
                                Reporter& out) {
    if (!has_variables(text)) return;
    const auto refs = find_variables(text);
    const bool current = policy.version_text() == "2012-10-17";
    bool meant_as_variable = false;
    for (const auto& ref : refs) {
      if (is_template_placeholder(ref)) continue;
      if (!ref.problem.empty() && current) {
        out.report(Level::Error, node, fmt::format("malformed policy variable: {} (in {})", ref.problem, where()));
        return;
      }
      meant_as_variable = meant_as_variable || ref.problem.empty();
    }
    if (!current && meant_as_variable)
      out.report(Level::Warning, node,
                 fmt::format("{} in {} is plain text, not a policy variable: variables need Version '2012-10-17'",
                             quoted(text), where()),
                 "add \"Version\": \"2012-10-17\" to the policy");
  }
};

}  // namespace
std::unique_ptr<Rule> make_variable_misuse() { return std::make_unique<VariableMisuse>(); }
}  // namespace seslint::rules
