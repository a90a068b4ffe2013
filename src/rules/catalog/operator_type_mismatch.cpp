// IAM205 operator-type-mismatch: the operator family does not fit the condition key's type (a
// String operator on an IP key, IpAddress on a string key, Date on a number, ...). Pairs AWS reads
// usefully are accepted: String operators on ARN, Date and Bool keys, Numeric on Date (epoch time).
// A clause whose values are all policy variables compares two request values: not a finding.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

bool fits(OperatorFamily family, aws::KeyBase base) {
  using F = OperatorFamily;
  using B = aws::KeyBase;
  switch (family) {
    case F::Null: return true;
    case F::String: return base == B::String || base == B::Arn || base == B::Date || base == B::Bool;
    case F::Arn: return base == B::Arn || base == B::String;
    case F::Numeric: return base == B::Numeric || base == B::Date;
    case F::Date: return base == B::Date;
    case F::Bool: return base == B::Bool;
    case F::Binary: return base == B::Binary;
    case F::Ip: return base == B::IpAddress;
  }
  return true;
}

// A policy variable is another context key's value at request time, of a type the policy does not
// say: comparing it as text is how AWS pairs keys of any type (StringNotEquals
// aws:Ec2InstanceSourcePrivateIPv4 "${aws:VpcSourceIp}"), so only literal values show the operator
// is the wrong one. Variables are substituted under 2012-10-17, in String, ARN and Bool operators
// only (elsewhere they stay literal text: IAM018).
bool compares_variables_only(const Policy& policy, OperatorFamily family, const ConditionClause& clause) {
  if (policy.version_text() != "2012-10-17") return false;
  if (family != OperatorFamily::String && family != OperatorFamily::Arn && family != OperatorFamily::Bool) return false;
  return !clause.values.empty() && std::all_of(clause.values.begin(), clause.values.end(),
                                                [](const ConditionValue& v) { return has_variables(v.text); });
}

std::string_view help_for(aws::KeyBase base) {
  switch (base) {
    case aws::KeyBase::String: return "use a String operator (StringEquals, StringLike, ...) for this key";
    case aws::KeyBase::Arn: return "use an Arn operator (ArnEquals, ArnLike, ...) for this key";
    case aws::KeyBase::Numeric: return "use a Numeric operator (NumericEquals, NumericLessThan, ...) for this key";
    case aws::KeyBase::Date: return "use a Date operator (DateLessThan, DateGreaterThan, ...) for this key";
    case aws::KeyBase::Bool: return "use Bool for this key";
    case aws::KeyBase::IpAddress: return "use IpAddress or NotIpAddress with CIDR blocks for this key";
    case aws::KeyBase::Binary: return "use BinaryEquals for this key";
  }
  return "use an operator of the key's type";
}

class OperatorTypeMismatch final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy& policy, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    const ConditionOperator& op = statement.operator_of(clause);
    if (!op.parsed.valid()) return;
    const aws::ConditionKey* key = out.aws().find_key(clause.key_member->key);
    if (key == nullptr || fits(op.parsed.base->family, key->type.base)) return;
    if (compares_variables_only(policy, op.parsed.base->family, clause)) return;
    out.report_key(*clause.key_member,
                   fmt::format("{} in {} compares {} values, but condition key {} holds {} values: the comparison "
                               "never matches as intended",
                               quoted(op.member->key), statement.label(), to_string(op.parsed.base->family),
                               quoted(clause.key_member->key), aws::to_string(key->type)),
                   std::string(help_for(key->type.base)));
  }
};

}  // namespace
std::unique_ptr<Rule> make_operator_type_mismatch() { return std::make_unique<OperatorTypeMismatch>(); }
}  // namespace seslint::rules
