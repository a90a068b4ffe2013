#pragma once
// Formatters: each takes findings and catalog data only; none knows a rule.
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/catalog.hpp"
#include "seslint/finding.hpp"
#include "seslint/source_text.hpp"

namespace seslint {

struct TextOptions {
  bool color = false;
  bool summary = true;  // the closing summary line
  bool concise = false; // one line per finding: no source line, caret or help (large reports)
};
void write_text(std::ostream& out, const LintReport& report, const TextOptions& options);
// Text from the input made safe for a terminal: control characters (ESC, BEL, ...) as \xNN.
std::string terminal_safe(std::string_view text);

// Where reported paths are relative to (see report_paths.hpp); empty `root`: paths as named.
struct PathBase {
  std::string root;  // the repository root
  std::string cwd;   // the working directory relative paths were named from
};

// The JSON envelope (format version 1; stable, see docs/output-formats.md).
struct JsonOptions {
  std::string tool_version{};
  std::string aws_catalog{};                // the AWS catalog's source and date
  std::vector<std::string> input_errors{};  // named paths that do not exist ("x.json: no such file or directory")
};
void write_json(std::ostream& out, const LintReport& report, const JsonOptions& options = {});

// GitHub Actions workflow commands (::error file=...::message), one per finding.
void write_github(std::ostream& out, const LintReport& report, const PathBase& paths);
// GitLab Code Quality report (a JSON array of issues).
void write_gitlab(std::ostream& out, const LintReport& report, const PathBase& paths);
// Counts per rule, most frequent first (--statistics).
void write_statistics(std::ostream& out, const LintReport& report, const RuleCatalog& catalog);

struct SarifOptions {
  std::string tool_version;
  std::vector<const RuleInfo*> rules;  // tool.driver.rules, sorted by ID (ruleIndex points here)
  struct Notification {
    std::string text;
    Level level = Level::Error;
  };
  std::vector<Notification> notifications;  // for invocations[0]: missing paths (error), skipped files (note)
  // Brace-initialised ({} each) so that callers who list only the fields above stay warning-free.
  PathBase paths{};                        // %SRCROOT% is paths.root (empty: the working directory)
  std::string command_line{};              // invocations[0].commandLine, when known
  std::optional<int> exit_code{};          // invocations[0].exitCode, when known
};
void write_sarif(std::ostream& out, const LintReport& report, const SarifOptions& options);

// What a run knows only at its end (SARIF's invocation).
struct RunEnd {
  std::vector<SarifOptions::Notification> notifications;  // after SarifOptions::notifications
  std::optional<int> exit_code;                            // overrides SarifOptions::exit_code
};

// A report written as the run goes, so memory holds no more than the files in flight: the header
// when made, each file as it comes (a streamed export in parts: `last` on its final part, which
// carries the file's status), the summary at end(). The write_* functions above are one of these
// fed a whole report.
class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void file(const FileResult& part, bool last) = 0;
  virtual void end(const RunEnd& run) = 0;
};
std::unique_ptr<ReportWriter> text_writer(std::ostream& out, const TextOptions& options);
std::unique_ptr<ReportWriter> json_writer(std::ostream& out, const JsonOptions& options);
std::unique_ptr<ReportWriter> sarif_writer(std::ostream& out, const SarifOptions& options);
std::unique_ptr<ReportWriter> github_writer(std::ostream& out, const PathBase& paths);
std::unique_ptr<ReportWriter> gitlab_writer(std::ostream& out, const PathBase& paths);
std::unique_ptr<ReportWriter> statistics_writer(std::ostream& out, const RuleCatalog& catalog);
// Feeds a whole report to a writer (each file as one last part) and ends it.
void write_report(ReportWriter& writer, const LintReport& report, const RunEnd& run = {});

}  // namespace seslint
