// The Mail Manager model as read from AWS CLI output and CloudFormation.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "cli_run.hpp"

#include "seslint/lint.hpp"
#include "seslint/mailmanager.hpp"
#include "seslint/mailmanager_run.hpp"

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

// The one-scan test agrees with looking for each ID key in turn, also where a key starts the
// text, ends it, overlaps another ("AddonSubscriptionId" holds no other key) or is cut short.
TEST_CASE("may_hold_cli_output finds every get-* ID key, wherever it is") {
  const std::vector<std::string> keys = {"TrafficPolicyId", "RuleSetId", "IngressPointId", "RelayId",
                                         "ArchiveId", "AddonInstanceId", "AddonSubscriptionId"};
  const std::vector<std::string> fillers = {"", "Id", "\"", "x", "Set", "Relay", "PolicyI", "IdId"};
  std::mt19937 random(9);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (int part = static_cast<int>(random() % 4); part > 0; --part)
      text += random() % 3 ? fillers[random() % fillers.size()] : keys[random() % keys.size()].substr(random() % 3);
    const bool expected = std::any_of(keys.begin(), keys.end(), [&](const auto& key) { return text.find(key) != std::string::npos; });
    INFO(text);
    CHECK(mm::may_hold_cli_output(text) == expected);
  }
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

// get-* outputs in separate files are one configuration: the ingress point's IDs reach the traffic
// policy, rule set and relay of other files, and the answer does not depend on --jobs.
TEST_CASE("get-* outputs of one run link across files by ID") {
  const auto one = cli::seslint("--no-config --select MM --jobs 1 -f json testdata/mailmanager/linked", "", "NO_COLOR=1");
  const auto many = cli::seslint("--no-config --select MM --jobs 4 -f json testdata/mailmanager/linked", "", "NO_COLOR=1");
  CHECK(one.exit_code == 1);
  CHECK(one.out == many.out);
  const auto text = cli::seslint("--no-config --select MM testdata/mailmanager/linked", "", "NO_COLOR=1");
  // MM001 is an error only because the OPEN ingress point of another file uses the policy.
  CHECK(text.out.find("2-traffic-policy.json:5:20: error: DefaultAction ALLOW with no DENY statement accepts every "
                      "connection, and the OPEN public ingress point 'mailmanager get-ingress-point "
                      "inp-0a1b2c3d4e5f60718' uses it") != std::string::npos);
  CHECK(text.out.find("[MM005]") != std::string::npos);  // the ingress point reaches the policy
  CHECK(text.out.find("3-rule-set.json:6:41: error: rule 'forward-all' relays the message to "
                      "'smtp.partner.example.net'") != std::string::npos);  // rule set -> ingress, and -> relay
  // Alone, the traffic policy is only a warning: nothing says an OPEN ingress point uses it.
  const auto alone = cli::seslint("--no-config --select MM001 testdata/mailmanager/linked/2-traffic-policy.json", "", "NO_COLOR=1");
  CHECK(alone.out.find("warning: DefaultAction ALLOW") != std::string::npos);
}

TEST_CASE("the run's get-* outputs are gathered when a Mail Manager file first needs them, once") {
  const Linter linter(LintOptions{});
  const std::string linked = std::string(SESLINT_SOURCE_DIR) + "/testdata/mailmanager/linked/";
  std::atomic<int> gathered{0};
  const mm::RunResources run([&] {
    ++gathered;
    mm::RunResources::Found found;
    for (const char* name : {"1-ingress-point.json", "2-traffic-policy.json", "3-rule-set.json"})
      found.push_back(linter.read_mail_manager_outputs(linked + name));
    return found;
  });
  // An IAM policy holds no Mail Manager resource: its run never reads the inputs a second time.
  const auto policy = linter.lint_source("p.json", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
    "Action":"ses:SendRawEmail","Resource":"arn:aws:ses:us-east-1:111122223333:identity/example.com"}]})", true, &run);
  CHECK(gathered.load() == 0);
  // The traffic policy asks which ingress points use it: the first such question gathers, from
  // whichever thread asks first; the others wait for that answer and share it.
  const std::string traffic = cli::slurp(linked + "2-traffic-policy.json");
  std::vector<FileResult> results(4);
  {
    std::vector<std::jthread> threads;
    for (auto& result : results)
      threads.emplace_back([&] { result = linter.lint_source(linked + "2-traffic-policy.json", traffic, true, &run); });
  }
  CHECK(gathered.load() == 1);
  CHECK(run.files().size() == 3);
  for (const auto& result : results) {
    const bool linked_to_ingress = std::any_of(result.findings.begin(), result.findings.end(), [](const Finding& f) {
      return f.rule_id == "MM001" && f.message.find("OPEN public ingress point") != std::string::npos;
    });
    CHECK(linked_to_ingress);
  }
  CHECK(gathered.load() == 1);
}

TEST_CASE("the get-* pre-pass leaves a named pipe alone: its writer is gone once the lint has read it") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / fmt::format("seslint-fifo-{}", ::getpid());
  std::filesystem::create_directories(dir);
  const std::string fifo = (dir / "policy.json").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    std::ofstream(fifo) << R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
  });
  const Linter linter(LintOptions{});
  const std::string linked = std::string(SESLINT_SOURCE_DIR) + "/testdata/mailmanager/linked/";
  // The pipe comes first: the lint reads it, then the traffic policy asks for the run's get-*
  // outputs. Opening the pipe again then would wait for a writer forever (ctest's timeout).
  const std::vector<LintJob> jobs = {{fifo, true, &linter},
                                     {linked + "2-traffic-policy.json", true, &linter},
                                     {linked + "1-ingress-point.json", true, &linter}};
  std::vector<std::string> rules;
  lint_in_order(jobs, 1, [&](std::size_t job, FileResult part, bool) {
    for (const auto& finding : part.findings) rules.push_back(fmt::format("{} {}", job, finding.rule_id));
  });
  writer.join();
  std::filesystem::remove_all(dir);
  CHECK(std::find(rules.begin(), rules.end(), "0 IAM214") != rules.end());  // the pipe was linted
  CHECK(std::find(rules.begin(), rules.end(), "1 MM001") != rules.end());   // and the policy linked to the ingress point
}

TEST_CASE("a template's logical IDs never link to another file") {
  const Linter linter(LintOptions{});
  mm::RunResources run;
  std::vector<std::unique_ptr<mm::RunFile>> found;
  found.push_back(linter.read_mail_manager_outputs(std::string(SESLINT_SOURCE_DIR) + "/testdata/mailmanager/linked/2-traffic-policy.json"));
  REQUIRE(found.back() != nullptr);
  found.push_back(linter.read_mail_manager_outputs(std::string(SESLINT_SOURCE_DIR) + "/testdata/rules/MM001/good-doc-example.json"));
  run.adopt(std::move(found));
  REQUIRE(run.files().size() == 1);  // a policy file or template is no get-* output
  // A Ref to a logical ID the template lacks stays unresolved; a literal ID resolves in the run.
  const auto by_ref = linter.lint_source("t.json", R"({"Resources":{"Mx":{"Type":"AWS::SES::MailManagerIngressPoint",
    "Properties":{"Type":"OPEN","RuleSetId":"rs-1","TrafficPolicyId":{"Ref":"tp-0123456789abcdef"},"TlsPolicy":"OPTIONAL"}}}})",
                                         true, &run);
  CHECK(by_ref.findings.empty());
  const auto by_id = linter.lint_source("t.json", R"({"Resources":{"Mx":{"Type":"AWS::SES::MailManagerIngressPoint",
    "Properties":{"Type":"OPEN","RuleSetId":"rs-1","TrafficPolicyId":"tp-0123456789abcdef","TlsPolicy":"OPTIONAL"}}}})",
                                        true, &run);
  REQUIRE(by_id.findings.size() == 1);
  CHECK(by_id.findings.front().rule_id == "MM005");
}

TEST_CASE("Metadata ignores apply to Mail Manager resources") {
  const Linter linter(LintOptions{});
  const auto result = linter.lint_source("t.json", R"({"Resources":{"Partner":{"Type":"AWS::SES::MailManagerRelay",
    "Metadata":{"seslint":{"ignore":[{"rule":"relay-without-auth","reason":"partner connector checks the domain"},"MM999"]}},
    "Properties":{"RelayName":"partner","ServerName":"smtp.partner.example.net","ServerPort":587,
                  "Authentication":{"NoAuthentication":{}}}}}})");
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings.front().rule_id == "MM024");
  REQUIRE(result.findings.front().suppression);
  CHECK(result.findings.front().suppression->justification == "partner connector checks the domain");
  CHECK(result.notes.size() == 1);  // MM999 names no rule
}

// The message never shows the password; the text output's source line shows it masked.
TEST_CASE("MM020's excerpt masks the password") {
  const auto run = cli::seslint("--no-config --select MM020 testdata/rules/MM020/bad-doc-example.json", "", "NO_COLOR=1");
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("Summer2026!") == std::string::npos);
  CHECK(run.out.find(R"("SmtpPassword": "***********")") != std::string::npos);
}
