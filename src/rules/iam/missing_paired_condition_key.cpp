// IAM216 missing-paired-condition-key: a condition key that is only safe next to a companion
// (rules/paired-condition-keys.json: aws:VpcSourceIp needs the VPC, a private IPv4 address needs
// the instance's VPC) used without it. An Allow needs the companion in its own Condition; a Deny
// that spares a range needs another Deny on the companion, since Denies add up. Null tests ask only
// whether the key is there, and a Deny on a positive test only denies more, so neither is judged.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/embedded_data.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

struct Pair {
  std::string key;
  std::vector<std::string> companions;
  std::string why;
};

const std::vector<Pair>& pairs() {
  static const std::vector<Pair> parsed = [] {
    std::vector<Pair> out;
    for (const auto each : embedded::data("paired_condition_keys").at("pairs"))
      out.push_back({std::string(each.at("key").text()), each.at("with_any_of").strings(), std::string(each.at("why").text())});
    return out;
  }();
  return parsed;
}

// The statement tests one of the keys, as a condition key or as a policy variable in a value
// ("aws:SourceVpc": "${aws:Ec2InstanceSourceVpc}" compares the two).
bool tests_any(const Statement& statement, const std::vector<std::string>& keys) {
  for (const auto& clause : statement.clauses)
    for (const auto& key : keys) {
      if (iequals(clause.key_member->key, key)) return true;
      const std::string variable = to_lower("${" + key + "}");
      for (const auto& value : clause.values)
        if (to_lower(value.text).find(variable) != std::string::npos) return true;
    }
  return false;
}

// An Allow needs the companion in its own block (both must hold). A Deny's negated test ("deny
// outside 10.0.0.0/8") needs it in another Deny: in the same block both would have to fail, so the
// range would still pass from any VPC.
bool companion_present(const Policy& policy, const Statement& statement, const Pair& pair) {
  if (statement.effect == Effect::Allow) return tests_any(statement, pair.companions);
  for (const auto& other : policy.statements)
    if (&other != &statement && other.effect == Effect::Deny && tests_any(other, pair.companions)) return true;
  return false;
}

std::string either(const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i)
    out += (i == 0 ? "" : i + 1 == keys.size() ? " or " : ", ") + keys[i];
  return out;
}

class MissingPairedConditionKey final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy& policy, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    if (statement.effect != Effect::Allow && statement.effect != Effect::Deny) return;
    const ConditionOperator& op = statement.operator_of(clause);
    if (!op.parsed.valid() || op.parsed.base->family == OperatorFamily::Null) return;
    // A Deny on a positive test denies the range in every VPC: more than meant, never less.
    if (statement.effect == Effect::Deny && !op.parsed.base->negated) return;
    const std::string_view key = clause.key_member->key;
    for (const auto& pair : pairs()) {
      if (!iequals(key, pair.key) || companion_present(policy, statement, pair)) continue;
      const bool allow = statement.effect == Effect::Allow;
      out.report_key(*clause.key_member,
                     allow ? fmt::format("{} in {} is tested without {}: {}, so the statement admits callers from "
                                         "other VPCs that use it",
                                         pair.key, statement.label(), either(pair.companions), pair.why)
                           : fmt::format("{} in {} spares callers from other VPCs that use its values: {}, and no "
                                         "other Deny tests {}",
                                         pair.key, statement.label(), pair.why, either(pair.companions)),
                     allow ? fmt::format("add {} to the same Condition block", either(pair.companions))
                           : fmt::format("deny requests from other networks in a separate Deny statement on {}",
                                         either(pair.companions)));
      return;
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_missing_paired_condition_key() { return std::make_unique<MissingPairedConditionKey>(); }
}  // namespace seslint::rules
