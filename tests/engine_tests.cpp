#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "seslint/arn.hpp"
#include "seslint/aws_catalog.hpp"
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
  // Stable: findings equal on every key keep the order they came in.
  std::vector<Finding> ties = {at("IAM009", 7, 8, "z"), at("IAM002", 1, 2, "m"), at("IAM009", 7, 8, "z"), at("IAM009", 7, 8, "z")};
  for (std::size_t i = 0; i < ties.size(); ++i) ties[i].pointer = std::to_string(i);
  sort_findings(ties);
  std::vector<std::string> pointers;
  for (const auto& f : ties) pointers.emplace_back(f.pointer);
  CHECK(pointers == std::vector<std::string>{"1", "0", "2", "3"});
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

TEST_CASE("IAM011 counts code points other than whitespace, whatever the bytes around them") {
  LintOptions options;
  options.selection.select = {"IAM011"};
  const Linter linter(options);
  // Whitespace of every kind (between tokens; a space also inside the Sid) and 1- to 4-byte UTF-8
  // characters, in a pseudo-random mix, at lengths that end at every offset in an 8-byte word (the
  // rule counts a word at a time).
  const std::vector<std::string> in_sid = {" ", "a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "Z"};
  const std::string between = " \t\n\r";
  std::uint32_t state = 12345;
  for (std::size_t extra = 0; extra < 24; ++extra) {
    std::string sid, gap;
    while (sid.size() + gap.size() < 24000 + extra) {
      state = state * 1103515245 + 12345;
      const std::size_t pick = (state >> 16) % (in_sid.size() + between.size());
      if (pick < in_sid.size()) sid += in_sid[pick];
      else gap += between[pick - in_sid.size()];
    }
    const std::string source = "{" + gap + "\"Statement\": [{\"Sid\": \"" + sid +
                               "\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}";
    std::size_t expected = 0;
    for (unsigned char c : source)
      expected += (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c & 0xC0) == 0x80) ? 0 : 1;
    const auto result = linter.lint_source("x.json", source);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].message.find(fmt::format("has {} characters", expected)) != std::string::npos);
  }
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

namespace {
bool has(const FileResult& result, std::string_view id) {
  for (const auto& f : result.findings)
    if (f.rule_id == id) return true;
  return false;
}
FileResult lint_with(const std::string& policy, std::vector<std::string> ignore = {}) {
  LintOptions options;
  options.selection.ignore = std::move(ignore);
  return Linter(options).lint_source("x.json", policy);
}
}  // namespace

TEST_CASE("a superseding rule's finding on the same node drops the general rule's") {
  const std::string send_anywhere = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*"}]})";
  const auto result = lint_with(send_anywhere);
  CHECK(has(result, "SES101"));
  CHECK_FALSE(has(result, "IAM208"));
  // The specific rule turned off: the general one speaks, so the cause is still reported once.
  const auto without = lint_with(send_anywhere, {"SES101"});
  CHECK(has(without, "IAM208"));
}

TEST_CASE("statement scope reaches other nodes of the same statement, not other statements") {
  const auto result = lint_with(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]})");
  std::vector<std::string> scoped;
  for (const auto& f : result.findings)
    if (f.rule_id == "IAM208" || f.rule_id == "IAM101") scoped.push_back(f.rule_id + " " + f.pointer);
  CHECK(scoped == std::vector<std::string>{"IAM101 /Statement/0/Action", "IAM208 /Statement/1/Resource"});
}

TEST_CASE("node scope does not reach a sibling value") {
  // IAM110 speaks for the placeholder ARN; the other ARN is malformed on its own and keeps IAM015.
  const auto result = lint_with(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject",
     "Resource": ["arn:aws:s3:::<bucket-name>/*", "arn:aws:s3"]}]})");
  std::vector<std::string> found;
  for (const auto& f : result.findings)
    if (f.rule_id == "IAM015" || f.rule_id == "IAM110") found.push_back(f.rule_id + " " + f.pointer);
  CHECK(found == std::vector<std::string>{"IAM110 /Statement/0/Resource/0", "IAM015 /Statement/0/Resource/1"});
}

TEST_CASE("IAM110 names example.com before example.net before example.org, wherever they stand in a value") {
  const auto result = lint_with(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*", "Condition": {"ForAllValues:StringLike":
     {"ses:Recipients": ["a@example.org,b@example.com", "x@example.org; y@example.net", "myexample.com, c@example.org",
                         "example.comx example.net"]}}}]})");
  std::vector<std::string> named;
  for (const auto& f : result.findings)
    if (f.rule_id == "IAM110") {
      const std::string_view after = std::string_view(f.message).substr(f.message.find("documentation domain ") + 21);
      named.push_back(f.pointer.substr(f.pointer.rfind('/')) + " " + std::string(after.substr(0, after.find(':'))));
    }
  CHECK(named == std::vector<std::string>{"/0 example.com", "/1 example.net", "/2 example.org", "/3 example.net"});
}

TEST_CASE("IAM110 reads no catalog action name, and none holds a placeholder") {
  // IAM110 skips Action values the catalog names exactly; it reads Resource values in full. Every
  // catalog action as a Resource value shows that the skip loses nothing.
  const auto& catalog = aws::Catalog::builtin();
  nlohmann::json names = nlohmann::json::array();
  for (const auto prefix : catalog.service_prefixes())
    for (const auto& action : catalog.service(prefix)->actions) names.push_back(fmt::format("{}:{}", prefix, action.name));
  REQUIRE(names.size() > 20000);
  const nlohmann::json policy = {{"Version", "2012-10-17"},
                                 {"Statement", {{{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", names}}}}};
  LintOptions options;
  options.selection.select = {"IAM110"};
  CHECK(Linter(options).lint_source("x.json", policy.dump()).findings.empty());
  // An Action value the catalog does not know is still read.
  const auto unknown = Linter(options).lint_source("x.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:<action>"], "Resource": "*"}]})");
  REQUIRE(unknown.findings.size() == 1);
  CHECK(unknown.findings[0].pointer == "/Statement/0/Action/1");
}

TEST_CASE("the catalog reads supersedes and refuses an unknown scope") {
  const auto& info = *RuleCatalog::builtin().find("SES101");
  REQUIRE(info.supersedes.size() == 1);
  CHECK(info.supersedes[0].rule == "IAM208");
  CHECK(info.supersedes[0].scope == SupersedeScope::Node);
  const std::string good = R"({"rules": [{"id": "X001", "name": "x", "title": "x", "summary": "x.", "level": "note",
    "precision": "medium", "supersedes": [{"rule": "X002", "scope": "node"}]}]})";
  CHECK(RuleCatalog::from_json(good, "").find("X001")->precision == "medium");
  const std::string bad = R"({"rules": [{"id": "X001", "name": "x", "title": "x", "summary": "x.", "level": "note",
    "precision": "medium", "supersedes": [{"rule": "X002", "scope": "file"}]}]})";
  CHECK_THROWS_AS(RuleCatalog::from_json(bad, ""), std::runtime_error);
}

TEST_CASE("the catalog carries each rule's precision and refuses a missing or unknown one") {
  CHECK(RuleCatalog::builtin().find("IAM005")->precision == "very-high");
  CHECK(RuleCatalog::builtin().find("SES102")->precision == "high");
  const std::string missing = R"({"rules": [{"id": "X001", "name": "x", "title": "x", "summary": "x.", "level": "note"}]})";
  CHECK_THROWS_AS(RuleCatalog::from_json(missing, ""), std::runtime_error);
  const std::string unknown = R"({"rules": [{"id": "X001", "name": "x", "title": "x", "summary": "x.", "level": "note",
    "precision": "exact"}]})";
  CHECK_THROWS_AS(RuleCatalog::from_json(unknown, ""), std::runtime_error);
}

namespace {
const Finding* first_of(const FileResult& result, std::string_view id) {
  for (const auto& f : result.findings)
    if (f.rule_id == id) return &f;
  return nullptr;
}
// Sends from anywhere with the From pinned: SES103's case. SendEmail too, so not SMTP-shaped.
const std::string kApiSender = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"],
   "Resource": "arn:aws:ses:eu-west-1:314159265358:identity/acme-corp.io",
   "Condition": {"StringEquals": {"ses:FromAddress": "noreply@acme-corp.io"}}}]})";
}  // namespace

TEST_CASE("the holder decides how rules for long-lived keys speak") {
  auto lint_as = [](std::optional<PrincipalKind> kind, const std::string& policy) {
    LintOptions options;
    options.principal_kind = kind;
    options.selection.select = {"SES103"};
    return Linter(options).lint_source("x.json", policy);
  };
  const auto unknown = lint_as(std::nullopt, kApiSender);
  REQUIRE(first_of(unknown, "SES103") != nullptr);
  CHECK(first_of(unknown, "SES103")->level == Level::Note);
  CHECK(first_of(lint_as(PrincipalKind::User, kApiSender), "SES103")->level == Level::Warning);
  CHECK(first_of(lint_as(PrincipalKind::ServiceRole, kApiSender), "SES103") == nullptr);
  CHECK(first_of(lint_as(PrincipalKind::Service, kApiSender), "SES103") == nullptr);
  // SMTP-shaped (only ses:SendRawEmail, read-only ses: actions beside it): an SMTP user's.
  const auto smtp = lint_as(std::nullopt, R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "arn:aws:ses:eu-west-1:314159265358:identity/acme-corp.io",
     "Condition": {"StringEquals": {"ses:FromAddress": "noreply@acme-corp.io"}}},
    {"Effect": "Allow", "Action": ["ses:GetSendQuota", "ses:ListIdentities"], "Resource": "*"}]})");
  REQUIRE(first_of(smtp, "SES103") != nullptr);
  CHECK(first_of(smtp, "SES103")->level == Level::Warning);
}

TEST_CASE("a role's trust policy makes it a service role or not") {
  const ParseResult lambda = parse_json(R"({"Statement": [{"Effect": "Allow",
    "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]}, "Action": "sts:AssumeRole"}]})");
  CHECK(role_holder(&*lambda.root).kind == PrincipalKind::ServiceRole);
  CHECK(role_holder(&*lambda.root).trusted.size() == 2);
  const ParseResult people = parse_json(R"({"Statement": {"Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::314159265358:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithSAML"}})");
  CHECK(role_holder(&*people.root).kind == PrincipalKind::Role);
  CHECK(role_holder(nullptr).kind == PrincipalKind::Role);
  // The trust policy itself is held by the role it guards, not by the IAM user it trusts.
  const ParseResult user_trust = parse_json(R"({"Statement": {"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::314159265358:user/deploy"}, "Action": "sts:AssumeRole"}})");
  const Policy trust_policy = build_policy(*user_trust.root, std::nullopt);
  CHECK(trust_policy.kind == PolicyKind::Trust);
  CHECK(infer_holder(trust_policy).kind == PrincipalKind::Role);
  CHECK(infer_holder(build_policy(*user_trust.root, PolicyKind::Resource)).kind == PrincipalKind::User);
  CHECK(parse_principal_kind("service-role") == PrincipalKind::ServiceRole);
  CHECK_FALSE(parse_principal_kind("lambda").has_value());
}

TEST_CASE("SES105 does not call an action restricted when it is never allowed") {
  LintOptions options;
  options.selection.select = {"SES105"};
  // SendEmail is denied outright: nothing to compare SendRawEmail's network with.
  const auto result = Linter(options).lint_source("x.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"],
     "Resource": "arn:aws:ses:eu-west-1:314159265358:identity/acme-corp.io",
     "Condition": {"StringEquals": {"ses:FromAddress": "noreply@acme-corp.io"}}},
    {"Effect": "Deny", "Action": "ses:SendEmail", "Resource": "*"}]})");
  CHECK(result.findings.empty());
}

TEST_CASE("an ARN of the right type with a region its type does not take is IAM028's, not IAM207's") {
  LintOptions options;
  options.selection.select = {"IAM207", "IAM028"};
  const auto result = Linter(options).lint_source("x.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:GetRole", "Resource": "arn:aws:iam:us-east-1:314159265358:role/mailer"},
    {"Effect": "Allow", "Action": "iam:GetRole", "Resource": "arn:aws:ses:us-east-1:314159265358:identity/x"}]})");
  // Statement 2 names a resource of another type altogether: that stays IAM207's.
  CHECK(ids(result) == std::vector<std::string>{"IAM028", "IAM207"});
}

// IAM015 knows the partitions by name, IAM027 from rules/aws-regions.txt: a partition the table gains
// (scripts/update-catalog) must not be an "unknown partition" to IAM015.
TEST_CASE("every partition of the region table is a partition IAM015 accepts") {
  std::ifstream file(std::string(SESLINT_SOURCE_DIR) + "/rules/aws-regions.txt");
  REQUIRE(file);
  std::string line;
  int partitions = 0, regions = 0;
  while (std::getline(file, line)) {
    if (line.rfind("R ", 0) == 0) ++regions;
    if (line.rfind("P ", 0) != 0) continue;
    ++partitions;
    INFO(line);
    CHECK(arn_problem(fmt::format("arn:{}:s3:::acme-mail-archive", line.substr(2))).empty());
  }
  CHECK(partitions >= 8);
  CHECK(regions >= 40);
}

TEST_CASE("one finding per cause among the grammar rules and the rules they meet") {
  LintOptions options;
  options.policy_type = PolicyKind::Resource;
  options.selection.select = {"IAM014", "IAM021", "IAM024", "IAM027", "IAM028", "IAM106"};
  const auto result = Linter(options).lint_source("x.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "cognito-idp"}, "Action": "sqs:SendMessage",
     "Resource": "arn:aws:sqs:us-east-1:314159265358:bounces"},
    {"Effect": "Allow", "Principal": {"AWS": "314159265358"}, "Action": "iam:GetRole",
     "Resource": "arn:aws:iam:us-east-7:314159265358:role/mailer",
     "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": [3600, "an hour"]}}}]})");
  // IAM024 over IAM106, IAM028 over IAM027, IAM014 over IAM021.
  CHECK(ids(result) == std::vector<std::string>{"IAM024", "IAM028", "IAM014"});
}
