// GitLab Code Quality: a JSON array of issues (description, check_name, fingerprint, severity,
// location.path relative to the repository root, location.lines.begin).
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "seslint/output.hpp"
#include "seslint/report_paths.hpp"

namespace seslint {
namespace {

// GitLab's scale is info|minor|major|critical|blocker; an error with a security severity of 9 or
// more (SARIF's "critical" band) is critical.
std::string_view gitlab_severity(const Finding& finding, const RuleInfo* rule) {
  switch (finding.level) {
    case Level::Note: return "info";
    case Level::Warning: return "minor";
    case Level::Error:
      if (rule != nullptr && !rule->security_severity.empty() && std::strtod(rule->security_severity.c_str(), nullptr) >= 9.0)
        return "critical";
      return "major";
  }
  return "minor";
}

}  // namespace

void write_gitlab(std::ostream& out, const LintReport& report, const PathBase& paths) {
  const auto& catalog = RuleCatalog::builtin();
  auto issues = nlohmann::ordered_json::array();
  for (const auto& file : report.files) {
    const std::string path = path_from_root(file.path, paths.root, paths.cwd);
    for (const auto& finding : file.findings) {
      if (finding.suppression) continue;  // accepted: GitLab would show it as a new issue
      std::string description = finding.document.empty() ? finding.message
                                                          : fmt::format("{}: {}", finding.document, finding.message);
      nlohmann::ordered_json issue;
      issue["description"] = fmt::format("{} [{}]", description, finding.rule_id);
      issue["check_name"] = finding.rule_id;
      issue["fingerprint"] = finding.fingerprint;
      issue["severity"] = gitlab_severity(finding, catalog.find(finding.rule_id));
      issue["location"] = {{"path", path}, {"lines", {{"begin", finding.span.begin.line}}}};
      issues.push_back(std::move(issue));
    }
  }
  out << issues.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace seslint
