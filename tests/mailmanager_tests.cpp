// The Mail Manager model as read from AWS CLI output and CloudFormation.
#include <catch2/catch.hpp>

#include <set>

#include <fmt/format.h>

#include "cli_run.hpp"

#include "seslint/lint.hpp"
#include "seslint/mailmanager.hpp"

using namespace seslint;

TEST_CASE("mailmanager get-* outputs are recognised by shape") {
  const std::pair<const char*, mm::Kind> cases[] = {
      {R"({"TrafficPolicyId":"tp-1","DefaultAction":"DENY","PolicyStatements":[]})", mm::Kind::TrafficPolicy},
      {R"({"RuleSetId":"rs-1","RuleSetName":"in","Rules":[]})", mm::Kind::RuleSet},
      {R"({"IngressPointId":"inp-1","Type":"OPEN","RuleSetId":"rs-1","TrafficPolicyId":"tp-1"})", mm::Kind::IngressPoint},
      {R"({"RelayId":"r-1","ServerName":"mx.example.com","ServerPort":25})", mm::Kind::Relay},
      {R"({"ArchiveId":"a-1","ArchiveName":"j","Retention":{"RetentionPeriod":"ONE_YEAR"}})", mm::Kind::Archive},
      {R"({"AddonInstanceId":"ai-1","AddonSubscriptionId":"as-1","AddonName":"SPAMHAUS_DBL"})", mm::Kind::AddonInstance},
  };
  const Linter linter(LintOptions{});
  for (const auto& [text, kind] : cases) {
    INFO(text);
    const auto parsed = parse_json(text);
    mm::Configuration config;
    CHECK(mm::read_cli_output(*parsed.root, config));
    REQUIRE(config.resources.size() == 1);
    CHECK(config.resources.front().kind == kind);
    const FileResult result = linter.lint_source("out.json", text);
    CHECK_FALSE(result.skipped);
    CHECK(result.container == mm::cli_command(kind));
  }
  // An ID alone (list-* summaries, other services) is not one of them.
  const auto parsed = parse_json(R"({"RuleSetId":"rs-1","RuleSetName":"x"})");
  mm::Configuration config;
  CHECK_FALSE(mm::read_cli_output(*parsed.root, config));
  CHECK(linter.lint_source("out.json", R"({"RuleSetId":"rs-1","RuleSetName":"x"})").skipped);
}

TEST_CASE("CloudFormation Mail Manager resources: Ref and GetAtt link them, other intrinsics are unknown") {
  const auto parsed = parse_json(R"({"Resources":{
    "Edge":{"Type":"AWS::SES::MailManagerTrafficPolicy","Properties":{"DefaultAction":"DENY",
      "PolicyStatements":[{"Action":"ALLOW","Conditions":[{"IpExpression":{"Evaluate":{"Attribute":"SENDER_IP"},
        "Operator":"CIDR_MATCHES","Values":[{"Fn::Sub":"${Net}"}]}}]}]}},
    "Inbound":{"Type":"AWS::SES::MailManagerRuleSet","Properties":{"Rules":[{"Name":"archive-all","Actions":[{"Drop":{}}]}]}},
    "Mx":{"Type":"AWS::SES::MailManagerIngressPoint","Properties":{"Type":"OPEN",
      "RuleSetId":{"Ref":"Inbound"},"TrafficPolicyId":{"Fn::GetAtt":["Edge","TrafficPolicyId"]}}}}})");
  REQUIRE(parsed.root);
  mm::Configuration config;
  CHECK(mm::read_cloudformation(*parsed.root, config));
  REQUIRE(config.resources.size() == 3);
  const mm::Resource& ingress = config.resources[2];
  CHECK(ingress.name == "AWS::SES::MailManagerIngressPoint Mx");
  CHECK(config.resolve(mm::Kind::RuleSet, ingress.ingress.rule_set) == &config.resources[1]);
  CHECK(config.resolve(mm::Kind::TrafficPolicy, ingress.ingress.traffic_policy) == &config.resources[0]);
  CHECK(config.ingresses_using(config.resources[0]).size() == 1);
  const auto& condition = config.resources[0].traffic_policy.statements[0].conditions[0];
  CHECK(condition.type == "IpExpression");
  CHECK(condition.unknown());
  const mm::Resource& rules = config.resources[1];
  CHECK(rules.location("/Resources/Inbound/Properties/Rules/0/Actions/0") ==
        "AWS::SES::MailManagerRuleSet Inbound rule 'archive-all'");
  CHECK(rules.location("/Resources/Inbound/Properties") == "AWS::SES::MailManagerRuleSet Inbound");
}

// Policy rules never see a Mail Manager resource, and MM rules never see a policy.
TEST_CASE("MM rules and policy rules keep to their own documents") {
  const Linter linter(LintOptions{});
  const auto mm_only = linter.lint_source("tp.json", R"({"TrafficPolicyId":"tp-1","DefaultAction":"ALLOW","PolicyStatements":[]})");
  REQUIRE_FALSE(mm_only.findings.empty());
  for (const auto& finding : mm_only.findings) CHECK(finding.rule_id.rfind("MM", 0) == 0);
  const auto policy = linter.lint_source("p.json", R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
  REQUIRE_FALSE(policy.findings.empty());
  for (const auto& finding : policy.findings) CHECK(finding.rule_id.rfind("MM", 0) != 0);
}

// The hardening guide shows seslint's real output on the bad example and none on the good one.
TEST_CASE("docs/guides/mail-manager-hardening.md shows the real output") {
  const std::string guide = cli::slurp(std::filesystem::path(SESLINT_SOURCE_DIR) / "docs/guides/mail-manager-hardening.md");
  const std::string command = "$ seslint examples/bad/mail-manager-inbound.yaml\n";
  const auto start = guide.find(command);
  REQUIRE(start != std::string::npos);
  const auto body = start + command.size();
  const std::string shown = guide.substr(body, guide.find("```", body) - body);
  const auto run = cli::seslint("examples/bad/mail-manager-inbound.yaml", "", "NO_COLOR=1");
  CHECK(run.exit_code == 1);
  CHECK(run.out == shown);
  const auto good = cli::seslint("examples/good/mail-manager-inbound.yaml", "", "NO_COLOR=1");
  CHECK(good.exit_code == 0);
  CHECK(guide.find("$ seslint examples/good/mail-manager-inbound.yaml\n" + good.out + "```") != std::string::npos);
}

namespace {

std::multiset<std::string> rule_ids(const FileResult& result) {
  std::multiset<std::string> out;
  for (const auto& finding : result.findings) out.insert(finding.rule_id);
  return out;
}

std::string open_rule_set(const std::string& rules) {
  return R"({"Resources":{"Inbound":{"Type":"AWS::SES::MailManagerRuleSet","Properties":{"Rules":[)" + rules +
         R"(]}},"Mx":{"Type":"AWS::SES::MailManagerIngressPoint","Properties":{"IngressPointName":"mx","Type":"OPEN",
         "RuleSetId":{"Ref":"Inbound"},"TrafficPolicyId":"tp-1"}}}})";
}

const char* const kDeliver =
    R"("Actions":[{"DeliverToMailbox":{"MailboxArn":"arn:aws:workmail:us-east-1:111122223333:organization/m-1","RoleArn":"arn:aws:iam::111122223333:role/r","ActionFailurePolicy":"DROP"}}])";

}  // namespace

// One finding per cause: on a delivery rule behind an OPEN ingress point, MM014 (a weak verdict
// check) and MM015 (trust in a field the sender writes) name the cause, and MM013 stays quiet.
TEST_CASE("MM013 yields to MM014 and MM015 on the same rule") {
  const Linter linter(LintOptions{});
  const auto weak = linter.lint_source("t.json", open_rule_set(std::string(R"({"Name":"a","Conditions":[{"VerdictExpression":
      {"Evaluate":{"Attribute":"DKIM"},"Operator":"NOT_EQUALS","Values":["FAIL"]}}],)") + kDeliver + "}"));
  CHECK(rule_ids(weak) == std::multiset<std::string>{"MM014"});
  const auto trust = linter.lint_source("t.json", open_rule_set(std::string(R"({"Name":"a","Conditions":[{"StringExpression":
      {"Evaluate":{"Attribute":"FROM"},"Operator":"ENDS_WITH","Values":["@partner.example"]}}],)") + kDeliver + "}"));
  CHECK(rule_ids(trust) == std::multiset<std::string>{"MM015"});
  const auto dmarc = linter.lint_source("t.json", open_rule_set(std::string(R"({"Name":"a","Conditions":[{"DmarcExpression":
      {"Operator":"EQUALS","Values":["REJECT"]}}],)") + kDeliver + "}"));
  CHECK(rule_ids(dmarc) == std::multiset<std::string>{"MM014"});
  const auto none = linter.lint_source("t.json", open_rule_set(std::string(R"({"Name":"a",)") + kDeliver + "}"));
  CHECK(rule_ids(none) == std::multiset<std::string>{"MM013"});
}

// Rule-set strings are marked sensitive by the API: no MM finding shows one, witnesses included.
TEST_CASE("MM findings never echo rule-set strings") {
  const std::string secret = "Tr0ub4dor-and-3";
  auto condition = [&](const char* attribute, const char* op) {
    return fmt::format(R"({{"StringExpression":{{"Evaluate":{{"{}":"{}"}},"Operator":"{}","Values":["{}@x.example"]}}}})",
                       std::string_view(attribute).starts_with("X-") ? "MimeHeaderAttribute" : "Attribute", attribute, op, secret);
  };
  const std::string rules =
      fmt::format(R"({{"Name":"a","Conditions":[{}],{}}},{{"Name":"b","Conditions":[{}],"Actions":[{{"Drop":{{}}}}]}},
                     {{"Name":"c","Unless":[{}],"Actions":[{{"Drop":{{}}}}]}},{{"Name":"d","Conditions":[{}],{}}},
                     {{"Name":"e","Conditions":[{}],"Actions":[{{"Bounce":{{"RoleArn":"arn:aws:iam::111122223333:role/b",
                     "Sender":"postmaster@x.example","StatusCode":"5.1.1","SmtpReplyCode":"550","DiagnosticMessage":"no"}}}}]}})",
                  condition("FROM", "EQUALS"), kDeliver, condition("RECIPIENT", "EQUALS"), condition("HELO", "CONTAINS"),
                  condition("X-Token", "EQUALS"), kDeliver, condition("SUBJECT", "STARTS_WITH"));
  const auto result = Linter(LintOptions{}).lint_source("t.json", open_rule_set(rules));
  const auto ids = rule_ids(result);
  for (const char* id : {"MM009", "MM015", "MM018"}) CHECK(ids.count(id) >= 1);
  for (const auto& finding : result.findings) {
    INFO(finding.rule_id << ": " << finding.message);
    CHECK(finding.message.find(secret) == std::string::npos);
    CHECK(finding.help.find(secret) == std::string::npos);
  }
}
