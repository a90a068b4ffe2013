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

// JSON laid out as dump(2) lays it out, `base` spaces deep, written as it goes: members and items
// on lines of their own, two spaces deeper per level. `valid` turns false on a string that is not
// valid UTF-8 (dump replaces its bytes; the caller dumps instead).
class LaidOut {
 public:
  explicit LaidOut(std::size_t base, std::size_t reserve) : base_(base) { text_.reserve(reserve); }
  void open(char bracket) {
    text_ += bracket;
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    newline();
    text_ += bracket;
    first_ = false;
  }
  void key(std::string_view name) {
    next();
    text_.append(1, '"').append(name).append("\": ");
  }
  void item() { next(); }  // an array element follows
  void string(std::string_view value) { valid_ = valid_ && output::append_json_string(text_, value); }
  void number(std::size_t value) { text_ += std::to_string(value); }
  void laid_out(std::string_view text) { text_ += text; }  // already laid out at this depth
  std::optional<std::string> done() { return valid_ ? std::optional<std::string>(std::move(text_)) : std::nullopt; }

 private:
  void next() {
    if (!first_) text_ += ',';
    first_ = false;
    newline();
  }
  void newline() { text_.append(1, '\n').append(base_ + 2 * depth_, ' '); }
  std::string text_;
  std::size_t base_, depth_ = 0;
  bool first_ = true, valid_ = true;
};

void region_members(LaidOut& json, const Span& span) {
  json.open('{');
  for (const auto& [name, number] : {std::pair<std::string_view, std::uint32_t>{"startLine", span.begin.line},
                                     {"startColumn", span.begin.column},
                                     {"endLine", span.end.line},
                                     {"endColumn", span.end.column}}) {
    json.key(name);
    json.number(number);
  }
  json.close('}');
}

void logical_location(LaidOut& json, std::string_view name, std::string_view full_name, std::string_view kind) {
  json.item();
  json.open('{');
  if (!name.empty()) {
    json.key("name");
    json.string(name);
  }
  json.key("fullyQualifiedName");
  json.string(full_name);
  json.key("kind");
  json.string(kind);
  json.close('}');
}

// result_for(...) as the results array lays it out (depth 8), written directly: nlohmann's objects
// per result were most of a SARIF run with many findings. `location` is the artifact location laid
// out at its depth, the same for all of a file's results. Nullopt when a string is not valid UTF-8.
std::optional<std::string> result_text(const Finding& finding, std::size_t rule_index, std::string_view location) {
  LaidOut json(8, 640 + finding.message.size() + finding.help.size() + finding.pointer.size() + 2 * finding.document.size());
  json.open('{');
  json.key("ruleId");
  json.string(finding.rule_id);
  json.key("ruleIndex");
  json.number(rule_index);
  json.key("level");
  json.string(sarif_level(finding.level));
  json.key("message");
  json.open('{');
  json.key("text");
  json.string(finding.help.empty() ? finding.message : fmt::format("{}. Help: {}", finding.message, finding.help));
  json.close('}');
  json.key("locations");
  json.open('[');
  json.item();
  json.open('{');
  json.key("physicalLocation");
  json.open('{');
  json.key("artifactLocation");
  json.laid_out(location);
  json.key("region");
  region_members(json, finding.span);
  json.close('}');
  if (!finding.document.empty() || !finding.pointer.empty()) {
    json.key("logicalLocations");
    json.open('[');
    if (!finding.document.empty()) logical_location(json, finding.document, finding.document, "object");
    if (!finding.pointer.empty()) logical_location(json, {}, finding.pointer, "value");
    json.close(']');
  }
  json.close('}');
  json.close(']');
  json.key("partialFingerprints");
  json.open('{');
  json.key("seslint/v2");
  json.string(finding.fingerprint);
  json.close('}');
  if (finding.suppression) {
    json.key("suppressions");
    json.open('[');
    json.item();
    json.open('{');
    json.key("kind");
    json.string(finding.suppression->by == SuppressedBy::Metadata ? "inSource" : "external");
    json.key("justification");
    json.string(finding.suppression->justification);
    json.close('}');
    json.close(']');
  }
  json.close('}');
  return json.done();
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
