// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=ID::message`.
// GitHub turns each into an annotation on the file; paths are relative to the repository root.
#include <fmt/format.h>

#include "seslint/output.hpp"
#include "seslint/report_paths.hpp"

namespace seslint {
namespace {

// The escaping of @actions/core: data escapes %, CR and LF; properties also ':' and ','.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command_for(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Note: return "notice";
  }
  return "warning";
}

}  // namespace

namespace {

class GithubWriter final : public ReportWriter {
 public:
  GithubWriter(std::ostream& out, const PathBase& paths) : out_(out), paths_(paths) {}

  void file(const FileResult& part, bool) override {
    const std::string path = escape(path_from_root(part.path, paths_.root, paths_.cwd), true);
    for (const auto& finding : part.findings) {
      if (finding.suppression) continue;  // accepted: no annotation
      std::string message = finding.document.empty() ? finding.message
                                                     : fmt::format("{}: {}", finding.document, finding.message);
      if (!finding.help.empty()) message += fmt::format("\nHelp: {}", finding.help);
      out_ << fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n", command_for(finding.level),
                          path, finding.span.begin.line, finding.span.begin.column, finding.span.end.line,
                          finding.span.end.column, escape(finding.rule_id, true), escape(message, false));
    }
  }
  void end(const RunEnd&) override {}

 private:
  std::ostream& out_;
  PathBase paths_;
};

}  // namespace

std::unique_ptr<ReportWriter> github_writer(std::ostream& out, const PathBase& paths) {
  return std::make_unique<GithubWriter>(out, paths);
}

void write_github(std::ostream& out, const LintReport& report, const PathBase& paths) {
  write_report(*github_writer(out, paths), report);
}

}  // namespace seslint
