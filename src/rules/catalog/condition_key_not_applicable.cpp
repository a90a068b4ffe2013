// IAM204 condition-key-not-applicable: a service condition key that none of the statement's
// actions supports, so requests for them never carry it. Global keys (aws:...) are not judged, and
// nothing is claimed when an action cannot be expanded exactly (NotAction, unknown services).
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// What testing an absent key does, by operator.
std::string_view consequence(const ParsedOperator& op, Effect effect) {
  if (op.base->family == OperatorFamily::Null) return "a Null test on it always finds it absent";
  if (op.base->negated || op.if_exists || op.qualifier == SetQualifier::ForAllValues)
    return "the condition always holds, so it restricts nothing";
  return effect == Effect::Deny ? "the condition never holds, so the Deny never applies"
                                : "the condition never holds, so the statement grants nothing";
}

class ConditionKeyNotApplicable final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (!op.parsed.valid()) return;
    const std::string_view key = clause.key_member->key;
    const auto colon = key.find(':');
    const aws::Catalog& aws = out.aws();
    if (colon == std::string_view::npos || iequals(key.substr(0, colon), "aws") || aws.global_key(key) != nullptr) return;
    if (aws.find_key(key) == nullptr) return;  // unknown keys are IAM203's
    const auto& actions = catalog::statement_actions(statement, aws);
    if (!actions || actions->empty()) return;
    for (const auto& each : *actions)
      if (each.service->action_supports(*each.action, key)) return;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < actions->size() && i < 3; ++i) names.push_back((*actions)[i].full_name());
    out.report_key(*clause.key_member,
                   fmt::format("condition key {} in {} is supported by none of its actions ({}): requests for them "
                               "never carry it, and {}",
                               quoted(key), statement.label(), short_list(names, actions->size()), consequence(op.parsed, statement.effect)),
                   "move the condition to a statement with actions that support the key, or use a key they support");
  }
};

}  // namespace
std::unique_ptr<Rule> make_condition_key_not_applicable() { return std::make_unique<ConditionKeyNotApplicable>(); }
}  // namespace seslint::rules
