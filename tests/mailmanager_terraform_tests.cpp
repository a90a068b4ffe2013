// Mail Manager resources in Terraform plans: the aws and awscc providers' resources read into the
// model, references followed through the configuration, unknown values kept unknown.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>

#include <fmt/format.h>

#include "cli_run.hpp"
#include "golden_support.hpp"
#include "seslint/lint.hpp"
#include "seslint/mailmanager.hpp"

using namespace seslint;

namespace {

std::filesystem::path terraform_dir() {
  return std::filesystem::path(SESLINT_SOURCE_DIR) / "testdata" / "mailmanager" / "terraform";
}

std::string fixture_text(std::string_view name) { return golden::read_file(terraform_dir() / std::string(name)); }

struct Loaded {
  ParseResult parsed;
  mm::Configuration config;
};

// Kept behind a pointer: the configuration points into the parsed tree.
std::unique_ptr<Loaded> load(const std::string& text) {
  auto out = std::make_unique<Loaded>();
  out->parsed = parse_json(text);
  REQUIRE(out->parsed.root);
  CHECK(mm::read_terraform(*out->parsed.root, out->config));
  return out;
}

const mm::Resource& named(const mm::Configuration& config, std::string_view name) {
  for (const auto& resource : config.resources)
    if (resource.name == name) return resource;
  FAIL("no resource " << name);
  return config.resources.front();
}

}  // namespace

// Each bad plan gives exactly the findings of its .expected (every rule on); each good plan none.
TEST_CASE("Terraform plan fixtures: goldens") {
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  const auto fixtures = golden::fixtures_in(terraform_dir());
  std::size_t bad = 0, good = 0;
  for (const auto& fixture : fixtures) {
    INFO(fixture.input.string());
    const auto result = golden::lint_fixture(fixture, {});
    REQUIRE(result.io_error.empty());
    CHECK(result.container == "Terraform plan");
    if (!fixture.bad) {
      ++good;
      CHECK(golden::render(result.findings) == "");
      continue;
    }
    ++bad;
    const std::string actual = golden::render_input(result);
    if (update) {
      golden::write_file(fixture.expected, actual);
      continue;
    }
    REQUIRE(std::filesystem::exists(fixture.expected));
    CHECK(actual == golden::read_file(fixture.expected));
  }
  CHECK(bad >= 2);
  CHECK(good >= 3);
  if (update) FAIL("goldens rewritten (UPDATE_GOLDEN is set): review git diff, then rerun without it");
}

TEST_CASE("aws provider: blocks become CloudFormation's shape, references known only at apply time are followed") {
  const auto loaded = load(fixture_text("bad-aws-plan.json"));
  const mm::Configuration& config = loaded->config;
  REQUIRE(config.resources.size() == 6);
  const mm::Resource& edge = named(config, "aws_mailmanager_traffic_policy.edge");
  CHECK(edge.kind == mm::Kind::TrafficPolicy);
  CHECK(edge.traffic_policy.default_action.is("ALLOW"));
  REQUIRE(edge.traffic_policy.statements.size() == 1);
  const auto& condition = edge.traffic_policy.statements[0].conditions.at(0);
  CHECK(condition.type == "IpExpression");
  CHECK(condition.attribute.is("SENDER_IP"));
  CHECK_FALSE(condition.unknown());
  // Positions are the plan's own.
  CHECK(condition.values.at(0).node->pointer ==
        "/planned_values/root_module/resources/0/values/policy_statement/0/condition/0/ip_expression/0/values/0");
  CHECK(condition.values.at(0).node->span.begin.line == 16);

  const mm::Resource& mx = named(config, "aws_mailmanager_ingress_point.mx");
  CHECK(mx.ingress.type.is("OPEN"));
  CHECK(mx.ingress.ip_type.is("DUAL_STACK"));
  CHECK(config.resolve(mm::Kind::RuleSet, mx.ingress.rule_set) == &named(config, "aws_mailmanager_rule_set.inbound"));
  CHECK(config.resolve(mm::Kind::TrafficPolicy, mx.ingress.traffic_policy) == &edge);

  const mm::Resource& inbound = named(config, "aws_mailmanager_rule_set.inbound");
  REQUIRE(inbound.rule_set.rules.size() == 1);
  const mm::Rule& rule = inbound.rule_set.rules[0];
  CHECK(rule.label() == "rule 'forward-all'");
  CHECK(rule.conditions.empty());
  REQUIRE(rule.actions.size() == 1);
  CHECK(rule.actions[0].type == "Relay");
  CHECK(config.resolve(mm::Kind::Relay, rule.actions[0].field("Relay")) == &named(config, "aws_mailmanager_relay.outbound"));
  CHECK(named(config, "aws_mailmanager_relay.outbound").relay.no_authentication);
  CHECK(inbound.location(rule.actions[0].node->pointer) == "aws_mailmanager_rule_set.inbound rule 'forward-all'");
}

TEST_CASE("awscc provider and child modules: references resolve inside the module") {
  const auto awscc = load(fixture_text("bad-awscc-plan.json"));
  const mm::Resource& ingress = named(awscc->config, "awscc_ses_mail_manager_ingress_point.submission");
  CHECK(ingress.ingress.type.is("AUTH"));
  CHECK(ingress.ingress.smtp_password.known);
  CHECK(ingress.written_in == "plan");
  CHECK(awscc->config.resolve(mm::Kind::TrafficPolicy, ingress.ingress.traffic_policy) ==
        &named(awscc->config, "awscc_ses_mail_manager_traffic_policy.submission"));
  const mm::Rule& rule = named(awscc->config, "awscc_ses_mail_manager_rule_set.submission").rule_set.rules.at(0);
  // One expression covers the whole `rules` attribute: its one relay reference is the relay's.
  CHECK(awscc->config.resolve(mm::Kind::Relay, rule.actions.at(0).field("Relay")) ==
        &named(awscc->config, "awscc_ses_mail_manager_relay.partner"));
  const mm::Resource& policy = named(awscc->config, "awscc_ses_mail_manager_traffic_policy.submission");
  CHECK(policy.traffic_policy.statements.at(0).conditions.at(0).type == "IpExpression");

  const auto module = load(fixture_text("good-aws-plan.json"));
  const mm::Resource& mx = named(module->config, "module.mail.aws_mailmanager_ingress_point.mx");
  CHECK(module->config.resolve(mm::Kind::RuleSet, mx.ingress.rule_set) ==
        &named(module->config, "module.mail.aws_mailmanager_rule_set.inbound"));
  const mm::Rule& archive = named(module->config, "module.mail.aws_mailmanager_rule_set.inbound").rule_set.rules.at(0);
  CHECK(archive.conditions.size() == 2);
  CHECK(module->config.resolve(mm::Kind::Archive, archive.actions.at(0).field("TargetArchive")) ==
        &named(module->config, "module.mail.aws_mailmanager_archive.journal"));
}

TEST_CASE("a plan whose values are known only at apply time gives no finding") {
  const std::string text = fixture_text("good-unknown-plan.json");
  const auto loaded = load(text);
  const mm::Resource& mx = named(loaded->config, "aws_mailmanager_ingress_point.mx");
  CHECK(mx.ingress.type.present());
  CHECK_FALSE(mx.ingress.type.known);
  CHECK(loaded->config.resolve(mm::Kind::RuleSet, mx.ingress.rule_set) == nullptr);  // a data source: not in the plan
  const mm::Rule& rule = named(loaded->config, "aws_mailmanager_rule_set.inbound").rule_set.rules.at(0);
  CHECK(rule.conditions.at(0).unknown());
  CHECK_FALSE(rule.actions.at(0).field("Relay").known);

  const Linter linter(LintOptions{});
  CHECK(linter.lint_source("plan.json", text).findings.empty());
  // The same plan with nothing marked unknown: the values it leaves out are missing, which MM023 reports.
  std::string known = text;
  for (std::size_t at = known.find("\"after_unknown\""); at != std::string::npos; at = known.find("\"after_unknown\"", at + 1))
    known.replace(at, 15, "\"after_unknowX\"");
  CHECK_FALSE(linter.lint_source("plan.json", known).findings.empty());
}

TEST_CASE("a truncated or mangled plan never crashes the loader") {
  const Linter linter(LintOptions{});
  std::mt19937 random(17);
  for (std::string_view name : {"bad-aws-plan.json", "bad-awscc-plan.json", "good-aws-plan.json"}) {
    const std::string text = fixture_text(name);
    for (std::size_t cut = 0; cut < text.size(); cut += 97) (void)linter.lint_source("plan.json", text.substr(0, cut));
    // Swap structural characters for others: lists where blocks were, nulls, strings where objects were.
    static constexpr char kBytes[] = {'[', ']', '{', '}', '"', ',', ':', 'n', '0', 't'};
    for (int round = 0; round < 300; ++round) {
      std::string mangled = text;
      for (int edit = 0; edit < 3; ++edit)
        mangled[std::uniform_int_distribution<std::size_t>(0, mangled.size() - 1)(random)] =
            kBytes[std::uniform_int_distribution<std::size_t>(0, sizeof kBytes - 1)(random)];
      (void)linter.lint_source("plan.json", mangled);
    }
  }
  // Values of every other type where the loader expects objects and lists.
  for (std::string_view odd : {"null", "1", "\"x\"", "[]", "{}", "[null]", "[[{}]]", "{\"references\":1}"}) {
    const std::string text = fmt::format(
        R"({{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[{{"address":"aws_mailmanager_rule_set.a","mode":"managed","type":"aws_mailmanager_rule_set","name":"a","values":{{"rule":{0},"name":{0}}}}},{{"address":"awscc_ses_mail_manager_ingress_point.b","mode":"managed","type":"awscc_ses_mail_manager_ingress_point","name":"b","values":{{"type":{0},"rule_set_id":{0},"ingress_point_configuration":{0}}}}}]}}}},"resource_changes":[{{"address":"aws_mailmanager_rule_set.a","change":{{"after_unknown":{{"rule":{0}}}}}}}],"configuration":{{"root_module":{{"resources":[{{"address":"aws_mailmanager_rule_set.a","expressions":{{"rule":{0}}}}}]}}}}}})",
        odd);
    INFO(text);
    const auto parsed = parse_json(text);
    REQUIRE(parsed.root);
    mm::Configuration config;
    CHECK(mm::read_terraform(*parsed.root, config));
    (void)linter.lint_source("plan.json", text);
  }
}

TEST_CASE("values the plan marks sensitive are masked in the text output's excerpt, a state is read too") {
  // A CA certificate the configuration marks sensitive, on the line MM021 shows.
  const std::string text = R"({"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{"resources":[
{"address":"aws_mailmanager_ingress_point.mtls","mode":"managed","type":"aws_mailmanager_ingress_point","name":"mtls",
 "values":{"id":"inp-0123","type":"MTLS","ingress_point_configuration":[{"tls_auth_configuration":[{"trust_store":[{"ca_content":"PRIVATE-CA-PEM","crl_content":null}]}]}]},
 "sensitive_values":{"ingress_point_configuration":[{"tls_auth_configuration":[{"trust_store":[{"ca_content":true}]}]}]}}]}}})";
  const auto loaded = load(text);
  const mm::Resource& ingress = named(loaded->config, "aws_mailmanager_ingress_point.mtls");
  CHECK(ingress.written_in == "state");
  CHECK(std::find(ingress.keys.begin(), ingress.keys.end(), "inp-0123") != ingress.keys.end());
  REQUIRE(loaded->config.sensitive.size() == 1);
  CHECK(loaded->config.sensitive[0]->text == "PRIVATE-CA-PEM");

  LintOptions options;
  options.selection.select = {"MM021"};
  const FileResult result = Linter(options).lint_source("state.json", text);
  CHECK(result.container == "Terraform state");
  REQUIRE(result.findings.size() == 1);
  CHECK(result.source.find("PRIVATE-CA-PEM") == std::string::npos);
  CHECK(result.source.find("\"ca_content\":\"**************\"") != std::string::npos);
}

// bad-sensitive-plan.json marks sensitive every value some MM rule quotes (a CIDR, a recipient, the
// size limit, an invalid enum value, a rule name, a bucket, a relay server, a rule-set reference, a
// header name) besides the secrets themselves (password, CA content, rule strings). No output
// format may show one, nor what a rule derives from one (a CIDR's network, a plus-tagged address).
TEST_CASE("values the plan marks sensitive appear in no output format") {
  const std::string plan = "testdata/mailmanager/terraform/bad-sensitive-plan.json";
  const char* const secrets[] = {"boss.secret", "64.0.0.0", "192.0.2.77", "192.0.2.64", "203.0.113.300",
                                 "TLS1_9_SECRET", "99999999", "secret-rule-name", "vip-secret", "header-secret-token",
                                 "PASSED_SECRET_VERDICT", "X-Secret-Header", "secret-bucket-xyz",
                                 "smtp.secret-relay.example", "rs-secretref-0001", "hunter2-SECRET", "SECRET-CA-PEM"};
  for (const char* format : {"text", "json", "sarif"}) {
    const auto run = cli::seslint(fmt::format("--no-config -f {} {}", format, plan), "", "NO_COLOR=1");
    INFO(format);
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("MM012") != std::string::npos);  // the rules that would quote did report
    CHECK(run.out.find("MM024") != std::string::npos);
    for (const char* secret : secrets) {
      INFO(secret);
      CHECK(run.out.find(secret) == std::string::npos);
      CHECK(run.err.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("for_each: an ingress point's reference leads to the rule set with its own key") {
  const std::string text = R"({"format_version":"1.2","planned_values":{"root_module":{"resources":[
{"address":"aws_mailmanager_rule_set.inbound[\"eu\"]","mode":"managed","type":"aws_mailmanager_rule_set","name":"inbound","index":"eu","values":{"name":"eu","rule":[]}},
{"address":"aws_mailmanager_rule_set.inbound[\"us\"]","mode":"managed","type":"aws_mailmanager_rule_set","name":"inbound","index":"us","values":{"name":"us","rule":[]}},
{"address":"aws_mailmanager_ingress_point.mx[\"us\"]","mode":"managed","type":"aws_mailmanager_ingress_point","name":"mx","index":"us","values":{"type":"OPEN"}}]}},
"resource_changes":[{"address":"aws_mailmanager_ingress_point.mx[\"us\"]","change":{"after_unknown":{"rule_set_id":true,"traffic_policy_id":true}}}],
"configuration":{"root_module":{"resources":[{"address":"aws_mailmanager_ingress_point.mx","expressions":{
 "rule_set_id":{"references":["aws_mailmanager_rule_set.inbound[each.key].id","aws_mailmanager_rule_set.inbound[each.key]","aws_mailmanager_rule_set.inbound","each.key"]},
 "traffic_policy_id":{"references":["var.traffic_policy_id"]}}}]}}})";
  const auto loaded = load(text);
  const mm::Resource& mx = named(loaded->config, "aws_mailmanager_ingress_point.mx[\"us\"]");
  const mm::Resource* rule_set = loaded->config.resolve(mm::Kind::RuleSet, mx.ingress.rule_set);
  REQUIRE(rule_set != nullptr);
  CHECK(rule_set->name == "aws_mailmanager_rule_set.inbound[\"us\"]");
  CHECK(mx.ingress.traffic_policy.present());
  CHECK_FALSE(mx.ingress.traffic_policy.known);
  // A plan of other resources only is no Mail Manager configuration.
  const auto iam = parse_json(R"({"format_version":"1.2","planned_values":{"root_module":{"resources":[
    {"address":"aws_iam_user.a","mode":"managed","type":"aws_iam_user","name":"a","values":{"name":"a"}}]}}})");
  mm::Configuration none;
  CHECK_FALSE(mm::read_terraform(*iam.root, none));
  CHECK(none.resources.empty());
}

// Issue 17: the Relay action's relay in a plan is the configuration's reference (the relay resource's
// address) or unknown; as in a template, only a reference to a relay in the input is a claim.
TEST_CASE("MM012 in a plan: a relay referenced by address is followed, one from a variable is unknown") {
  const std::string text = golden::read_file(std::filesystem::path(SESLINT_SOURCE_DIR) / "testdata/rules/MM012/bad-terraform-plan.json");
  const std::string reference = R"(["aws_mailmanager_relay.outbound.id", "aws_mailmanager_relay.outbound"])";
  const auto at = text.find(reference);
  REQUIRE(at != std::string::npos);
  auto mm012 = [](const std::string& plan) {
    LintOptions options;
    options.selection.select = {"MM012"};
    return Linter(options).lint_source("plan.json", plan).findings.size();
  };
  CHECK(mm012(text) == 1);
  std::string from_variable = text;
  from_variable.replace(at, reference.size(), R"(["var.relay_id"])");
  CHECK(mm012(from_variable) == 0);
}
