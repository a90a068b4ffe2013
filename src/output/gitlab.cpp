// GitLab Code Quality: a JSON array of issues (description, check_name, fingerprint, severity,
// location.path relative to the repository root, location.lines.begin).
#include <cstdlib>

#include <fmt/format.h>
#include "output/json_stream.hpp"
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
      if (rule != nullptr && !rule->security_severity.empty() && std::strtod(std::string(rule->security_severity).c_str(), nullptr) >= 9.0)
        return "critical";
      return "major";
  }
  return "minor";
}

}  // namespace

namespace {

class GitlabWriter final : public ReportWriter {
 public:
  GitlabWriter(std::ostream& out, const PathBase& paths) : out_(out), paths_(paths), issues_(out, 0) {}

  void file(const FileResult& part, bool) override {
    const auto& catalog = RuleCatalog::builtin();
    const std::string path = path_from_root(part.path, paths_.root, paths_.cwd);
    for (const auto& finding : part.findings) {
      if (finding.suppression) continue;  // accepted: GitLab would show it as a new issue
      std::string description = finding.document.empty() ? finding.message
                                                          : fmt::format("{}: {}", finding.document, finding.message);
      output::Json issue;
      issue["description"] = fmt::format("{} [{}]", description, finding.rule_id);
      issue["check_name"] = finding.rule_id;
      issue["fingerprint"] = finding.fingerprint;
      issue["severity"] = gitlab_severity(finding, catalog.find(finding.rule_id));
      issue["location"] = {{"path", path}, {"lines", {{"begin", finding.span.begin.line}}}};
      issues_.item(issue);
    }
  }
  void end(const RunEnd&) override {
    issues_.close();
    out_ << '\n';
  }

 private:
  std::ostream& out_;
  PathBase paths_;
  output::ArrayWriter issues_;
};

}  // namespace

std::unique_ptr<ReportWriter> gitlab_writer(std::ostream& out, const PathBase& paths) {
  return std::make_unique<GitlabWriter>(out, paths);
}

void write_gitlab(std::ostream& out, const LintReport& report, const PathBase& paths) {
  write_report(*gitlab_writer(out, paths), report);
}

}  // namespace seslint
