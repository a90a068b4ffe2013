// The JSON report: an envelope (format version, tool, catalog, summary, unreadable and skipped
// files) around the findings, one object each. Stable; see docs/output-formats.md.
#include <nlohmann/json.hpp>

#include "seslint/output.hpp"

namespace seslint {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kJsonFormatVersion = 1;

Json finding_json(const FileResult& file, const Finding& finding) {
  Json item;
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
  return item;
}

}  // namespace

void write_json(std::ostream& out, const LintReport& report, const JsonOptions& options) {
  auto findings = Json::array();
  auto unreadable = Json::array();
  auto skipped = Json::array();
  std::size_t counts[3] = {0, 0, 0};
  std::size_t linted = 0, suppressed = 0;
  for (const auto& error : options.input_errors) {
    const auto colon = error.rfind(": ");
    unreadable.push_back({{"path", error.substr(0, colon)},
                          {"error", colon == std::string::npos ? error : error.substr(colon + 2)}});
  }
  for (const auto& file : report.files) {
    if (!file.io_error.empty()) {
      unreadable.push_back({{"path", file.path}, {"error", file.io_error}});
      continue;
    }
    if (file.skipped) {
      skipped.push_back({{"path", file.path}, {"reason", file.notice.empty() ? "not a policy" : file.notice}});
      continue;
    }
    ++linted;
    for (const auto& finding : file.findings) {
      if (finding.suppression) ++suppressed;
      else ++counts[static_cast<int>(finding.level)];
      findings.push_back(finding_json(file, finding));
    }
  }
  Json envelope;
  envelope["version"] = kJsonFormatVersion;
  envelope["tool"] = {{"name", "seslint"}, {"version", options.tool_version}};
  envelope["awsCatalog"] = options.aws_catalog;
  envelope["summary"] = {{"findings", findings.size()}, {"errors", counts[2]},   {"warnings", counts[1]},
                         {"notes", counts[0]},         {"suppressed", suppressed},         {"files", linted},       {"unreadable", unreadable.size()},
                         {"skipped", skipped.size()}};
  envelope["findings"] = std::move(findings);
  envelope["unreadable"] = std::move(unreadable);
  envelope["skipped"] = std::move(skipped);
  // Replace, not throw, on invalid UTF-8 in values (a message may quote a broken file's bytes).
  out << envelope.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace seslint
