#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "seslint/lint.hpp"
#include "seslint/fingerprint.hpp"
#include "seslint/output.hpp"
#include "seslint/report_paths.hpp"
#include "output/plain_run.hpp"

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
  write_json(out, report_of(kPolicy), {"9.9.9", "test catalog", {"gone.json: no such file or directory"}});
  const auto envelope = nlohmann::json::parse(out.str());
  CHECK(envelope["version"] == 1);
  CHECK(envelope["tool"]["version"] == "9.9.9");
  CHECK(envelope["awsCatalog"] == "test catalog");
  CHECK(envelope["summary"]["findings"] == 1);
  CHECK(envelope["summary"]["errors"] == 1);
  CHECK(envelope["summary"]["files"] == 1);
  CHECK(envelope["unreadable"][0]["path"] == "gone.json");
  CHECK(envelope["unreadable"][0]["error"] == "no such file or directory");
  CHECK(envelope["skipped"].empty());
  const auto& data = envelope["findings"];
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
  // Pinned (FNV-1a 64 of the parts, each ended by 0xFF, as 16 lower-case hex digits): baselines
  // written by earlier versions must still match.
  CHECK(fingerprint("IAM001", "a.json", "", "/x", 0) == "6d95ca518856fdfe");
  CHECK(fingerprint("SES101", "p/b.json", "d", "/Statement/0", 12) == "4490902adaa7398a");
}

TEST_CASE("sarif: absolute paths become file URIs, odd characters are escaped") {
  std::ostringstream out;
  write_sarif(out, report_of(kPolicy, "/tmp/my policy.json"), {"0.1.0", {}, {}});
  const auto uri = nlohmann::json::parse(out.str())["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(uri["uri"] == "file:///tmp/my%20policy.json");
  CHECK_FALSE(uri.contains("uriBaseId"));
}

TEST_CASE("github: workflow commands escape %, CR and LF in data and also ':' and ',' in properties") {
  LintReport report;
  FileResult file;
  file.path = "odd,dir:x/50%.json";
  Finding finding;
  finding.rule_id = "IAM005";
  finding.level = Level::Note;
  finding.message = "100% bad: a,b\r\nnext";
  finding.span = {{0, 1, 2}, {9, 3, 4}};
  file.findings.push_back(finding);
  report.files.push_back(file);
  std::ostringstream out;
  write_github(out, report, {});
  CHECK(out.str() ==
        "::notice file=odd%2Cdir%3Ax/50%25.json,line=1,col=2,endLine=3,endColumn=4,title=IAM005::100%25 bad: a,b%0D%0Anext\n");
}

TEST_CASE("report paths: relative to the repository root, absolute outside it") {
  CHECK(path_from_root("./iam/x.json", "/repo", "/repo") == "iam/x.json");
  CHECK(path_from_root("x.json", "/repo", "/repo/iam") == "iam/x.json");
  CHECK(path_from_root("/repo/iam/../x.json", "/repo", "/elsewhere") == "x.json");
  CHECK(path_from_root("../other/x.json", "/repo", "/repo") == "/other/x.json");
  CHECK(path_from_root("<stdin>", "/repo", "/repo") == "<stdin>");
  CHECK(path_from_root("a/b.json", "", "/repo") == "a/b.json");
}

// The string fast paths agree with std::filesystem on every shape of path: plain ones, ".", "..",
// "//", trailing slashes, a root that is a prefix of a name but not of a component ("/a/b" and "/a/bc").
TEST_CASE("report paths: absolute_normal and relative_under agree with std::filesystem") {
  namespace fs = std::filesystem;
  std::mt19937 random(7);
  const std::vector<std::string> parts = {"a", "b", "bc", ".", "..", "", "x.json"};
  auto make = [&](bool absolute) {
    std::string path = absolute ? "/" : "";
    const int count = static_cast<int>(random() % 4);
    for (int i = 0; i < count; ++i) path += (i ? "/" : "") + parts[random() % parts.size()];
    if (random() % 8 == 0) path += "/";
    return path;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string path = make(random() % 3 == 0), cwd = make(true), base = make(true);
    INFO(path << " in " << cwd << " under " << base);
    const fs::path normal = (fs::path(cwd) / path).lexically_normal();
    CHECK(absolute_normal(path, cwd) == normal.generic_string());
    const fs::path relative = normal.lexically_relative(base);
    const auto expected = relative.empty() || *relative.begin() == ".." ? std::nullopt : std::optional(relative.generic_string());
    CHECK(relative_under(normal.generic_string(), base) == expected);
  }
}

TEST_CASE("text output: a long line is shown as a window around the span, carets still aligned") {
  std::string policy = "{\"Version\": \"2012-10-17\", \"Statement\": [";
  for (int i = 0; i < 2000; ++i)
    policy += fmt::format("{}{{\"Sid\": \"S{}\", \"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}",
                          i == 0 ? "" : ", ", i);
  policy += "]}";
  REQUIRE(policy.size() > 100000);
  std::ostringstream out;
  write_text(out, report_of(policy), {false, false});
  const std::string text = out.str();
  CHECK(text.size() < 2000u * 700u);  // the whole line per finding would be over 200 MB
  auto code_points = [](std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  // Every excerpt of a finding in the middle of the line has both ellipses, and its carets sit
  // under "allow".
  std::istringstream lines(text);
  std::string line, previous;
  std::size_t checked = 0;
  while (std::getline(lines, line)) {
    const auto caret = line.find('^');
    if (caret != std::string::npos && previous.find("…") == 2 && previous.rfind("…") != 2) {
      const auto token = previous.find("\"allow\"");
      REQUIRE(token != std::string::npos);
      CHECK(code_points(std::string_view(previous).substr(0, token)) == caret);
      CHECK(line.substr(caret) == "^^^^^^^");
      ++checked;
    }
    previous = line;
  }
  CHECK(checked > 1000);
}

// The writers skip plain bytes eight at a time (output/plain_run.hpp). A word test may be
// conservative but must never pass a word holding a byte the byte test rejects, and the run
// must end exactly where the byte-by-byte loop would.
TEST_CASE("plain runs: word tests never pass a byte the byte test rejects") {
  using namespace seslint::output;
  for (unsigned b = 0; b < 256; ++b) {
    for (std::size_t at = 0; at < 8; ++at) {
      std::string bytes(8, 'a');
      bytes[at] = static_cast<char>(b);
      std::uint64_t w;
      std::memcpy(&w, bytes.data(), 8);
      INFO("byte " << b << " at " << at);
      if (!json_plain(static_cast<unsigned char>(b))) CHECK_FALSE(json_plain_word(w));
      if (!terminal_plain(static_cast<unsigned char>(b))) CHECK_FALSE(terminal_plain_word(w));
    }
  }
  CHECK(json_plain_word(0x6161616161616161ULL));      // "aaaaaaaa": the fast path is taken
  CHECK(terminal_plain_word(0xA9C26161E280A661ULL));  // UTF-8 is plain text
}

TEST_CASE("plain runs end where the byte-by-byte loop ends") {
  using namespace seslint::output;
  const auto slow = [](std::string_view text, std::size_t i, bool (*plain)(unsigned char)) {
    while (i < text.size() && plain(static_cast<unsigned char>(text[i]))) ++i;
    return i;
  };
  std::uint32_t seed = 12345;
  const std::string specials = std::string("\"\\\t\n\x1b\x7f\x80\xff\x01", 9);
  for (int round = 0; round < 2000; ++round) {
    std::string text(1 + round % 40, 'x');
    for (auto& c : text) {
      seed = seed * 1103515245u + 12345u;
      if ((seed >> 16) % 8 == 0) c = specials[(seed >> 8) % specials.size()];
    }
    for (std::size_t i = 0; i <= text.size(); ++i) {
      INFO(round << " at " << i);
      CHECK(plain_run_end(text, i, json_plain_word, json_plain) == slow(text, i, json_plain));
      CHECK(plain_run_end(text, i, terminal_plain_word, terminal_plain) == slow(text, i, terminal_plain));
    }
  }
}
