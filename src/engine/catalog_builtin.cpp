// The built-in rule catalog: the generated static data plus each rule's embedded doc page.
#include <algorithm>

#include "engine/rule_catalog_data.hpp"
#include "seslint/catalog.hpp"
#include "seslint/embedded.hpp"

namespace seslint {

namespace {

std::string_view doc_for(std::string_view id) {
  const auto docs = embedded::docs();  // sorted by ID
  const auto it = std::lower_bound(docs.begin(), docs.end(), id, [](const embedded::Doc& d, std::string_view v) { return d.id < v; });
  return it != docs.end() && it->id == id ? it->markdown : std::string_view();
}

}  // namespace

const RuleCatalog& RuleCatalog::builtin() {
  static const RuleCatalog catalog = [] {
    RuleCatalog built;
    const auto rules = generated::rule_catalog();
    built.rules_.assign(rules.begin(), rules.end());
    for (auto& rule : built.rules_) rule.doc = doc_for(rule.id);
    return built;
  }();
  return catalog;
}

}  // namespace seslint
