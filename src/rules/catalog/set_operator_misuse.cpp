// IAM206 set-operator-misuse: a multivalued key (ArrayOf..., or a claim rules/condition-key-facts.json lists as
// a list though the catalog says String) tested without ForAllValues or ForAnyValue, or a set
// operator on a single-valued key. An audience claim ("...:aud") is one value or a list depending
// on the provider: a set operator on it gets a note to confirm, never a warning.
#include <set>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/embedded_data.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

struct ClaimKeys {
  std::set<std::string, std::less<>> multivalued;  // lower case
  std::string audience_suffix;
  std::set<std::string, std::less<>> not_audience;  // lower case
};

const ClaimKeys& claim_keys() {
  static const ClaimKeys parsed = [] {
    ClaimKeys out;
    const auto data = embedded::data("condition_key_facts");
    for (const auto each : data.at("multivalued_claims")) out.multivalued.insert(to_lower(each.at("key").text()));
    out.audience_suffix = to_lower(data.at("audience_claims").at("suffix").text());
    for (const auto each : data.at("audience_claims").at("except")) out.not_audience.insert(to_lower(each.text()));
    return out;
  }();
  return parsed;
}

bool audience_claim(const std::string& lower_key) {
  const ClaimKeys& claims = claim_keys();
  return lower_key.ends_with(claims.audience_suffix) && claims.not_audience.count(lower_key) == 0;
}

class SetOperatorMisuse final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (!op.parsed.valid() || op.parsed.base->family == OperatorFamily::Null) return;
    const bool qualified = op.parsed.qualifier != SetQualifier::None;
    const std::string lower_key = to_lower(clause.key_member->key);
    if (audience_claim(lower_key)) {
      if (qualified) report_audience(statement, clause, op, out);
      return;
    }
    const aws::ConditionKey* key = out.aws().find_key(clause.key_member->key);
    const bool listed = claim_keys().multivalued.count(lower_key) != 0;
    if (key == nullptr && !listed) return;
    const std::string type = listed ? std::string("a list of claims") : aws::to_string(key->type);
    if ((listed || key->type.multivalued) && !qualified) {
      out.report_key(*clause.key_member,
                     fmt::format("condition key {} in {} holds a set of values ({}), but {} has no ForAllValues or "
                                 "ForAnyValue: which members must match is left unsaid",
                                 rules::quoted(clause.key_member->key), statement.label(), type, rules::quoted(op.member->key)),
                     fmt::format("write ForAnyValue:{0} (any member matches) or ForAllValues:{0} with a Null guard "
                                 "(every member matches)",
                                 op.member->key));
    } else if (!listed && !key->type.multivalued && qualified) {
      const bool all = op.parsed.qualifier == SetQualifier::ForAllValues;
      out.report_key(*clause.key_member,
                     fmt::format("{} tests condition key {} in {} as a set, but it holds one value ({}){}",
                                 rules::quoted(op.member->key), rules::quoted(clause.key_member->key), statement.label(), type,
                                 all ? ": ForAllValues is also true when the key is absent" : ""),
                     "drop the ForAllValues:/ForAnyValue: qualifier");
    }
  }

 private:
  // Access Analyzer's CONFIRM_AUDIENCE_CLAIM_TYPE.
  static void report_audience(const Statement& statement, const ConditionClause& clause, const ConditionOperator& op,
                              Reporter& out) {
    const JsonMember& member = *clause.key_member;
    out.report_at(Level::Note, member.key_span, member.value.pointer,
                  fmt::format("{} tests the audience claim {} in {} as a set: identity providers issue 'aud' as one "
                              "value or as a list, and a set operator fits only a list{}",
                              rules::quoted(op.member->key), rules::quoted(member.key), statement.label(),
                              op.parsed.qualifier == SetQualifier::ForAllValues
                                  ? " (ForAllValues also holds when the claim is absent)"
                                  : ""),
                  "confirm that the provider's tokens carry 'aud' as a list; if it is one value, drop the qualifier");
  }
};

}  // namespace
std::unique_ptr<Rule> make_set_operator_misuse() { return std::make_unique<SetOperatorMisuse>(); }
}  // namespace seslint::rules
