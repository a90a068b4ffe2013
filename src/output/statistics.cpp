// --statistics: how many findings each rule produced, most frequent first, then by ID.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "seslint/output.hpp"

namespace seslint {

void write_statistics(std::ostream& out, const LintReport& report, const RuleCatalog& catalog) {
  std::map<std::string, std::size_t> by_rule;
  std::size_t total = 0;
  for (const auto& file : report.files)
    for (const auto& finding : file.findings) {
      if (finding.suppression) continue;  // accepted (baseline, config, Metadata): not counted
      ++by_rule[finding.rule_id];
      ++total;
    }
  std::vector<std::pair<std::string, std::size_t>> rows(by_rule.begin(), by_rule.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  const std::size_t width = std::max<std::size_t>(fmt::formatted_size("{}", total), 5);
  for (const auto& [id, count] : rows) {
    const RuleInfo* rule = catalog.find(id);
    out << fmt::format("{:>{}}  {}  {}\n", count, width, id, rule ? rule->name : "");
  }
  out << fmt::format("{:>{}}  total\n", total, width);
}

}  // namespace seslint
