// SARIF 2.1.0. Rule metadata comes from the catalog; results point at regions (columns in Unicode
// code points, declared with columnKind) and carry the JSON pointer as a logical location.
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>
#include "output/json_stream.hpp"
#include "seslint/output.hpp"
#include "seslint/report_paths.hpp"

namespace seslint {
namespace {

using output::Json;

std::string_view sarif_level(Level level) { return to_string(level); }  // error|warning|note map 1:1

std::string percent_encode_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
    out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

// Paths under %SRCROOT% are relative to it (so GitHub code scanning maps them to the repository);
// anything else is an absolute file URI.
Json artifact_location(std::string_view named, const PathBase& paths) {
  Json location;
  if (named == "<stdin>") {
    location["uri"] = "stdin";
    return location;
  }
  std::string normalized = path_from_root(named, paths.root, paths.cwd);
  while (normalized.substr(0, 2) == "./") normalized.erase(0, 2);
  if (!normalized.empty() && normalized.front() == '/') {
    location["uri"] = "file://" + percent_encode_path(normalized);
  } else {
    location["uri"] = percent_encode_path(normalized);
    location["uriBaseId"] = "%SRCROOT%";
  }
  return location;
}

Json rule_descriptor(const RuleInfo& rule) {
  Json descriptor;
  descriptor["id"] = rule.id;
  descriptor["name"] = rule.name;
  descriptor["shortDescription"] = {{"text", rule.title}};
  descriptor["fullDescription"] = {{"text", rule.summary}};
  Json help = {{"text", fmt::format("{} See {}", rule.summary, rule.help_uri)}};
  if (!rule.doc.empty()) help["markdown"] = std::string(rule.doc);
  descriptor["help"] = help;
  descriptor["helpUri"] = rule.help_uri;
  descriptor["defaultConfiguration"] = {{"level", sarif_level(rule.level)}};
  Json properties;
  properties["tags"] = rule.tags;
  properties["precision"] = rule.precision;
  if (!rule.security_severity.empty()) properties["security-severity"] = rule.security_severity;
  if (!rule.peers.empty()) properties["peers"] = rule.peers;
  descriptor["properties"] = properties;
  return descriptor;
}

// Accepted findings stay in the log, marked (GitHub code scanning then shows them as dismissed).
Json suppressions_for(const Suppression& suppression) {
  const bool in_source = suppression.by == SuppressedBy::Metadata;
  return Json::array({{{"kind", in_source ? "inSource" : "external"}, {"justification", suppression.justification}}});
}

Json result_for(const FileResult& file, const Finding& finding, std::size_t rule_index, const PathBase& paths) {
  Json result;
  result["ruleId"] = finding.rule_id;
  result["ruleIndex"] = rule_index;
  result["level"] = sarif_level(finding.level);
  const std::string text = finding.help.empty() ? finding.message : fmt::format("{}. Help: {}", finding.message, finding.help);
  result["message"] = {{"text", text}};
  Json region = {{"startLine", finding.span.begin.line},
                 {"startColumn", finding.span.begin.column},
                 {"endLine", finding.span.end.line},
                 {"endColumn", finding.span.end.column}};
  Json location = {{"physicalLocation", {{"artifactLocation", artifact_location(file.path, paths)}, {"region", region}}}};
  Json logical = Json::array();
  if (!finding.document.empty())  // the policy inside a container: "role/x inline policy y"
    logical.push_back({{"name", finding.document}, {"fullyQualifiedName", finding.document}, {"kind", "object"}});
  if (!finding.pointer.empty()) logical.push_back({{"fullyQualifiedName", finding.pointer}, {"kind", "value"}});
  if (!logical.empty()) location["logicalLocations"] = logical;
  result["locations"] = Json::array({location});
  result["partialFingerprints"] = {{"seslint/v2", finding.fingerprint}};
  if (finding.suppression) result["suppressions"] = suppressions_for(*finding.suppression);
  return result;
}

// result_for(...) as the results array lays it out (dump at depth 8), written directly: nlohmann's
// objects per result were most of a SARIF run with many findings. `location` is the artifact
// location's text at its depth, the same for all of a file's results. Nullopt when a string is not
// valid UTF-8; the caller then dumps result_for, which replaces the bad bytes.
std::optional<std::string> result_text(const Finding& finding, std::size_t rule_index, std::string_view location) {
  std::string out;
  out.reserve(640 + finding.message.size() + finding.help.size() + finding.pointer.size() + 2 * finding.document.size());
  bool valid = true;
  const auto line = [&](std::size_t depth) {  // a new line at a depth inside the result
    out += '\n';
    out.append(8 + 2 * depth, ' ');
  };
  const auto string = [&](std::string_view value) { valid = valid && output::append_json_string(out, value); };
  const auto key = [&](std::size_t depth, std::string_view name) {
    line(depth);
    out += '"';
    out += name;
    out += "\": ";
  };
  out += '{';
  key(1, "ruleId");
  string(finding.rule_id);
  out += ',';
  key(1, "ruleIndex");
  out += std::to_string(rule_index);
  out += ',';
  key(1, "level");
  string(sarif_level(finding.level));
  out += ',';
  key(1, "message");
  out += '{';
  key(2, "text");
  string(finding.help.empty() ? finding.message : fmt::format("{}. Help: {}", finding.message, finding.help));
  line(1);
  out += "},";
  key(1, "locations");
  out += '[';
  line(2);
  out += '{';
  key(3, "physicalLocation");
  out += '{';
  key(4, "artifactLocation");
  out += location;
  out += ',';
  key(4, "region");
  out += '{';
  const std::pair<std::string_view, std::uint32_t> region[] = {{"startLine", finding.span.begin.line},
                                                                {"startColumn", finding.span.begin.column},
                                                                {"endLine", finding.span.end.line},
                                                                {"endColumn", finding.span.end.column}};
  for (const auto& [name, number] : region) {
    key(5, name);
    out += std::to_string(number);
    if (name != "endColumn") out += ',';
  }
  line(4);
  out += '}';
  line(3);
  out += '}';
  if (!finding.document.empty() || !finding.pointer.empty()) {
    out += ',';
    key(3, "logicalLocations");
    out += '[';
    bool first = true;
    const auto logical = [&](std::string_view name, std::string_view full_name, std::string_view kind) {
      out += first ? "" : ",";
      first = false;
      line(4);
      out += '{';
      if (!name.empty()) {
        key(5, "name");
        string(name);
        out += ',';
      }
      key(5, "fullyQualifiedName");
      string(full_name);
      out += ',';
      key(5, "kind");
      string(kind);
      line(4);
      out += '}';
    };
    if (!finding.document.empty()) logical(finding.document, finding.document, "object");
    if (!finding.pointer.empty()) logical({}, finding.pointer, "value");
    line(3);
    out += ']';
  }
  line(2);
  out += '}';
  line(1);
  out += "],";
  key(1, "partialFingerprints");
  out += '{';
  key(2, "seslint/v2");
  string(finding.fingerprint);
  line(1);
  out += '}';
  if (finding.suppression) {
    out += ',';
    key(1, "suppressions");
    out += '[';
    line(2);
    out += '{';
    key(3, "kind");
    string(finding.suppression->by == SuppressedBy::Metadata ? "inSource" : "external");
    out += ',';
    key(3, "justification");
    string(finding.suppression->justification);
    line(2);
    out += "}";
    line(1);
    out += ']';
  }
  line(0);
  out += '}';
  if (!valid) return std::nullopt;
  return out;
}

}  // namespace

namespace {

// Streams the log: the rules (known up front) and the results as each file comes; the invocation,
// whose exit code and notifications are known only at the end, after the results.
class SarifWriter final : public ReportWriter {
 public:
  SarifWriter(std::ostream& out, const SarifOptions& options) : out_(out), options_(options), results_(out, 6) {
    Json driver;
    driver["name"] = "seslint";
    driver["version"] = options.tool_version;
    driver["semanticVersion"] = options.tool_version;
    driver["informationUri"] = "https://github.com/seslint/seslint";
    Json rules = Json::array();
    for (const RuleInfo* rule : options.rules) {
      index_of_.emplace(rule->id, rules.size());
      rules.push_back(rule_descriptor(*rule));
    }
    driver["rules"] = rules;
    std::error_code ec;
    std::string root = options.paths.root.empty() ? std::filesystem::current_path(ec).string() : options.paths.root;
    if (root.empty() || root.back() != '/') root += '/';
    Json run;
    run["tool"] = {{"driver", driver}};
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + percent_encode_path(root)}}}};
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = "@results";
    run["invocations"] = "@invocations";
    Json log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = Json::array({run});
    pieces_ = output::cut_at(log, {"@results", "@invocations"});
    for (const auto& note : options.notifications) notify(note.text, note.level);
    out_ << pieces_[0];
  }

  void file(const FileResult& part, bool last) override {
    if (!part.io_error.empty()) {
      if (last) notify(fmt::format("{}: {}", part.path, part.io_error), Level::Error);
      return;
    }
    if (part.findings.empty()) return;
    const Json location = artifact_location(part.path, options_.paths);
    const std::string location_text = output::dump(location, 16);  // its depth in a result
    for (const auto& finding : part.findings) {
      const auto it = index_of_.find(finding.rule_id);
      const std::size_t rule_index = it == index_of_.end() ? 0 : it->second;
      if (const auto text = result_text(finding, rule_index, location_text)) results_.item_text(*text);
      else results_.item(result_for(part, finding, rule_index, options_.paths));
    }
  }

  void end(const RunEnd& run) override {
    results_.close();
    for (const auto& note : run.notifications) notify(note.text, note.level);
    Json invocation;
    if (!options_.command_line.empty()) invocation["commandLine"] = options_.command_line;
    const std::optional<int> exit_code = run.exit_code ? run.exit_code : options_.exit_code;
    if (exit_code) invocation["exitCode"] = *exit_code;
    invocation["executionSuccessful"] = successful_;
    if (!notifications_.empty()) invocation["toolExecutionNotifications"] = notifications_;
    out_ << pieces_[1] << output::dump(Json::array({invocation}), 6) << pieces_[2] << '\n';
  }

 private:
  void notify(const std::string& text, Level level) {
    notifications_.push_back({{"level", sarif_level(level)}, {"message", {{"text", text}}}});
    successful_ = successful_ && level != Level::Error;
  }

  std::ostream& out_;
  const SarifOptions options_;
  std::map<std::string, std::size_t, std::less<>> index_of_;
  std::vector<std::string> pieces_;
  output::ArrayWriter results_;
  Json notifications_ = Json::array();
  bool successful_ = true;
};

}  // namespace

std::unique_ptr<ReportWriter> sarif_writer(std::ostream& out, const SarifOptions& options) {
  return std::make_unique<SarifWriter>(out, options);
}

void write_sarif(std::ostream& out, const LintReport& report, const SarifOptions& options) {
  write_report(*sarif_writer(out, options), report);
}

}  // namespace seslint
