// IAM024 service-principal-format: a "Service" principal (or a value of a key that holds service
// principals: aws:PrincipalServiceName, aws:CalledVia..., kms:ViaService) that is not a service principal's name
// ({"Service": "cognito-idp"} for "cognito-idp.amazonaws.com"), or whose service part is a near miss
// of a known service ("sesx.amazonaws.com"). Service principal names do not always equal IAM prefixes
// ("ecs-tasks", "vpc-flow-logs"), so an unknown name is reported only when it is one edit or so away
// from a known prefix.
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// The DNS suffixes of service principals in the partitions (aws, aws-cn, the ISO partitions,
// the European Sovereign Cloud) and of AWS-internal principals.
constexpr std::array<std::string_view, 6> kSuffixes = {".amazonaws.com", ".amazonaws.com.cn", ".c2s.ic.gov",
                                                       ".sc2s.sgov.gov", ".amazonaws.eu", ".aws.internal"};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

// "us-east-1", "cn-north-1", "us-gov-west-1": a regional label of "logs.us-east-1.amazonaws.com".
bool region_like(std::string_view label) {
  return label.size() > 4 && label.find('-') != std::string_view::npos && label.back() >= '0' && label.back() <= '9';
}

// The service part of "delivery.logs.us-east-1.amazonaws.com": "logs". Empty without a known suffix.
std::string_view service_label(std::string_view principal) {
  for (const auto suffix : kSuffixes) {
    if (!ends_with(principal, suffix)) continue;
    std::string_view rest = principal.substr(0, principal.size() - suffix.size());
    auto dot = rest.rfind('.');
    if (dot != std::string_view::npos && region_like(rest.substr(dot + 1))) {
      rest = rest.substr(0, dot);
      dot = rest.rfind('.');
    }
    return dot == std::string_view::npos ? rest : rest.substr(dot + 1);
  }
  return {};
}

// Condition keys whose values are service principals.
constexpr std::array<std::string_view, 6> kServiceValuedKeys = {"aws:PrincipalServiceName", "aws:PrincipalServiceNamesList",
                                                                "aws:CalledVia",            "aws:CalledViaFirst",
                                                                "aws:CalledViaLast",        "kms:ViaService"};

class ServicePrincipalFormat final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal) | bit(NodeKind::ConditionClause); }

  void check_principal(const Policy&, const Statement& statement, const Principal& principal, Reporter& out) const override {
    for (const auto& entry : principal.entries) {
      if (entry.member->key != "Service") continue;
      for (const auto& value : entry.values)
        check_value(value.text, *value.node, fmt::format("{} 'Service' of {}", element_name(principal), statement.label()),
                    out);
    }
  }

  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause, Reporter& out) const override {
    const std::string_view key = clause.key_member->key;
    if (std::none_of(kServiceValuedKeys.begin(), kServiceValuedKeys.end(), [&](std::string_view k) { return iequals(k, key); }))
      return;
    const ConditionOperator& op = statement.operator_of(clause);
    if (op.parsed.base == nullptr || op.parsed.base->family != OperatorFamily::String) return;
    for (const auto& value : clause.values)
      if (value.node->kind == JsonKind::String)
        check_value(value.text, *value.node,
                    fmt::format("condition key {} under {} in {}", quoted(key), quoted(op.member->key), statement.label()),
                    out);
  }

 private:
  static void check_value(std::string_view text, const JsonValue& node, const std::string& where, Reporter& out) {
    if (text.empty() || has_wildcard(text) || node.templated || text.find("${") != std::string_view::npos)
      return;  // empty: IAM012; wildcards: IAM023 (principals) or a pattern (conditions)
    const std::string_view label = service_label(text);
    if (label.empty()) {
      const bool bare = text.find('.') == std::string_view::npos;
      out.report(node,
                 fmt::format("{} in {} is not a service principal's name (<service>.amazonaws.com), so it names no "
                             "principal",
                             quoted(text), where),
                 bare ? fmt::format("write \"{}.amazonaws.com\"", text)
                      : std::string("write the service principal as the service documents it, e.g. "
                                    "\"lambda.amazonaws.com\""));
      return;
    }
    if (out.aws().has_service(label)) return;
    const std::string_view near = did_you_mean(to_lower(label), out.aws().service_prefixes());
    if (near.empty() || iequals(near, label)) return;  // not a near miss: maybe a principal name we do not know
    const auto at = static_cast<std::size_t>(label.data() - text.data());
    const std::string fixed = fmt::format("{}{}{}", text.substr(0, at), near, text.substr(at + label.size()));
    out.report(node,
               fmt::format("{} in {} names the service {}, which is no AWS service's; did you mean {}?", quoted(text),
                           where, quoted(label), quoted(fixed)),
               "correct the service principal's name");
  }
};

}  // namespace
std::unique_ptr<Rule> make_service_principal_format() { return std::make_unique<ServicePrincipalFormat>(); }
}  // namespace seslint::rules
