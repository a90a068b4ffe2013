#pragma once
// Golden fixtures: testdata/rules/<ID>/{bad,good}-<case>[.<policy-type>].<json|yaml|yml|template>,
// and for each bad fixture a bad-<case>[...].expected with one line per finding:
//   <ID> <level> <line>:<col>-<endLine>:<endCol> "<json pointer>" [<document>] <message>
// ("[<document>]" only for policies found inside a container). A fixture may have a config beside
// it, <fixture name without extension>.seslint.yaml (e.g. the organisation's parameters for org checks). testdata/inputs/<name>.<ext> are
// container fixtures linted with every rule; their <name>.expected starts with "container: <what>".
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "seslint/lint.hpp"

namespace golden {

struct Fixture {
  std::filesystem::path input;
  std::filesystem::path expected;  // bad fixtures only
  bool bad = false;
  std::optional<seslint::PolicyKind> policy_type;  // from the ".identity.json"-style suffix
  bool secrets = false;  // a SES4xx fixture: any text file, read by the secrets scanner
  std::filesystem::path config;                    // empty: none
};

std::filesystem::path rules_dir();
std::vector<std::string> rule_dirs();  // sorted IDs
std::filesystem::path inputs_dir();
std::vector<Fixture> fixtures_of(const std::string& rule_id);
std::vector<Fixture> fixtures_in(const std::filesystem::path& dir);
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);
std::string render(const std::vector<seslint::Finding>& findings);
std::string render_input(const seslint::FileResult& result);  // container line, then the findings
seslint::FileResult lint_fixture(const Fixture& fixture, const std::vector<std::string>& select);

}  // namespace golden
