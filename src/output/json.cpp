// A JSON array of findings, one object each (docs/output-formats.md).
#include <nlohmann/json.hpp>

#include "seslint/output.hpp"

namespace seslint {

void write_json(std::ostream& out, const LintReport& report) {
  auto findings = nlohmann::ordered_json::array();
  for (const auto& file : report.files) {
    for (const auto& finding : file.findings) {
      nlohmann::ordered_json item;
      item["path"] = file.path;
      item["line"] = finding.span.begin.line;
      item["column"] = finding.span.begin.column;
      item["endLine"] = finding.span.end.line;
      item["endColumn"] = finding.span.end.column;
      item["pointer"] = finding.pointer;
      if (!finding.document.empty()) item["document"] = finding.document;
      item["ruleId"] = finding.rule_id;
      item["level"] = to_string(finding.level);
      item["message"] = finding.message;
      if (!finding.help.empty()) item["help"] = finding.help;
      item["fingerprint"] = finding.fingerprint;
      item["suppressed"] = finding.suppression.has_value();
      if (finding.suppression)
        item["suppression"] = {{"by", to_string(finding.suppression->by)}, {"justification", finding.suppression->justification}};
      findings.push_back(std::move(item));
    }
  }
  // Replace, not throw, on invalid UTF-8 in values (a message may quote a broken file's bytes).
  out << findings.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace seslint
