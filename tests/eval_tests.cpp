#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/simulate.hpp"

using namespace seslint;
namespace fs = std::filesystem;

TEST_CASE("glob: '*' and '?' with literal escapes") {
  CHECK(glob_match("*@example.com", "noreply@example.com"));
  CHECK(glob_match("*@example.com", "@example.com"));
  CHECK_FALSE(glob_match("*@example.com", "a@example.org"));
  CHECK(glob_match("?oreply@*", "noreply@x"));
  CHECK_FALSE(glob_match("?oreply@*", "oreply@x"));
  CHECK(glob_match("a*b*c", "abc"));
  CHECK(glob_match("a*b*c", "aXbYbZc"));
  CHECK_FALSE(glob_match("a*b*c", "aXcYb"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("é?*", "éü"));  // '?' is one code point, not one byte
  CHECK_FALSE(glob_match("??", "é"));
  CHECK(glob_match("SES:SEND*", "ses:SendRawEmail", true));
  CHECK_FALSE(glob_match("SES:SEND*", "ses:SendRawEmail", false));
  GlobPattern literal = GlobPattern::literal("a*b");
  CHECK(literal.matches("a*b"));
  CHECK_FALSE(literal.matches("aXb"));
}

TEST_CASE("glob: no backtracking blow-up on long inputs") {
  // A pattern that takes exponential time in backtracking matchers (the oracle's takes >60 s).
  std::string pattern;
  for (int i = 0; i < 12; ++i) pattern += "*a";
  pattern += "*b";
  const std::string text(100000, 'a');
  // Not a timing assertion: a backtracking matcher simply does not finish these two.
  CHECK_FALSE(glob_match(pattern, text));
  CHECK(glob_match(pattern, text + "b"));
}

namespace {
void run_fixture_file(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::size_t count = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto expected = nlohmann::json::parse(line);
    const auto actual = nlohmann::json::parse(eval::run_case_line(line));
    INFO(path.filename().string() << " " << expected["id"] << ": " << line);
    CHECK(actual["id"] == expected["id"]);
    CHECK(actual["decision"] == expected["expect"]);
    ++count;
  }
  CHECK(count >= 100);
}
}  // namespace

TEST_CASE("evaluator: hand-checked edge cases (documentation where the oracle departs from it)") {
  run_fixture_file(fs::path(SESLINT_SOURCE_DIR) / "testdata" / "eval" / "edge-cases.jsonl");
}

TEST_CASE("evaluator: oracle-checked random cases") {
  run_fixture_file(fs::path(SESLINT_SOURCE_DIR) / "testdata" / "eval" / "oracle-random.jsonl");
}

TEST_CASE("evaluator: deciding statements are reported") {
  const auto parsed = parse_json(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": "ses:Send*", "Resource": "*"},
    {"Sid": "D", "Effect": "Deny", "Action": "ses:SendRawEmail", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]})");
  const Policy policy = build_policy(*parsed.root, PolicyKind::Identity);
  eval::Request request{"ses:SendRawEmail", "arn:aws:ses:us-east-1:111122223333:identity/example.com", "", "", {}};
  eval::normalize(request);
  auto result = eval::evaluate({{&policy}, nullptr}, request);
  CHECK(result.decision == eval::Decision::ExplicitlyDenied);  // no SourceIp: NotIpAddress is true
  REQUIRE(result.deciding.size() == 1);
  CHECK(result.deciding[0].statement->sid->text == "D");
  request.context.set("aws:SourceIp", {"198.51.100.7"});
  result = eval::evaluate({{&policy}, nullptr}, request);
  CHECK(result.decision == eval::Decision::Allowed);
  CHECK(result.deciding[0].statement->sid->text == "A");
}

TEST_CASE("evaluator: malformed cases are errors, not crashes") {
  CHECK(nlohmann::json::parse(eval::run_case_line("{"))["decision"] == "Error");
  CHECK(nlohmann::json::parse(eval::run_case_line(R"({"id": 1, "policy": {}, "request": {}})"))["decision"] == "Error");
  CHECK(nlohmann::json::parse(eval::run_case_line(R"({"id": "x", "policy": 5, "request": {}})"))["id"] == "x");
}
