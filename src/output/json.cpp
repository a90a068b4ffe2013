// The JSON report: an envelope (format version, tool, catalog, summary, unreadable and skipped
// files) around the findings, one object each. Stable; see docs/output-formats.md.
#include <optional>
#include <string>

#include "output/json_stream.hpp"
#include "seslint/output.hpp"

namespace seslint {
namespace {

using output::Json;
using output::append_json_string;

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

// finding_json(file, finding) as the findings array lays it out (dump at depth 4), written
// directly: nlohmann's object per finding cost a tenth of a JSON run. Nullopt when a string is
// not valid UTF-8; the caller then dumps finding_json, which replaces the bad bytes.
std::optional<std::string> finding_text(const FileResult& file, const Finding& finding) {
  std::string out;
  out.reserve(512 + finding.message.size() + finding.help.size());
  bool valid = true;
  bool first = true;
  auto key = [&](std::string_view name, std::string_view indent) {
    out += first ? "{\n" : ",\n";
    first = false;
    out += indent;
    out += '"';
    out += name;
    out += "\": ";
  };
  auto text = [&](std::string_view name, std::string_view value) {
    key(name, "      ");
    valid = valid && append_json_string(out, value);
  };
  auto number = [&](std::string_view name, std::uint32_t value) {
    key(name, "      ");
    out += std::to_string(value);
  };
  text("path", file.path);
  number("line", finding.span.begin.line);
  number("column", finding.span.begin.column);
  number("endLine", finding.span.end.line);
  number("endColumn", finding.span.end.column);
  text("pointer", finding.pointer);
  if (!finding.document.empty()) text("document", finding.document);
  text("ruleId", finding.rule_id);
  text("level", to_string(finding.level));
  text("message", finding.message);
  if (!finding.help.empty()) text("help", finding.help);
  text("fingerprint", finding.fingerprint);
  key("suppressed", "      ");
  out += finding.suppression ? "true" : "false";
  if (finding.suppression) {
    key("suppression", "      ");
    out += "{\n        \"by\": ";
    valid = valid && append_json_string(out, to_string(finding.suppression->by));
    out += ",\n        \"justification\": ";
    valid = valid && append_json_string(out, finding.suppression->justification);
    out += "\n      }";
  }
  out += "\n    }";
  if (!valid) return std::nullopt;
  return out;
}

}  // namespace

namespace {

// Streams the envelope: the findings as each file comes, the lists and summary at the end.
class JsonWriter final : public ReportWriter {
 public:
  JsonWriter(std::ostream& out, const JsonOptions& options) : out_(out), findings_(out, 2) {
    Json skeleton;
    skeleton["version"] = kJsonFormatVersion;
    skeleton["tool"] = {{"name", "seslint"}, {"version", options.tool_version}};
    skeleton["awsCatalog"] = options.aws_catalog;
    skeleton["findings"] = "@findings";
    skeleton["unreadable"] = "@unreadable";
    skeleton["skipped"] = "@skipped";
    skeleton["summary"] = "@summary";
    pieces_ = output::cut_at(skeleton, {"@findings", "@unreadable", "@skipped", "@summary"});
    for (const auto& error : options.input_errors) {
      const auto colon = error.rfind(": ");
      unreadable_.push_back({{"path", error.substr(0, colon)},
                             {"error", colon == std::string::npos ? error : error.substr(colon + 2)}});
    }
    out_ << pieces_[0];
  }

  void file(const FileResult& part, bool last) override {
    if (!part.io_error.empty()) {
      if (last) unreadable_.push_back({{"path", part.path}, {"error", part.io_error}});
      return;
    }
    if (part.skipped) {
      if (last) skipped_.push_back({{"path", part.path}, {"reason", part.notice.empty() ? "not a policy" : part.notice}});
      return;
    }
    if (last) ++linted_;
    for (const auto& finding : part.findings) {
      if (finding.suppression) ++suppressed_;
      else ++counts_[static_cast<int>(finding.level)];
      if (const auto text = finding_text(part, finding)) findings_.item_text(*text);
      else findings_.item(finding_json(part, finding));
    }
  }

  void end(const RunEnd&) override {
    findings_.close();
    out_ << pieces_[1] << output::dump(unreadable_, 2) << pieces_[2] << output::dump(skipped_, 2) << pieces_[3];
    const Json summary = {{"findings", findings_.size()}, {"errors", counts_[2]},  {"warnings", counts_[1]},
                          {"notes", counts_[0]},          {"suppressed", suppressed_}, {"files", linted_},
                          {"unreadable", unreadable_.size()}, {"skipped", skipped_.size()}};
    out_ << output::dump(summary, 2) << pieces_[4] << '\n';
  }

 private:
  std::ostream& out_;
  std::vector<std::string> pieces_;
  output::ArrayWriter findings_;
  Json unreadable_ = Json::array();
  Json skipped_ = Json::array();
  std::size_t counts_[3] = {0, 0, 0};
  std::size_t linted_ = 0, suppressed_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> json_writer(std::ostream& out, const JsonOptions& options) {
  return std::make_unique<JsonWriter>(out, options);
}

void write_json(std::ostream& out, const LintReport& report, const JsonOptions& options) {
  write_report(*json_writer(out, options), report);
}

void write_report(ReportWriter& writer, const LintReport& report, const RunEnd& run) {
  for (const auto& file : report.files) writer.file(file, true);
  writer.end(run);
}

}  // namespace seslint
