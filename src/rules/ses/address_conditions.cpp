// SES106 invalid-from-address: ses:FromAddress / ses:FeedbackAddress values that are not e-mail
// addresses or address patterns. SES108 address-condition-on-bulk-email: address keys on
// ses:SendBulkEmail, which never carries them.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

bool is_address_key(std::string_view key) { return iequals(key, "ses:FromAddress") || iequals(key, "ses:FeedbackAddress"); }

// Why `value` is not an address or address pattern, or empty.
std::string address_problem(std::string_view value) {
  if (value == "*") return {};
  if (value.find_first_of(" \t<>\"(),;") != std::string_view::npos)
    return "has spaces, quotes or angle brackets: the key holds the bare address, not a display name";
  const auto at = value.find('@');
  if (at == std::string_view::npos) return value.find('*') != std::string_view::npos ? std::string() : "has no '@'";
  if (value.find('@', at + 1) != std::string_view::npos) return "has more than one '@'";
  const std::string_view local = value.substr(0, at), domain = value.substr(at + 1);
  if (local.empty()) return "has nothing before the '@'";
  if (domain.empty()) return "has no domain after the '@'";
  if (domain.find('.') == std::string_view::npos && domain.find('*') == std::string_view::npos)
    return "has a domain without a dot";
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return "has a malformed domain";
  return {};
}

class InvalidFromAddress final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::String) return;
    if (!is_address_key(clause.key_member->key)) return;
    for (const auto& value : clause.values) {
      if (has_variables(value.text)) continue;
      const std::string problem = address_problem(value.text);
      if (problem.empty()) continue;
      out.report(*value.node, fmt::format("{} under {} in {} is not an e-mail address or address pattern: it {}",
                                          quoted(value.text), clause.key_member->key, statement.label(), problem),
                 "write the address only, e.g. noreply@acme-corp.io (wildcards with StringLike)");
    }
  }
};

constexpr std::array<std::string_view, 4> kBulkAbsentKeys = {"ses:FromAddress", "ses:FromDisplayName",
                                                             "ses:FeedbackAddress", "ses:Recipients"};

class AddressConditionOnBulkEmail final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const std::string_view key = clause.key_member->key;
    if (std::none_of(kBulkAbsentKeys.begin(), kBulkAbsentKeys.end(), [&](std::string_view k) { return iequals(k, key); }))
      return;
    if (!statement.action || statement.action->negated) return;
    const bool bulk = std::any_of(statement.action->values.begin(), statement.action->values.end(),
                                  [](const StringNode& v) { return eval::action_matches(v.text, "ses:SendBulkEmail"); });
    const auto& parsed = statement.operator_of(clause).parsed;
    if (!bulk || parsed.base == nullptr || parsed.base->family == OperatorFamily::Null) return;
    const bool positive = !parsed.base->negated && !parsed.if_exists;
    std::string_view consequence;
    if (statement.effect == Effect::Allow)
      consequence = positive ? "the Allow never applies to a bulk send" : "the condition lets every bulk send through";
    else if (positive)
      consequence = "the Deny never applies to a bulk send";
    else
      return;  // a negated test in a Deny blocks every bulk send: strict, not open
    out.report_at(out.default_level(), clause.key_member->key_span, clause.key_member->value.pointer,
                  fmt::format("{} in {} is tested on ses:SendBulkEmail, which never carries {}, so {}", key,
                              statement.label(), key, consequence),
                  "put ses:SendBulkEmail in a statement of its own, restricted by identity, template and network");
  }
};

}  // namespace
std::unique_ptr<Rule> make_invalid_from_address() { return std::make_unique<InvalidFromAddress>(); }
std::unique_ptr<Rule> make_address_condition_on_bulk_email() { return std::make_unique<AddressConditionOnBulkEmail>(); }
}  // namespace seslint::rules
