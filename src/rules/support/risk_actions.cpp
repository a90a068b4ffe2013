#include "rules/support/risk_actions.hpp"

#include <array>
#include <functional>
#include <set>
#include <unordered_map>
#include <algorithm>

#include <nlohmann/json.hpp>

#include "rules/support/catalog_support.hpp"
#include "seslint/embedded.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules::risk {
namespace {

// A listed action, case-folded and split at its ':'.
struct LowerName {
  std::string prefix, name;
};

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct List {
  std::vector<std::string> names;
  std::vector<LowerName> lower;
  // Lower-case action name -> the prefixes listing it (into `lower`). listed() is asked for every
  // action of every statement (230,000 times on the AWS managed policies): a scan of the few
  // dozen names cost 165 instructions a question.
  std::unordered_map<std::string_view, std::vector<std::string_view>, Hash, std::equal_to<>> by_name;
};

// In the order of Category.
constexpr std::array<const char*, 4> kSections = {"credentials_exposure", "own_tokens", "data_exfiltration",
                                                  "resource_exposure"};

const std::array<List, kSections.size()>& lists() {
  static const std::array<List, kSections.size()> parsed = [] {
    std::array<List, kSections.size()> out;
    const auto data = nlohmann::json::parse(embedded::named("risk_actions"));
    for (std::size_t i = 0; i < kSections.size(); ++i)
      for (const auto& name : data.at(kSections[i]).at("actions")) {
        out[i].names.push_back(name.get<std::string>());
        const std::string lower = to_lower(out[i].names.back());
        const auto colon = lower.find(':');
        out[i].lower.push_back({lower.substr(0, colon), colon == std::string::npos ? "" : lower.substr(colon + 1)});
      }
    for (auto& list : out)  // `lower` is complete: views into it stay valid
      for (const auto& each : list.lower) list.by_name[each.name].push_back(each.prefix);
    return out;
  }();
  return parsed;
}

}  // namespace

// Asked for every action a statement names: one hash lookup of its name.
bool listed(Category category, const aws::Service& service, const aws::Action& action) {
  const auto& by_name = lists()[static_cast<std::size_t>(category)].by_name;
  const auto found = by_name.find(std::string_view(action.lower_name));
  if (found == by_name.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(),
                     [&](std::string_view prefix) { return iequals(prefix, service.prefix); });
}

const std::vector<std::string>& names(Category category) { return lists()[static_cast<std::size_t>(category)].names; }

bool permissions_management_read(const aws::Action& action) {
  static const std::vector<std::string> prefixes = [] {
    std::vector<std::string> out;
    const auto data = nlohmann::json::parse(embedded::named("risk_actions"));
    for (const auto& prefix : data.at("permissions_management_reads").at("prefixes")) out.push_back(to_lower(prefix.get<std::string>()));
    return out;
  }();
  for (const auto& prefix : prefixes)
    if (action.lower_name.starts_with(prefix)) return true;
  return false;
}

bool judged(const Policy& policy, const Statement& statement) {
  return policy.kind == PolicyKind::Identity && statement.effect == Effect::Allow && statement.action &&
         !statement.action->negated && statement.resource && !statement.resource->negated && statement.clauses.empty() &&
         statement.element(StatementElement::Condition) == nullptr;
}

const StringNode* resource_star(const Statement& statement) {
  if (!statement.resource) return nullptr;
  for (const auto& value : statement.resource->values)
    if (value.text == "*" && !value.node->templated) return &value;
  return nullptr;
}

StarGrant granted_on_star(const Policy& policy, const Statement& statement, const aws::Catalog& aws, Category category) {
  StarGrant out;
  if (!judged(policy, statement)) return out;
  out.star = resource_star(statement);
  if (out.star == nullptr) return out;
  out.names = granted(
      policy, statement, aws,
      [category](const aws::Service& service, const aws::Action& action) { return listed(category, service, action); }, "*");
  return out;
}

std::vector<std::string> granted(const Policy& policy, const Statement& statement, const aws::Catalog& aws,
                                 const Wanted& wanted, std::string_view resource, const StringNode** first) {
  std::set<std::string> names;
  const auto& actions = catalog::statement_actions(statement, aws);
  if (!actions) return {};
  for (const auto& each : *actions) {
    const std::string_view source = each.source->text;
    if (source == "*" || source.ends_with(":*") || each.source->node->templated) continue;
    if (!wanted(*each.service, *each.action)) continue;
    std::string name = each.full_name();
    if (catalog::denied_unconditionally(policy, name, resource)) continue;
    if (first != nullptr && (*first == nullptr || each.source->node->span.begin.offset < (*first)->node->span.begin.offset))
      *first = each.source;
    names.insert(std::move(name));
  }
  return {names.begin(), names.end()};
}

}  // namespace seslint::rules::risk
