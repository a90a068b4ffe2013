#include "golden_support.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "seslint/secrets.hpp"

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

fs::path inputs_dir() { return fs::path(SESLINT_SOURCE_DIR) / "testdata" / "inputs"; }

std::vector<Fixture> fixtures_of(const std::string& rule_id) { return fixtures_in(rules_dir() / rule_id); }

std::vector<Fixture> fixtures_in(const fs::path& dir) {
  std::vector<Fixture> out;
  const bool secrets = seslint::secrets::is_secret_rule(dir.filename().string());
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path path = entry.path();
    const std::string extension = path.extension().string();
    const std::string name = path.filename().string();
    if (secrets ? extension == ".expected"
                : (extension != ".json" && extension != ".yaml" && extension != ".yml" && extension != ".template") ||
                      name.ends_with(".seslint.yaml"))  // a fixture's config
      continue;
    Fixture fixture;
    fixture.secrets = secrets;
    fixture.input = path;
    if (const auto config = fs::path(path).replace_extension(".seslint.yaml"); fs::exists(config)) fixture.config = config;
    fixture.bad = name.rfind("bad-", 0) == 0;
    const fs::path stem = path.stem();  // "bad-x.identity"
    if (stem.has_extension() && !secrets) fixture.policy_type = seslint::parse_policy_kind(stem.extension().string().substr(1));
    fixture.expected = fs::path(path).replace_extension(".expected");
    out.push_back(fixture);
  }
  std::sort(out.begin(), out.end(), [](const Fixture& a, const Fixture& b) { return a.input < b.input; });
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
    out += fmt::format("{} {} {}:{}-{}:{} \"{}\" {}{}\n", f.rule_id, seslint::to_string(f.level), f.span.begin.line,
                       f.span.begin.column, f.span.end.line, f.span.end.column, f.pointer,
                       f.document.empty() ? std::string() : fmt::format("[{}] ", f.document), f.message);
  return out;
}

std::string render_input(const seslint::FileResult& result) {
  std::string out = fmt::format("container: {}\n", result.skipped          ? "(skipped)"
                                                  : result.container.empty() ? "(policy)"
                                                                             : result.container);
  if (!result.notice.empty()) out += fmt::format("notice: {}\n", result.notice);
  return out + render(result.findings);
}

seslint::FileResult lint_fixture(const Fixture& fixture, const std::vector<std::string>& select) {
  if (fixture.secrets) {
    const seslint::RuleSelection selection{select.empty() ? std::vector<std::string>{"SES4"} : select, {}};
    return seslint::secrets::scan_path(fixture.input.string(), selection, 1u << 20);
  }
  seslint::LintOptions options;
  options.policy_type = fixture.policy_type;
  options.selection.select = select;
  std::optional<seslint::Config> config;
  if (!fixture.config.empty()) {
    auto load = seslint::load_config(fixture.config);
    if (load.error) throw std::runtime_error(load.error->to_string());
    config = std::move(load.config);
    options.config = &*config;
  }
  const seslint::Linter linter(options);
  return linter.lint_path(fixture.input.string(), true);
}

}  // namespace golden
