#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "seslint/engine.hpp"
#include "seslint/lint.hpp"

using namespace seslint;

namespace {
std::vector<std::string> ids(const FileResult& result) {
  std::vector<std::string> out;
  for (const auto& f : result.findings) out.push_back(f.rule_id);
  return out;
}
}  // namespace

TEST_CASE("selection takes IDs and prefixes, and ignore wins") {
  RuleSelection selection{{"IAM00"}, {"IAM005"}};
  CHECK(selection.enabled("IAM001"));
  CHECK_FALSE(selection.enabled("IAM005"));
  CHECK_FALSE(selection.enabled("IAM010"));
  CHECK(RuleSelection{}.enabled("SES101"));
}

TEST_CASE("the engine runs only the enabled rules") {
  LintOptions options;
  options.selection.select = {"IAM005"};
  const Linter linter(options);
  const auto result = linter.lint_source("x.json", R"({"Statement": {"Effect": "allow", "Action": "x"}})");
  CHECK(ids(result) == std::vector<std::string>{"IAM005"});
  CHECK(linter.engine().enabled_rules().size() == 1);
}

TEST_CASE("findings are sorted by position, then rule") {
  const Linter linter(LintOptions{});
  // The second Sid is both invalid (IAM009) and a duplicate (IAM010): two rules at one offset.
  const auto result = linter.lint_source("x.json", R"({"Statement": [{"Effect": "allow", "Sid": "a-b"}, {"Sid": "a-b"}]})");
  std::size_t ties = 0;
  for (std::size_t i = 1; i < result.findings.size(); ++i) {
    const Finding& before = result.findings[i - 1];
    const Finding& after = result.findings[i];
    INFO(before.rule_id << " then " << after.rule_id << " at " << after.span.begin.offset);
    CHECK(before.span.begin.offset <= after.span.begin.offset);
    if (before.span.begin.offset == after.span.begin.offset) {
      CHECK(before.rule_id <= after.rule_id);
      if (before.rule_id != after.rule_id) ++ties;
    }
  }
  CHECK(ties >= 1);
}

TEST_CASE("sort_findings: offset, then rule ID, then end, then message") {
  const auto at = [](std::string rule, std::size_t begin, std::size_t end, std::string message) {
    Finding f;
    f.rule_id = std::move(rule);
    f.span.begin.offset = begin;
    f.span.end.offset = end;
    f.message = std::move(message);
    return f;
  };
  std::vector<Finding> findings = {at("IAM010", 7, 9, "a"), at("IAM009", 7, 12, "b"), at("IAM009", 7, 12, "a"),
                                   at("IAM009", 7, 8, "z"), at("SES101", 3, 4, "x"), at("IAM001", 20, 21, "y")};
  sort_findings(findings);
  std::vector<std::string> order;
  for (const auto& f : findings) order.push_back(fmt::format("{}@{}-{}:{}", f.rule_id, f.span.begin.offset, f.span.end.offset, f.message));
  CHECK(order == std::vector<std::string>{"SES101@3-4:x", "IAM009@7-8:z", "IAM009@7-12:a", "IAM009@7-12:b",
                                          "IAM010@7-9:a", "IAM001@20-21:y"});
}

TEST_CASE("a file that is not JSON is one IAM000 finding, and nothing else") {
  const Linter linter(LintOptions{});
  const auto result = linter.lint_source("x.json", "{\"Version\": \"2012-10-17\",\n  \"Statement\": [}");
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].rule_id == "IAM000");
  CHECK(result.findings[0].span.begin.line == 2);
  CHECK(result.findings[0].span.begin.column == 17);
}

TEST_CASE("an oversized file is an IAM000 finding") {
  LintOptions options;
  options.max_file_size = 10;
  const Linter linter(options);
  const auto result = linter.lint_source("x.json", R"({"Statement": []})");
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].message.find("over the limit of 10 bytes") != std::string::npos);
}

TEST_CASE("a missing file is an I/O error, not a finding") {
  const Linter linter(LintOptions{});
  const auto result = linter.lint_path("/nonexistent/policy.json");
  CHECK_FALSE(result.io_error.empty());
  CHECK(result.findings.empty());
}

TEST_CASE("a clean policy has no findings") {
  const Linter linter(LintOptions{});
  const auto result = linter.lint_source("x.json", R"({"Version": "2012-10-17", "Statement": [{"Sid": "Send",
    "Effect": "Allow", "Action": "ses:SendRawEmail",
    "Resource": "arn:aws:ses:eu-west-1:111122223333:identity/acmecorp.io",
    "Condition": {"StringEquals": {"ses:FromAddress": "noreply@acmecorp.io"}, "IpAddress": {"aws:SourceIp": "185.40.216.0/24"}}}]})");
  CHECK(result.findings.empty());
}
