// The Mail Manager model as read from AWS CLI output and CloudFormation.
#include <catch2/catch.hpp>

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
