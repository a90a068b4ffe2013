// Inputs: containers recognised by shape, policies in JSON strings mapped back to the outer file,
// YAML positions and CloudFormation intrinsics.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "seslint/arn.hpp"
#include "seslint/inputs.hpp"
#include "seslint/lint.hpp"

using namespace seslint;

namespace {

FileResult lint(std::string source, std::string path = "input.json", std::vector<std::string> select = {}) {
  LintOptions options;
  options.selection.select = std::move(select);
  return Linter(options).lint_source(std::move(path), std::move(source));
}

// Line and column (code points) of the first occurrence of `needle` in `text`.
std::pair<std::uint32_t, std::uint32_t> where(std::string_view text, std::string_view needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string_view::npos);
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

const Finding& only(const FileResult& result, std::string_view rule) {
  const Finding* found = nullptr;
  for (const auto& finding : result.findings)
    if (finding.rule_id == rule) {
      REQUIRE(found == nullptr);
      found = &finding;
    }
  REQUIRE(found != nullptr);
  return *found;
}

}  // namespace

TEST_CASE("a policy in a JSON string: positions follow escapes, surrogate pairs and raw UTF-8") {
  // \ud83d\udce7 is one code point written as 12 characters; "é" is raw UTF-8; \/ and \" are escapes.
  const std::string source =
      "{\"RoleName\": \"mailer\", \"PolicyName\": \"p\", \"PolicyDocument\": "
      "\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Sid\\\":\\\"Ok\\\",\\\"Effect\\\":\\\"Allow\\\","
      "\\\"Action\\\":\\\"ses:SendRawEmail\\\",\\\"Resource\\\":\\\"arn:aws:ses:eu-west-1:314159265358:identity\\/acme-corp.io\\\","
      "\\\"Condition\\\":{\\\"StringEquals\\\":{\\\"ses:FromAddress\\\":\\\"news@acme-corp.io\\\","
      "\\\"ses:FromDisplayName\\\":\\\"\\ud83d\\udce7 Acme \xC3\xA9quipe\\\"},"
      "\\\"IpAddress\\\":{\\\"aws:SourceIp\\\":\\\"192.168.0.0\\/16\\\"}}}]}\"}";
  const auto result = lint(source);
  CHECK(result.container == "iam get-role-policy");
  const Finding& finding = only(result, "SES104");
  const auto [line, column] = where(source, "\\\"192.168.0.0\\/16\\\"");
  CHECK(finding.span.begin.line == line);
  CHECK(finding.span.begin.column == column);
  CHECK(finding.span.end.column == column + 19);  // \"192.168.0.0\/16\" is 19 characters in the file
  CHECK(finding.pointer == "/PolicyDocument/Statement/0/Condition/IpAddress/aws:SourceIp");
  CHECK(finding.document == "role/mailer inline policy p");
}

TEST_CASE("a policy in a JSON string with a syntax error is reported in the outer file") {
  const std::string source = "{\n  \"UserName\": \"u\",\n  \"PolicyName\": \"p\",\n"
                             "  \"PolicyDocument\": \"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [}\"\n}\n";
  const auto result = lint(source);
  const Finding& finding = only(result, "IAM000");
  CHECK(finding.span.begin.line == 4);
  const auto [line, column] = where(source, "}\"\n}");
  CHECK(finding.span.begin.line == line);
  CHECK(finding.span.begin.column == column);
}

TEST_CASE("URL-encoded policies (the IAM API's form) are decoded, findings go to the string") {
  const std::string source =
      "{\"PolicyVersion\": {\"VersionId\": \"v1\", \"Document\": "
      "\"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
      "%22Action%22%3A%22ses%3ASendRawEmails%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D\"}}";
  const auto result = lint(source);
  const Finding& finding = only(result, "IAM201");
  const auto [line, column] = where(source, "\"%7B");
  CHECK(finding.span.begin.line == line);
  CHECK(finding.span.begin.column == column);
}

TEST_CASE("YAML: positions in block and flow style, short tags, anchors") {
  const std::string source = "AWSTemplateFormatVersion: '2010-09-09'\n"
                             "Resources:\n"
                             "  Policy:\n"
                             "    Type: AWS::IAM::ManagedPolicy\n"
                             "    Properties:\n"
                             "      PolicyDocument:\n"
                             "        Version: '2012-10-17'\n"
                             "        Statement:\n"
                             "          - &send {Effect: Allow, Action: [ses:SendRawEmail, ses:SendEmial], Resource: '*'}\n"
                             "          - *send\n";
  const auto result = lint(source, "template.yaml", {"IAM201"});
  CHECK(result.container == "CloudFormation template");
  REQUIRE(result.findings.size() == 2);  // the statement and its alias
  const auto [line, column] = where(source, "ses:SendEmial");
  CHECK(result.findings[0].span.begin.line == line);
  CHECK(result.findings[0].span.begin.column == column);
  CHECK(result.findings[0].pointer == "/Resources/Policy/Properties/PolicyDocument/Statement/0/Action/1");
  CHECK(result.findings[1].pointer == "/Resources/Policy/Properties/PolicyDocument/Statement/1/Action/1");
}

TEST_CASE("YAML: duplicate keys in a policy are IAM001, alias bombs stop with an error, not a crash") {
  const auto duplicate = lint("Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n"
                              "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                              "          - Effect: Allow\n            Effect: Deny\n            Action: s3:GetObject\n"
                              "            Resource: '*'\n",
                              "t.yaml", {"IAM001"});
  CHECK(only(duplicate, "IAM001").span.begin.line == 10);
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c)
    bomb += fmt::format("{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n", c, c, char(c - 1), char(c - 1),
                        char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1),
                        char(c - 1));
  const auto result = lint("AWSTemplateFormatVersion: '2010-09-09'\n" + bomb, "bomb.yaml");
  CHECK(only(result, "IAM000").message.find("alias") != std::string::npos);
}

TEST_CASE("CloudFormation intrinsics are unknown but valid, known substitutions are checked") {
  const std::string source = "Parameters: {Cidr: {Type: String}}\n"
                             "Resources:\n"
                             "  P:\n"
                             "    Type: AWS::IAM::ManagedPolicy\n"
                             "    Properties:\n"
                             "      PolicyDocument:\n"
                             "        Version: '2012-10-17'\n"
                             "        Statement:\n"
                             "          - Effect: !If [Strict, Deny, Allow]\n"
                             "            Action: !Ref SendAction\n"
                             "            Resource: !Sub 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/x.io'\n"
                             "            Condition: {IpAddress: {aws:SourceIp: !Ref Cidr}, StringEquals: {ses:FromAddress: !GetAtt A.B}}\n"
                             "          - Effect: Allow\n"
                             "            Action: !Join ['', [ses:Send, Raw, Emails]]\n"
                             "            Resource: !Sub ['arn:aws:ses:eu-west-1:${A}identity/x.io', {A: '314159265358'}]\n";
  const auto result = lint(source, "t.yaml", {"IAM0", "IAM2"});
  std::vector<std::string> rules;
  for (const auto& finding : result.findings) rules.push_back(finding.rule_id + " " + finding.pointer);
  // Statement 1's Join and Sub are fully known: its unknown action and its ARN without a resource
  // are reported; nothing is said about statement 0's intrinsics.
  CHECK(rules == std::vector<std::string>{
                     "IAM201 /Resources/P/Properties/PolicyDocument/Statement/1/Action",
                     "IAM015 /Resources/P/Properties/PolicyDocument/Statement/1/Resource",
                 });
}

TEST_CASE("CloudFormation: a value known only at deploy time is one specific value, never a wildcard") {
  const std::string source = "Resources:\n"
                             "  Topic:\n"
                             "    Type: AWS::SNS::TopicPolicy\n"
                             "    Properties:\n"
                             "      PolicyDocument:\n"
                             "        Version: '2012-10-17'\n"
                             "        Statement:\n"
                             "          - Effect: Allow\n"
                             "            Principal: {AWS: !Ref 'AWS::AccountId'}\n"
                             "            Action: sns:Publish\n"
                             "            Resource: !Ref Alerts\n"
                             "  Role:\n"
                             "    Type: AWS::IAM::Policy\n"
                             "    Properties:\n"
                             "      PolicyDocument:\n"
                             "        Version: '2012-10-17'\n"
                             "        Statement:\n"
                             "          - Effect: Allow\n"
                             "            Action: ses:SendEmail\n"
                             "            Resource: !Sub 'arn:aws:ses:${AWS::Region}:${AWS::AccountId}:*'\n"
                             "          - Effect: Allow\n"
                             "            Action: ses:SendRawEmail\n"
                             "            Resource: !Sub 'arn:aws:ses:${AWS::Region}:${AWS::AccountId}:identity/${Domain}'\n"
                             "  Logs:\n"
                             "    Type: AWS::Logs::ResourcePolicy\n"
                             "    Properties:\n"
                             "      PolicyDocument: !Sub |\n"
                             "        {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n"
                             "          \"Principal\": {\"AWS\": \"${AWS::AccountId}\"}, \"Action\": \"logs:PutLogEvents\",\n"
                             "          \"Resource\": \"${Group.Arn}\"}]}\n";
  const auto result = lint(source, "t.yaml", {"IAM015", "IAM105", "IAM207", "SES101"});
  std::vector<std::string> rules;
  for (const auto& finding : result.findings) rules.push_back(finding.rule_id + " " + finding.pointer);
  // The account is not "*" (no IAM105), an unknown ARN may be of any type (no IAM207) and is not
  // malformed (no IAM015), also inside Fn::Sub's JSON text; the literal '*' is every identity.
  CHECK(rules == std::vector<std::string>{"SES101 /Resources/Role/Properties/PolicyDocument/Statement/0/Resource"});
}

TEST_CASE("Terraform: the resource address names the policy, unknown values are not linted") {
  const std::string source = R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [
    {"address": "aws_iam_user_policy.smtp", "mode": "managed", "type": "aws_iam_user_policy", "name": "smtp",
     "values": {"name": "smtp", "user": "smtp", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Alow\",\"Action\":\"ses:SendRawEmail\",\"Resource\":\"*\"}]}"}},
    {"address": "aws_iam_policy.later", "mode": "managed", "type": "aws_iam_policy", "name": "later",
     "values": {"name": "later"}}]}}})";
  const auto result = lint(source, "plan.json", {"IAM005"});
  CHECK(result.container == "Terraform plan");
  const Finding& finding = only(result, "IAM005");
  CHECK(finding.document == "aws_iam_user_policy.smtp");
  CHECK(finding.span.begin.line == 3);
}

TEST_CASE("input types by name") {
  CHECK(parse_input_type("cloudformation") == InputType::CloudFormation);
  CHECK(parse_input_type("aws-cli") == InputType::AwsCli);
  CHECK_FALSE(parse_input_type("cfn").has_value());
  CHECK(to_string(InputType::Terraform) == std::string_view("terraform"));
}

namespace {

std::string read_fixture(const std::string& name) {
  return cli::slurp(std::filesystem::path(SESLINT_SOURCE_DIR) / "testdata/inputs" / name);
}

std::string render(const FileResult& result) {
  std::string out = result.container + "\n";
  for (const auto& f : result.findings)
    out += fmt::format("{} {}:{}-{}:{} @{} {} [{}] {}\n", f.rule_id, f.span.begin.line, f.span.begin.column,
                       f.span.end.line, f.span.end.column, f.span.begin.offset, f.pointer, f.document, f.message);
  return out;
}

// Lints `source` both ways: streamed from a file (lint_path) and whole (lint_source).
std::pair<FileResult, FileResult> both_ways(const std::string& source) {
  const auto path = std::filesystem::temp_directory_path() / fmt::format("seslint-stream-{}.json", ::getpid());
  std::ofstream(path, std::ios::binary) << source;
  const Linter linter(LintOptions{});
  auto streamed = linter.lint_path(path.string());
  auto whole = linter.lint_source(path.string(), source);
  std::filesystem::remove(path);
  return {std::move(streamed), std::move(whole)};
}

}  // namespace

TEST_CASE("authorization details: streamed and whole give the same findings") {
  const std::string pretty = read_fixture("aws-cli-authorization-details.json");
  // Compact (one line), CRLF line ends, a BOM, and the paging members the CLI may add.
  std::string compact;
  for (char c : nlohmann::json::parse(pretty).dump()) compact += c;
  std::string crlf;
  for (char c : pretty) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string paged = pretty;
  paged.insert(paged.rfind('}'), ",\n    \"IsTruncated\": true,\n    \"Marker\": \"AAFk3x\\\"q==\"\n");
  for (const std::string& source : {pretty, compact, crlf, "\xEF\xBB\xBF" + pretty, paged}) {
    const auto [streamed, whole] = both_ways(source);
    CHECK(streamed.source.empty());  // never held whole
    CHECK_FALSE(streamed.findings.empty());
    CHECK(render(streamed) == render(whole));
  }
}

TEST_CASE("authorization details: streamed excerpts are the file's lines") {
  const std::string source = "{\"UserDetailList\": [{\"UserName\": \"u\", \"UserPolicyList\": [{\"PolicyName\": \"p\", "
                             "\"PolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": "
                             "{\"Effect\": \"Alow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}}]}]}";
  const auto [streamed, whole] = both_ways(source);
  REQUIRE(streamed.lines.count(1) == 1);
  CHECK(streamed.lines.at(1) == source.substr(0, source.size() - 2));  // up to the element's end
}

TEST_CASE("authorization details: a broken element is reported, the others still linted") {
  std::string source = read_fixture("aws-cli-authorization-details.json");
  const auto at = source.find("\"GroupName\": \"mailers\",");
  REQUIRE(at != std::string::npos);
  source.erase(at + 22, 1);  // drop the comma after "mailers"
  const auto [streamed, whole] = both_ways(source);
  std::set<std::string> rules;
  for (const auto& f : streamed.findings) rules.insert(f.rule_id);
  CHECK(rules.count("IAM000") == 1);
  CHECK(rules.count("IAM105") == 1);  // the role after the broken group
  CHECK(rules.count("SES104") == 1);  // the user before it
  const auto& error = only(streamed, "IAM000");
  CHECK(error.span.begin.line == where(source, "\"GroupId\"").first);
  // A broken export structure: the elements before the break are still linted.
  const std::string intact = read_fixture("aws-cli-authorization-details.json");
  const auto cut = intact.substr(0, intact.find("\"RoleDetailList\"")) + "\"RoleDetailList\" [";
  const auto [truncated, unused] = both_ways(cut);
  CHECK(only(truncated, "IAM000").message.find("expected ':'") != std::string::npos);
  CHECK(only(truncated, "SES104").rule_id == "SES104");
}

TEST_CASE("authorization details: a Policies list without versions (list-policies output) is not a dump") {
  const std::string source = R"({"Policies": [{"PolicyName": "a", "Arn": "arn:aws:iam::aws:policy/A"}], "IsTruncated": false})";
  const auto [streamed, whole] = both_ways(source);
  CHECK(streamed.skipped);
  CHECK(whole.skipped);
  CHECK(streamed.notice == whole.notice);
}

TEST_CASE("Terraform: an SES identity given as its ARN is compared by name (SES202)") {
  const std::string policy =
      R"({\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"271828182845\"},)"
      R"(\"Action\":\"ses:SendRawEmail\",\"Resource\":\"arn:aws:ses:eu-west-1:314159265358:identity/%s\"}]})";
  const auto plan = [&](const std::string& resource) {
    std::string text = policy;
    text.replace(text.find("%s"), 2, resource);
    return R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_ses_identity_policy.p",
      "mode": "managed", "type": "aws_ses_identity_policy", "values": {"identity": "arn:aws:ses:eu-west-1:314159265358:identity/acme-corp.io",
      "name": "p", "policy": ")" + text + R"("}}]}}})";
  };
  CHECK(lint(plan("acme-corp.io"), "plan.json", {"SES202"}).findings.empty());
  CHECK(only(lint(plan("acme-shop.io"), "plan.json", {"SES202"}), "SES202").message.find("attached to identity 'acme-corp.io'") !=
        std::string::npos);
  CHECK(ses_identity_name("arn:aws:ses:eu-west-1:314159265358:identity/acme-corp.io") == "acme-corp.io");
  CHECK(ses_identity_name("acme-corp.io") == "acme-corp.io");
}

TEST_CASE("YAML: a tab in indentation and a recursive alias are named as such") {
  const auto tab = parse_yaml("Resources:\n\tRole: x\n", {});
  REQUIRE(tab.error);
  CHECK(tab.error->message.find("tabs are not allowed for indentation") != std::string::npos);
  const auto recursive = parse_yaml("a: &r\n  b: *r\n", {});
  REQUIRE(recursive.error);
  CHECK(recursive.error->message.find("alias *r refers to a node that contains it") != std::string::npos);
  const auto unknown = parse_yaml("a: *nowhere\n", {});
  REQUIRE(unknown.error);
  CHECK(unknown.error->message.find("unknown alias *nowhere") != std::string::npos);
}
