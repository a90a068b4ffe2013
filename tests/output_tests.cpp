#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "seslint/lint.hpp"
#include "seslint/fingerprint.hpp"
#include "seslint/output.hpp"

using namespace seslint;

namespace {
LintReport report_of(std::string source, std::string path = "dir/p.json") {
  const Linter linter(LintOptions{});
  LintReport report;
  report.files.push_back(linter.lint_source(std::move(path), std::move(source)));
  return report;
}
const char* kPolicy = "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"allow\", \"Action\": \"ses:ListIdentities\", \"Resource\": \"*\"}}";
}  // namespace

TEST_CASE("text output: location, message, ID, source line, caret, summary") {
  std::ostringstream out;
  write_text(out, report_of(kPolicy), {false, true});
  const std::string text = out.str();
  CHECK(text.find("dir/p.json:2:26: error: Effect 'allow'") == 0);
  CHECK(text.find("[IAM005]\n") != std::string::npos);
  CHECK(text.find("\n   \"Statement\": {\"Effect\": \"allow\"") != std::string::npos);
  CHECK(text.find("\n                           ^^^^^^^\n") != std::string::npos);
  CHECK(text.find("1 finding (1 error, 0 warnings, 0 notes) in 1 of 1 file\n") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  std::ostringstream colored;
  write_text(colored, report_of(kPolicy), {true, false});
  CHECK(colored.str().find("\x1b[1;31m") != std::string::npos);
  CHECK(colored.str().find("1 finding") == std::string::npos);
}

TEST_CASE("text output: carets count code points") {
  std::ostringstream out;
  write_text(out, report_of("{\"Statement\": {\"Sid\": \"é-é\", \"Effect\": \"Allow\", \"Action\": \"a:b\", \"Resource\": \"*\"}}"),
             {false, false});
  CHECK(out.str().find("\n                        ^^^^^\n") != std::string::npos);
}

TEST_CASE("json output has the documented fields") {
  std::ostringstream out;
  write_json(out, report_of(kPolicy));
  const auto data = nlohmann::json::parse(out.str());
  REQUIRE(data.is_array());
  REQUIRE(data.size() == 1);
  const auto& f = data[0];
  CHECK(f["path"] == "dir/p.json");
  CHECK(f["line"] == 2);
  CHECK(f["column"] == 26);
  CHECK(f["endLine"] == 2);
  CHECK(f["endColumn"] == 33);
  CHECK(f["pointer"] == "/Statement/Effect");
  CHECK(f["ruleId"] == "IAM005");
  CHECK(f["level"] == "error");
  CHECK(f["message"].get<std::string>().find("Effect 'allow'") == 0);
}

TEST_CASE("sarif: rules from the catalog, results with ruleIndex, region, pointer, fingerprint") {
  const Linter linter(LintOptions{});
  std::ostringstream out;
  write_sarif(out, report_of(kPolicy), {"0.1.0", linter.engine().enabled_rules(), {}});
  const auto log = nlohmann::json::parse(out.str());
  CHECK(log["version"] == "2.1.0");
  const auto& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == linter.engine().enabled_rules().size());
  const auto& result = run["results"][0];
  const std::size_t index = result["ruleIndex"];
  CHECK(rules[index]["id"] == result["ruleId"]);
  CHECK(rules[index]["help"]["markdown"].get<std::string>().find("# IAM005") == 0);
  CHECK(rules[index]["defaultConfiguration"]["level"] == "error");
  const auto& location = result["locations"][0];
  CHECK(location["physicalLocation"]["artifactLocation"]["uri"] == "dir/p.json");
  CHECK(location["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(location["physicalLocation"]["region"]["startLine"] == 2);
  CHECK(location["logicalLocations"][0]["fullyQualifiedName"] == "/Statement/Effect");
  CHECK(result["partialFingerprints"]["seslint/v2"].get<std::string>().size() == 16);
}

TEST_CASE("fingerprints do not move with lines, and differ by rank, rule, path, pointer") {
  auto fingerprint_of = [](std::string source) {
    const Linter linter(LintOptions{});
    std::ostringstream out;
    write_sarif(out, report_of(std::move(source)), {"0.1.0", linter.engine().enabled_rules(), {}});
    return nlohmann::json::parse(out.str())["runs"][0]["results"][0]["partialFingerprints"]["seslint/v2"];
  };
  CHECK(fingerprint_of(kPolicy) == fingerprint_of(std::string("\n\n\n") + kPolicy));
  CHECK(fingerprint("IAM001", "a.json", "", "/x", 0) != fingerprint("IAM001", "a.json", "", "/x", 1));
  CHECK(fingerprint("IAM001", "a.json", "", "/x", 0) != fingerprint("IAM002", "a.json", "", "/x", 0));
  CHECK(fingerprint("IAM001", "a.json", "", "/x", 0) != fingerprint("IAM001", "b.json", "", "/x", 0));
  CHECK(fingerprint("IAM001", "a.json", "d", "/x", 0) != fingerprint("IAM001", "a.json", "", "/x", 0));
  CHECK(fingerprint("IAM001", "ab", "", "c", 0) != fingerprint("IAM001", "a", "", "bc", 0));
}

TEST_CASE("sarif: absolute paths become file URIs, odd characters are escaped") {
  std::ostringstream out;
  write_sarif(out, report_of(kPolicy, "/tmp/my policy.json"), {"0.1.0", {}, {}});
  const auto uri = nlohmann::json::parse(out.str())["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(uri["uri"] == "file:///tmp/my%20policy.json");
  CHECK_FALSE(uri.contains("uriBaseId"));
}
