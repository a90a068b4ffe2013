// IAM216 missing-paired-condition-key: a condition key that is only safe next to a companion
// (rules/paired-condition-keys.json: aws:VpcSourceIp needs the VPC, a private IPv4 address needs
// the instance's VPC) used without it. An Allow needs the companion in its own Condition; a Deny
// may have it in any Deny of the policy, since Denies add up. Null tests ask only whether the key is
// there, so they need no companion.
#include <nlohmann/json.hpp>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/embedded.hpp"
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
    const auto data = nlohmann::json::parse(embedded::named("paired_condition_keys"));
    for (const auto& each : data.at("pairs"))
      out.push_back({each.at("key").get<std::string>(), each.at("with_any_of").get<std::vector<std::string>>(),
                     each.at("why").get<std::string>()});
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

bool companion_present(const Policy& policy, const Statement& statement, const Pair& pair) {
  if (tests_any(statement, pair.companions)) return true;
  if (statement.effect != Effect::Deny) return false;
  for (const auto& other : policy.statements)
    if (other.effect == Effect::Deny && tests_any(other, pair.companions)) return true;
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
    const std::string_view key = clause.key_member->key;
    for (const auto& pair : pairs()) {
      if (!iequals(key, pair.key) || companion_present(policy, statement, pair)) continue;
      out.report_key(*clause.key_member,
                     fmt::format("{} in {} is tested without {}: {}, so {}", pair.key, statement.label(),
                                 either(pair.companions), pair.why,
                                 statement.effect == Effect::Allow ? "the statement admits callers from other VPCs that use it"
                                                                   : "the Deny spares callers from other VPCs that use it"),
                     fmt::format("add {} to the same Condition block", either(pair.companions)));
      return;
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_missing_paired_condition_key() { return std::make_unique<MissingPairedConditionKey>(); }
}  // namespace seslint::rules
