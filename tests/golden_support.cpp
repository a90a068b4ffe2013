#include "golden_support.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace golden {

fs::path rules_dir() { return fs::path(SESLINT_SOURCE_DIR) / "testdata" / "rules"; }

std::vector<std::string> rule_dirs() {
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(rules_dir()))
    if (entry.is_directory()) ids.push_back(entry.path().filename().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<Fixture> fixtures_of(const std::string& rule_id) {
  std::vector<Fixture> out;
  for (const auto& entry : fs::directory_iterator(rules_dir() / rule_id)) {
    const fs::path path = entry.path();
    if (path.extension() != ".json") continue;
    Fixture fixture;
    fixture.json = path;
    const std::string name = path.filename().string();
    fixture.bad = name.rfind("bad-", 0) == 0;
    const fs::path stem = path.stem();  // "bad-x.identity"
    if (stem.has_extension()) fixture.policy_type = seslint::parse_policy_kind(stem.extension().string().substr(1));
    if (fixture.bad) fixture.expected = fs::path(path).replace_extension(".expected");
    out.push_back(fixture);
  }
  std::sort(out.begin(), out.end(), [](const Fixture& a, const Fixture& b) { return a.json < b.json; });
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string render(const std::vector<seslint::Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += fmt::format("{} {} {}:{}-{}:{} \"{}\" {}\n", f.rule_id, seslint::to_string(f.level), f.span.begin.line,
                       f.span.begin.column, f.span.end.line, f.span.end.column, f.pointer, f.message);
  return out;
}

seslint::FileResult lint_fixture(const Fixture& fixture, const std::vector<std::string>& select) {
  seslint::LintOptions options;
  options.policy_type = fixture.policy_type;
  options.selection.select = select;
  const seslint::Linter linter(options);
  return linter.lint_path(fixture.json.string());
}

}  // namespace golden
