// A JSON array of findings, one object each (docs/output-formats.md).
#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "seslint/output.hpp"

namespace seslint {
namespace {

// A JSON string literal. Printable ASCII is copied as is; anything else goes through nlohmann's
// serializer (escapes, and invalid UTF-8 replaced rather than thrown: a message may quote a broken
// file's bytes), so the output is what dumping the whole array at once gave.
void append_string(std::string& out, std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
  if (!plain) {
    out += nlohmann::ordered_json(std::string(text)).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

// One finding as an object indented for its place in the array (written directly: building a
// document of every finding and dumping it cost more than the linting of many files).
void append_finding(std::string& out, const std::string& path, const Finding& finding) {
  const auto member = [&](std::string_view key, bool first = false) {
    out += first ? "\n    \"" : ",\n    \"";
    out += key;
    out += "\": ";
  };
  out += "  {";
  member("path", true);
  append_string(out, path);
  member("line");
  out += std::to_string(finding.span.begin.line);
  member("column");
  out += std::to_string(finding.span.begin.column);
  member("endLine");
  out += std::to_string(finding.span.end.line);
  member("endColumn");
  out += std::to_string(finding.span.end.column);
  member("pointer");
  append_string(out, finding.pointer);
  if (!finding.document.empty()) {
    member("document");
    append_string(out, finding.document);
  }
  member("ruleId");
  append_string(out, finding.rule_id);
  member("level");
  append_string(out, to_string(finding.level));
  member("message");
  append_string(out, finding.message);
  if (!finding.help.empty()) {
    member("help");
    append_string(out, finding.help);
  }
  member("fingerprint");
  append_string(out, finding.fingerprint);
  member("suppressed");
  out += finding.suppression ? "true" : "false";
  if (finding.suppression) {
    member("suppression");
    out += "{\n      \"by\": ";
    append_string(out, to_string(finding.suppression->by));
    out += ",\n      \"justification\": ";
    append_string(out, finding.suppression->justification);
    out += "\n    }";
  }
  out += "\n  }";
}

}  // namespace

void write_json(std::ostream& out, const LintReport& report) {
  std::string text;
  for (const auto& file : report.files) {
    for (const auto& finding : file.findings) {
      text += text.empty() ? "[\n" : ",\n";
      append_finding(text, file.path, finding);
    }
  }
  if (text.empty()) out << "[]\n";
  else out << text << "\n]\n";
}

}  // namespace seslint
