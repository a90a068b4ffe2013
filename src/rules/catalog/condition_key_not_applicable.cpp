// IAM204 condition-key-not-applicable: a service condition key that none, or only some, of the
// statement's actions support, so requests for the others never carry it; and a global tag key
// (aws:ResourceTag/..., aws:RequestTag/..., aws:TagKeys) on actions of services that support no such
// key. Other global keys are not judged, and nothing is claimed when an action cannot be expanded
// exactly (unknown services). A NotAction statement with a tag key covers every service it does not
// exclude, so services without the key are named from the catalog.
#include <set>

#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

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

bool is_tag_key(std::string_view key) {
  const auto starts = [&](std::string_view prefix) { return key.size() > prefix.size() && iequals(key.substr(0, prefix.size()), prefix); };
  return starts("aws:ResourceTag/") || starts("aws:RequestTag/") || iequals(key, "aws:TagKeys");
}

// A condition that is false without the key lets a Deny skip the request: the Deny fails open.
bool fails_open(const ParsedOperator& op, Effect effect) {
  return effect == Effect::Deny && op.base->family != OperatorFamily::Null && !op.base->negated && !op.if_exists &&
         op.qualifier != SetQualifier::ForAllValues;
}

std::string advice(const Statement& statement, bool open) {
  if (statement.action && statement.action->negated)
    return fmt::format("list the actions to {} in Action instead of NotAction, with the tag condition only on services "
                       "that support it", statement.effect == Effect::Deny ? "deny" : "allow");
  return open ? "deny those services' actions in a statement that does not depend on the tag, or use a key they support"
              : "move those services' actions to a statement without the tag condition";
}

std::string names_of(const std::vector<std::string>& names) { return short_list(names, names.size(), 4); }

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
    if (colon == std::string_view::npos) return;
    if (is_tag_key(key)) return check_tag_key(statement, clause, op.parsed, out);
    if (iequals(key.substr(0, colon), "aws") || aws.global_key(key) != nullptr) return;
    if (aws.find_key(key) == nullptr) return;  // unknown keys are IAM203's
    const auto& actions = catalog::statement_actions(statement, aws);
    if (!actions || actions->empty()) return;
    std::vector<std::string> unsupported, named;  // named: written out, not reached through a wildcard
    for (const auto& each : *actions)
      if (!each.service->action_supports(*each.action, key)) {
        unsupported.push_back(each.full_name());
        if (!has_wildcard(each.source->text)) named.push_back(each.full_name());
      }
    if (unsupported.empty()) return;
    if (unsupported.size() < actions->size()) {
      // A wildcard's expansion is broad by design; only actions the author named are reported.
      if (!named.empty()) check_some_actions(statement, clause, op.parsed, named, out);
      return;
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < actions->size() && i < 3; ++i) names.push_back((*actions)[i].full_name());
    out.report_key(*clause.key_member,
                   fmt::format("condition key {} in {} is supported by none of its actions ({}): requests for them "
                               "never carry it, and {}",
                               quoted(key), statement.label(), short_list(names, actions->size()), consequence(op.parsed, statement.effect)),
                   "move the condition to a statement with actions that support the key, or use a key they support");
  }

 private:
  // Access Analyzer's UNSUPPORTED_ACTION_FOR_CONDITION_KEY: the key is carried for some actions
  // only (those named explicitly are reported; a wildcard's expansion is not). An IfExists operator says the author expects it to be absent, so it is not judged.
  static void check_some_actions(const Statement& statement, const ConditionClause& clause, const ParsedOperator& op,
                                 const std::vector<std::string>& unsupported, Reporter& out) {
    if (op.if_exists) return;
    out.report_key(*clause.key_member,
                   fmt::format("condition key {} in {} is not supported by {}: requests for {} never carry it; "
                               "for {}, {}",
                               quoted(clause.key_member->key), statement.label(), names_of(unsupported),
                               unsupported.size() == 1 ? "that action" : "those actions",
                               unsupported.size() == 1 ? "it" : "them", consequence(op, statement.effect)),
                   fmt::format("move {} to a statement without this condition, or use ...IfExists if that is meant",
                               names_of(unsupported)));
  }

  // Access Analyzer's DENY_/ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: a service whose
  // condition keys include no such tag key never puts it in a request.
  static void check_tag_key(const Statement& statement, const ConditionClause& clause, const ParsedOperator& op,
                            Reporter& out) {
    if (op.if_exists) return;
    if (statement.action && statement.action->negated) return check_not_action_tag_key(statement, clause, op, out);
    const std::string_view key = clause.key_member->key;
    const auto& actions = catalog::statement_actions(statement, out.aws());
    if (!actions || actions->empty()) return;
    std::set<std::string> services;
    for (const auto& each : *actions)
      if (each.service->key(key) == nullptr) services.insert(each.service->prefix);
    if (services.empty()) return;
    const std::vector<std::string> names(services.begin(), services.end());
    report_tag_key(statement, clause, op, names, fmt::format("{} {}", names.size() == 1 ? "service" : "services", names_of(names)), out);
  }

  static void report_tag_key(const Statement& statement, const ConditionClause& clause, const ParsedOperator& op,
                             const std::vector<std::string>& names, const std::string& services, Reporter& out) {
    const std::string_view key = clause.key_member->key;
    const bool open = fails_open(op, statement.effect);
    const JsonMember& member = *clause.key_member;
    out.report_at(open ? out.default_level() : Level::Note, member.key_span, member.value.pointer,
                   fmt::format("tag key {} in {} is not supported by {}: requests to {} never carry it; for {} "
                               "actions, {}{}",
                               quoted(key), statement.label(), services, names.size() == 1 ? "it" : "them",
                               names.size() == 1 ? "its" : "their",
                               consequence(op, statement.effect), open ? " (the Deny fails open)" : ""),
                   advice(statement, open));
  }

  // Access Analyzer's DENY_/ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: NotAction
  // reaches every service it does not exclude, those without the key (and those AWS adds) included.
  // A few are named, in catalog order; a NotAction value with a policy variable is not judged.
  static void check_not_action_tag_key(const Statement& statement, const ConditionClause& clause,
                                       const ParsedOperator& op, Reporter& out) {
    const ValueList& not_action = *statement.action;
    for (const auto& value : not_action.values)
      if (value.node->templated || has_variables(value.text)) return;
    const aws::Catalog& aws = out.aws();
    std::vector<std::string> names;
    for (const auto& prefix : aws.service_prefixes()) {
      const std::string probe = fmt::format("{}:SeslintProbeAction", prefix);
      bool excluded = false;
      for (const auto& value : not_action.values) excluded = excluded || glob_match(value.text, probe, /*ignore_case=*/true);
      if (excluded) continue;
      const aws::Service* service = aws.service(prefix);
      if (service == nullptr || service->key(clause.key_member->key) != nullptr) continue;
      names.emplace_back(prefix);
      if (names.size() == 3) break;
    }
    if (names.empty()) return;
    report_tag_key(statement, clause, op, names,
                   fmt::format("the services NotAction leaves in, e.g. {}", short_list(names, names.size(), 3)), out);
  }
};

}  // namespace
std::unique_ptr<Rule> make_condition_key_not_applicable() { return std::make_unique<ConditionKeyNotApplicable>(); }
}  // namespace seslint::rules
