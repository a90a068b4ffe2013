// --statistics: how many findings each rule produced, most frequent first, then by ID.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "seslint/output.hpp"

namespace seslint {

namespace {

class StatisticsWriter final : public ReportWriter {
 public:
  StatisticsWriter(std::ostream& out, const RuleCatalog& catalog) : out_(out), catalog_(catalog) {}

  void file(const FileResult& part, bool) override {
    for (const auto& finding : part.findings) {
      if (finding.suppression) continue;  // accepted (baseline, config, Metadata): not counted
      ++by_rule_[finding.rule_id];
      ++total_;
    }
  }

  void end(const RunEnd&) override {
    std::vector<std::pair<std::string, std::size_t>> rows(by_rule_.begin(), by_rule_.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    const std::size_t width = std::max<std::size_t>(fmt::formatted_size("{}", total_), 5);
    for (const auto& [id, count] : rows) {
      const RuleInfo* rule = catalog_.find(id);
      out_ << fmt::format("{:>{}}  {}  {}\n", count, width, id, rule ? rule->name : "");
    }
    out_ << fmt::format("{:>{}}  total\n", total_, width);
  }

 private:
  std::ostream& out_;
  const RuleCatalog& catalog_;
  std::map<std::string, std::size_t> by_rule_;
  std::size_t total_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> statistics_writer(std::ostream& out, const RuleCatalog& catalog) {
  return std::make_unique<StatisticsWriter>(out, catalog);
}

void write_statistics(std::ostream& out, const LintReport& report, const RuleCatalog& catalog) {
  write_report(*statistics_writer(out, catalog), report);
}

}  // namespace seslint
