#include "seslint/rule_selectors.hpp"

#include <algorithm>
#include <string_view>

#include "seslint/text_match.hpp"

namespace seslint {
namespace {

std::string to_upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c); });
  return out;
}

}  // namespace

std::vector<std::string> resolve_rule_selectors(const RuleCatalog& catalog, const std::vector<std::string>& entries,
                                                std::vector<SelectorProblem>& problems) {
  std::vector<std::string_view> candidates;
  for (const auto& rule : catalog.rules()) {
    candidates.push_back(rule.id);
    candidates.push_back(rule.name);
  }
  std::vector<std::string> resolved;
  for (const auto& entry : entries) {
    const std::string upper = to_upper(entry);
    const auto rules = catalog.rules();
    const bool prefix = std::any_of(rules.begin(), rules.end(),
                                    [&](const RuleInfo& rule) { return rule.id.starts_with(upper); });
    if (prefix && !upper.empty()) {
      resolved.push_back(upper);
      continue;
    }
    const auto named = std::find_if(rules.begin(), rules.end(),
                                    [&](const RuleInfo& rule) { return iequals(rule.name, entry); });
    if (named != rules.end()) {
      resolved.emplace_back(named->id);
      continue;
    }
    problems.push_back({entry, std::string(did_you_mean(entry, candidates))});
  }
  return resolved;
}

}  // namespace seslint
