// IAM203 unknown-condition-key: a condition key the catalog does not know, global or of a service.
// Keys of identity providers ("oidc.eks.<region>.amazonaws.com/id/<id>:sub",
// "token.actions.githubusercontent.com:sub") are named after the provider's host and carry its
// claims, which no catalog can list: they are left alone.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

void add_keys(std::vector<std::string>& names, const std::vector<aws::ConditionKey>& keys) {
  for (const auto& key : keys)
    if (key.name.find("${") == std::string_view::npos) names.emplace_back(key.name);
}

// The closest key name, compared without regard to case.
std::string closest(std::string_view key, const std::vector<std::string>& names) {
  std::vector<std::string> lowered;
  for (const auto& name : names) lowered.push_back(to_lower(name));
  const std::vector<std::string_view> views(lowered.begin(), lowered.end());
  const auto best = did_you_mean(to_lower(key), views);
  for (std::size_t i = 0; i < views.size() && !best.empty(); ++i)
    if (views[i] == best) return names[i];
  return {};
}

// "aws:ResourceTag" or "aws:ResourceTag/" for the template "aws:ResourceTag/${TagKey}": the catalog
// key's name before its tag-key part, as the catalog spells it, or empty.
std::string tag_key_stem(std::string_view key, const std::vector<aws::ConditionKey>& keys) {
  std::string_view bare = key;
  if (!bare.empty() && bare.back() == '/') bare.remove_suffix(1);
  for (const auto& known : keys) {
    const auto slot = known.name.find("/${");
    if (slot != std::string_view::npos && iequals(known.name.substr(0, slot), bare))
      return std::string(known.name.substr(0, slot));
  }
  return {};
}

std::string key_without_tag_key(std::string_view key, bool global, const std::vector<std::string>& services,
                                const aws::Catalog& aws) {
  if (global) return tag_key_stem(key, aws.global_keys());
  for (const auto& name : services)
    if (const aws::Service* service = aws.service(name))
      if (auto stem = tag_key_stem(key, service->keys); !stem.empty()) return stem;
  return {};
}

class UnknownConditionKey final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::ConditionClause); }
  void check_clause(const Policy&, const Statement& statement, const ConditionClause& clause,
                    Reporter& out) const override {
    const std::string_view key = clause.key_member->key;
    const auto colon = key.find(':');
    if (colon == std::string_view::npos || colon == 0) return;
    const aws::Catalog& aws = out.aws();
    if (aws.find_key(key) != nullptr) return;
    const std::string_view prefix = key.substr(0, colon);
    const bool global = iequals(prefix, "aws");
    const auto services = aws.services_for_key_prefix(prefix);
    // Identity providers' keys carry whatever claims the provider sends (sub, aud, amr, ...). A
    // service the catalog does not know gets no claim about its keys (IAM201 names the prefix).
    if (!global && (catalog::is_provider_key_prefix(prefix) || services.empty())) return;

    if (global && iequals(key, "aws:ARN")) {
      out.report_key(*clause.key_member,
                     fmt::format("condition key {} in {} is a deprecated global key that IAM no longer supports: "
                                 "the condition tests an absent key",
                                 quoted(key), statement.label()),
                     "use aws:PrincipalArn for the caller's ARN, or aws:SourceArn for the resource a service acts for");
      return;
    }
    if (const std::string tagged = key_without_tag_key(key, global, services, aws); !tagged.empty()) {
      out.report_key(*clause.key_member,
                     fmt::format("condition key {} in {} has no tag key: tag keys are written {}/<tag-key>, and "
                                 "without one the condition tests an absent key",
                                 quoted(key), statement.label(), tagged),
                     fmt::format("name the tag, e.g. {}/team", tagged));
      return;
    }
    std::vector<std::string> candidates;
    if (global) add_keys(candidates, aws.global_keys());
    for (const auto& name : services)
      if (const aws::Service* service = aws.service(name)) add_keys(candidates, service->keys);
    const std::string what =
        global ? std::string("a global condition key") : fmt::format("a condition key of {}", services.front());
    out.report_key(*clause.key_member,
                   with_suggestion(fmt::format("condition key {} in {} is not {}: requests never carry it, so the "
                                               "condition tests an absent key",
                                               quoted(key), statement.label(), what),
                                   closest(key, candidates)),
                   "use a key from the Service Authorization Reference or the global condition keys");
  }
};

}  // namespace
std::unique_ptr<Rule> make_unknown_condition_key() { return std::make_unique<UnknownConditionKey>(); }
}  // namespace seslint::rules
