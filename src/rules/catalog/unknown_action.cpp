// IAM201 unknown-action: an action or service prefix the AWS catalog does not know. A service
// absent from the catalog yields this finding for its prefix only; no other rule claims anything
// about it.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

#include <algorithm>
#include <cctype>

namespace seslint::rules {
namespace {

// The verb a name starts with ("Get" of "GetIdentityPolicies"): it says the access level.
std::string_view leading_verb(std::string_view name) {
  std::size_t end = name.empty() ? 0 : 1;
  while (end < name.size() && std::islower(static_cast<unsigned char>(name[end]))) ++end;
  return name.substr(0, end);
}

// The verb of an action value's name ("Get" of "ses:GetIdentityPolicies").
std::string_view verb_of(std::string_view action) {
  const auto colon = action.find(':');
  return leading_verb(colon == std::string_view::npos ? action : action.substr(colon + 1));
}

// A service's action names and the verb of each, gathered once for all the unknown values of a list.
struct ServiceNames {
  const aws::Service* service = nullptr;
  std::vector<std::string_view> names, verbs;
  void gather(const aws::Service& of) {
    if (service == &of) return;
    service = &of;
    names.clear();
    verbs.clear();
    for (const auto& action : of.actions) {
      names.push_back(action.name);
      verbs.push_back(leading_verb(action.name));  // the name as a whole: a catalog's may hold ':'
    }
  }
};

// A near name with the same verb first (GetIdentityPolicy -> GetIdentityPolicies, not
// PutIdentityPolicy: a typo keeps the access level it meant), then any near name. The word's
// prefix is the service's (case aside), which adds nothing to an edit distance: names are compared
// without it, within the distance the whole word allows, and no qualified name is built per try.
std::string suggest_action(std::string_view word, const aws::Service& service, ServiceNames& known) {
  known.gather(service);
  const std::string_view name = word.substr(word.find(':') + 1);
  const std::size_t max_distance = std::max<std::size_t>(1, word.size() / 3);
  const std::string_view verb = verb_of(word);
  std::vector<std::string_view> same_verb;
  for (std::size_t i = 0; i < known.names.size(); ++i)
    if (iequals(known.verbs[i], verb)) same_verb.push_back(known.names[i]);
  std::string_view near = did_you_mean(name, same_verb, max_distance);
  if (near.empty()) near = did_you_mean(name, known.names, max_distance);
  return near.empty() ? std::string() : fmt::format("{}:{}", service.prefix, near);
}

class UnknownAction final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    ServiceNames known;
    const auto& facts = catalog::action_facts(list, out.aws());
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const StringNode& value = list.values[i];
      const catalog::ActionFact& fact = facts[i];
      const auto& name = fact.name;
      if (!name || fact.wild_prefix) continue;  // malformed values are IAM014's; wildcard services can't be unknown
      if (fact.known) continue;  // the common case
      const aws::Service* service = fact.service;
      if (service == nullptr) {
        out.report(*value.node,
                   with_suggestion(fmt::format("{} in {} of {}: '{}' is not an AWS service prefix, so the value matches "
                                               "no action",
                                               quoted(value.text), element_name(list), statement.label(), name->prefix),
                                   std::string(did_you_mean(to_lower(name->prefix), out.aws().service_prefixes()))),
                   "check the prefix against the Service Authorization Reference");
        continue;
      }
      // Not known, with its service known: an exact name the service lacks (a pattern of a known
      // service counts as known).
      const std::string suggestion = suggest_action(value.text, *service, known);
      out.report(*value.node,
                 with_suggestion(fmt::format("{} in {} of {} is not an action of {}, so it {}", quoted(value.text),
                                             element_name(list), statement.label(), service->prefix,
                                             list.negated ? "excludes nothing" : "matches nothing"),
                                 suggestion),
                 "use an action name from the Service Authorization Reference");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_unknown_action() { return std::make_unique<UnknownAction>(); }
}  // namespace seslint::rules
