#include "rules/support/risk_actions.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <set>
#include <stdexcept>

#include "rules/support/catalog_support.hpp"
#include "seslint/embedded_data.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules::risk {
namespace {

// The last eight bytes of a name (all of a shorter one): compared before the name itself, they
// tell most names of one length apart (many share their start: "describe...", "getbucket...").
std::uint64_t name_tail(std::string_view name) {
  std::uint64_t tail = 0;
  const std::size_t n = std::min<std::size_t>(name.size(), sizeof tail);
  if (n > 0) std::memcpy(&tail, name.data() + name.size() - n, n);
  return tail;
}

// A listed action, case-folded and split at its ':'.
struct LowerName {
  std::string prefix, name;
  std::uint64_t tail = 0;  // name_tail(name): compared first
};

struct List {
  std::vector<std::string> names;
  // Sorted by name length; by_length[n] is where names of length n start (and [n + 1] where they
  // end). listed() is asked for every action of every statement (230,000 times on the AWS managed
  // policies): a scan of all few dozen names cost 165 instructions a question, hashing the name more.
  std::vector<LowerName> lower;
  std::array<std::uint32_t, 130> by_length{};  // names up to 128 characters; longer ones: none listed
};

// In the order of Category.
constexpr std::array<const char*, 4> kSections = {"credentials_exposure", "own_tokens", "data_exfiltration",
                                                  "resource_exposure"};

const std::array<List, kSections.size()>& lists() {
  static const std::array<List, kSections.size()> parsed = [] {
    std::array<List, kSections.size()> out;
    const auto data = embedded::data("risk_actions");
    for (std::size_t i = 0; i < kSections.size(); ++i)
      for (const auto name : data.at(kSections[i]).at("actions")) {
        out[i].names.emplace_back(name.text());
        const std::string lower = to_lower(out[i].names.back());
        const auto colon = lower.find(':');
        std::string action = colon == std::string::npos ? "" : lower.substr(colon + 1);
        const std::uint64_t tail = name_tail(action);
        out[i].lower.push_back({lower.substr(0, colon), std::move(action), tail});
      }
    for (auto& list : out) {
      std::stable_sort(list.lower.begin(), list.lower.end(),
                       [](const LowerName& a, const LowerName& b) { return a.name.size() < b.name.size(); });
      std::size_t at = 0;
      // by_length's last entry only ends the names of the longest length listed() looks up.
      for (std::size_t length = 0; length < list.by_length.size(); ++length) {
        list.by_length[length] = static_cast<std::uint32_t>(at);
        while (length + 1 < list.by_length.size() && at < list.lower.size() && list.lower[at].name.size() == length) ++at;
      }
      if (at != list.lower.size()) throw std::logic_error("risk-actions.json: an action name over 128 characters");
    }
    return out;
  }();
  return parsed;
}

}  // namespace

// Asked for every action a statement names: only the listed names of its length are compared.
bool listed(Category category, const aws::Service& service, const aws::Action& action) {
  const List& list = lists()[static_cast<std::size_t>(category)];
  const std::string_view name = action.lower_name;
  if (name.size() + 1 >= list.by_length.size()) return false;
  const std::size_t begin = list.by_length[name.size()], end = list.by_length[name.size() + 1];
  if (begin == end) return false;
  const std::uint64_t tail = name_tail(name);
  for (std::size_t i = begin; i < end; ++i)
    if (list.lower[i].tail == tail && list.lower[i].name == name && iequals(list.lower[i].prefix, service.prefix)) return true;
  return false;
}

const std::vector<std::string>& names(Category category) { return lists()[static_cast<std::size_t>(category)].names; }

bool permissions_management_read(const aws::Action& action) {
  static const std::vector<std::string> prefixes = [] {
    std::vector<std::string> out;
    for (const auto prefix : embedded::data("risk_actions").at("permissions_management_reads").at("prefixes"))
      out.push_back(to_lower(prefix.text()));
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
