#include "seslint/rule_precision.hpp"

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "seslint/embedded.hpp"

namespace seslint {

std::string_view rule_precision(std::string_view rule_id) {
  static const auto by_id = [] {
    std::map<std::string, std::string, std::less<>> out;
    const auto data = nlohmann::json::parse(embedded::named("rule_catalog"));
    for (const auto& entry : data.at("rules"))
      out.emplace(entry.value("id", ""), entry.value("precision", ""));
    return out;
  }();
  const auto it = by_id.find(rule_id);
  return it == by_id.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace seslint
