#include "targets.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

#include "seslint/inputs.hpp"
#include "seslint/lint.hpp"
#include "seslint/output.hpp"
#include "seslint/simulate.hpp"

namespace seslint::fuzz {
namespace {

void require(bool condition, const char* what) {
  if (!condition) throw FuzzInvariantError(what);
}

void require_within(const Span& span, std::size_t size, const char* what) {
  require(span.begin.offset <= span.end.offset && span.end.offset <= size, what);
  require(span.begin.line >= 1 && span.begin.column >= 1, what);
}

void check_tree(const JsonValue& value, std::size_t size) {
  require_within(value.span, size, "a YAML node's span lies outside the input");
  for (const auto& item : value.items) check_tree(item, size);
  for (const auto& member : value.members) {
    require_within(member.key_span, size, "a YAML key's span lies outside the input");
    check_tree(member.value, size);
  }
}

const Linter& linter() {
  static const Linter instance{LintOptions{}};  // input type auto, every rule
  return instance;
}

}  // namespace

void lint_bytes(std::string_view data) {
  LintReport report;
  report.files.push_back(linter().lint_source("fuzz.json", std::string(data)));
  for (const auto& finding : report.files.front().findings)
    require_within(finding.span, data.size(), "a finding's span lies outside the input");
  std::ostringstream out;
  write_text(out, report, TextOptions{});
  // Only the rules that reported: the full rule list is the same for every input, and writing it
  // took two thirds of each run (8 inputs a second under ASan), so the seeds alone used up CI's minute.
  std::set<std::string_view> reported;
  for (const auto& finding : report.files.front().findings) reported.insert(finding.rule_id);
  SarifOptions sarif;
  for (const RuleInfo* rule : linter().engine().enabled_rules())
    if (reported.count(rule->id)) sarif.rules.push_back(rule);
  write_sarif(out, report, sarif);
}

void read_yaml(std::string_view data) {
  const ParseResult parsed = parse_yaml(data);
  require(parsed.root.has_value() != parsed.error.has_value(), "YAML gives neither or both a tree and an error");
  if (parsed.root) check_tree(*parsed.root, data.size());
  if (parsed.error) require(parsed.error->where.offset <= data.size(), "a YAML error lies outside the input");
}

void simulate_batch(std::string_view data) {
  std::istringstream in{std::string(data)};
  std::string line;
  while (std::getline(in, line)) {
    const auto out = nlohmann::json::parse(eval::run_case_line(line), nullptr, false);
    require(out.is_object() && out.contains("decision") && out.contains("id"),
            "a batch case gives no JSON object with an id and a decision");
  }
}

}  // namespace seslint::fuzz
