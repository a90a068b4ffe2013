// IAM019 condition-key-format: a condition key that is not written service:name ("FromAddress"), or
// whose prefix names no AWS service ("sesx:FromAddress"). Keys of identity providers are named after
// the provider's host ("accounts.google.com:aud", "oidc.eks....:sub") and are left alone, as in IAM203.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// A key whose name part is `name` among the global keys and the keys of the services the statement's
// actions name: the prefix the author most likely left out.
std::string key_with_prefix(std::string_view name, const Statement& statement, const aws::Catalog& aws) {
  const auto matches = [&](const aws::ConditionKey& key) {
    const auto colon = key.name.find(':');
    return colon != std::string::npos && iequals(std::string_view(key.name).substr(colon + 1), name);
  };
  if (statement.action && !statement.action->negated)
    for (const auto& value : statement.action->values) {
      const auto colon = value.text.find(':');
      if (colon == std::string_view::npos) continue;
      if (const aws::Service* service = aws.service(value.text.substr(0, colon)))
        for (const auto& key : service->keys)
          if (matches(key)) return std::string(key.name);
    }
  for (const auto& key : aws.global_keys())
    if (matches(key)) return std::string(key.name);
  return {};
}

// The statement's Action names the same prefix: IAM201 reports it there as no service's (one cause,
// one finding), e.g. a service the catalog no longer lists.
bool action_names_prefix(const Statement& statement, std::string_view prefix) {
  if (!statement.action) return false;
  for (const auto& value : statement.action->values) {
    const auto colon = value.text.find(':');
    if (colon != std::string_view::npos && iequals(value.text.substr(0, colon), prefix)) return true;
  }
  return false;
}

class ConditionKeyFormat final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    const std::string_view key = clause.key_member->key;
    if (key.empty() || key.find("${") != std::string_view::npos) return;  // empty: IAM012; templates: unknown
    const auto colon = key.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == key.size()) {
      const std::string_view name = colon == std::string_view::npos ? key : colon == 0 ? key.substr(1) : std::string_view();
      out.report_key(*clause.key_member,
                     with_suggestion(fmt::format("condition key {} in {} is not written service:name, so it names no "
                                                 "key a request carries and the condition tests an absent key",
                                                 quoted(key), statement.label()),
                                     key_with_prefix(name, statement, out.aws())),
                     "write the key with its service prefix, e.g. ses:FromAddress or aws:SourceIp");
      return;
    }
    const std::string_view prefix = key.substr(0, colon);
    if (iequals(prefix, "aws") || catalog::is_provider_key_prefix(prefix)) return;
    const aws::Catalog& aws = out.aws();
    if (!aws.services_for_key_prefix(prefix).empty() || aws.has_service(prefix) || action_names_prefix(statement, prefix))
      return;
    const std::string_view near = did_you_mean(to_lower(prefix), aws.service_prefixes());
    out.report_key(*clause.key_member,
                   with_suggestion(fmt::format("condition key {} in {} has the prefix {}, which is no AWS service's: "
                                               "requests never carry it, so the condition tests an absent key",
                                               quoted(key), statement.label(), quoted(prefix)),
                                   near.empty() ? std::string() : fmt::format("{}{}", near, key.substr(colon))),
                   "use the service prefix from the Service Authorization Reference");
  }
};

}  // namespace
std::unique_ptr<Rule> make_condition_key_format() { return std::make_unique<ConditionKeyFormat>(); }
}  // namespace seslint::rules
