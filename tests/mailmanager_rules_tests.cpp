// The MM rules together: one finding per cause where two rules see the same misconfiguration.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "cli_run.hpp"

#include "seslint/lint.hpp"

using namespace seslint;

namespace {

// "MM001 /Resources/Edge/Properties/DefaultAction" per finding, MM rules only.
std::multiset<std::string> mm_findings(const std::string& text, std::vector<std::string> ignore = {}) {
  LintOptions options;
  options.selection.select = {"MM"};
  options.selection.ignore = std::move(ignore);
  const FileResult result = Linter(options).lint_source("t.json", text);
  std::multiset<std::string> out;
  for (const auto& finding : result.findings) out.insert(finding.rule_id + " " + finding.pointer);
  return out;
}

std::string traffic_policy(const std::string& default_action, const std::string& statements) {
  return R"({"Resources":{"Edge":{"Type":"AWS::SES::MailManagerTrafficPolicy","Properties":{"DefaultAction":")" +
         default_action + R"(","MaxMessageSizeBytes":10485760,"PolicyStatements":[)" + statements +
         R"(]}},"Mx":{"Type":"AWS::SES::MailManagerIngressPoint","Properties":{"IngressPointName":"mx","Type":"OPEN",
         "TlsPolicy":"REQUIRED","RuleSetId":"rs-1","TrafficPolicyId":{"Ref":"Edge"}}}}})";
}

std::string sender_statement(const std::string& action, const std::string& cidr) {
  return R"({"Action":")" + action + R"(","Conditions":[{"IpExpression":{"Evaluate":{"Attribute":"SENDER_IP"},
         "Operator":"CIDR_MATCHES","Values":[")" + cidr + R"("]}}]})";
}

}  // namespace

// MM001 reports the fail-open default; the ALLOW statements under it are that cause, not another.
TEST_CASE("MM001 speaks for the ALLOW statements of a fail-open traffic policy, MM004 when MM001 is off") {
  const std::string text = traffic_policy("ALLOW", sender_statement("ALLOW", "198.51.100.0/24"));
  CHECK(mm_findings(text) == std::multiset<std::string>{"MM001 /Resources/Edge/Properties/DefaultAction"});
  CHECK(mm_findings(text, {"MM001"}) ==
        std::multiset<std::string>{"MM004 /Resources/Edge/Properties/PolicyStatements/0/Action"});
  // With a DENY statement the policy does not fail open: MM004 alone names the redundant ALLOW.
  const std::string with_deny = traffic_policy(
      "ALLOW", sender_statement("DENY", "192.0.2.0/24") + "," + sender_statement("ALLOW", "198.51.100.0/24"));
  CHECK(mm_findings(with_deny) ==
        std::multiset<std::string>{"MM004 /Resources/Edge/Properties/PolicyStatements/1/Action"});
}

// An ALLOW on 0.0.0.0/0 that a DENY overrides admits nothing: MM003 says so, MM002 would say the opposite.
TEST_CASE("MM003 speaks for a shadowed ALLOW on every address, MM002 when MM003 is off") {
  const std::string text =
      traffic_policy("DENY", sender_statement("ALLOW", "0.0.0.0/0") + "," + sender_statement("DENY", "0.0.0.0/0"));
  CHECK(mm_findings(text) == std::multiset<std::string>{"MM003 /Resources/Edge/Properties/PolicyStatements/0/Action"});
  CHECK(mm_findings(text, {"MM003"}) ==
        std::multiset<std::string>{"MM002 /Resources/Edge/Properties/PolicyStatements/0/Conditions/0/IpExpression/Values/0"});
  // Not shadowed: MM002 speaks (another statement's MM003 finding does not silence it).
  const std::string open = traffic_policy(
      "DENY", sender_statement("ALLOW", "0.0.0.0/0") + "," + sender_statement("ALLOW", "192.0.2.0/24") + "," +
                  sender_statement("DENY", "192.0.2.0/24"));
  CHECK(mm_findings(open) == std::multiset<std::string>{
                                 "MM002 /Resources/Edge/Properties/PolicyStatements/0/Conditions/0/IpExpression/Values/0",
                                 "MM003 /Resources/Edge/Properties/PolicyStatements/1/Action"});
}

// The linked get-* outputs relay everything to a partner server from an OPEN ingress point: the
// Relay action is an open relay (MM012); that it also checks no SPF/DKIM is the same cause.
TEST_CASE("MM012 speaks for an open Relay action, MM013 when MM012 is off") {
  const auto count_at = [](const std::string& out, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = out.find(needle); at != std::string::npos; at = out.find(needle, at + 1)) ++n;
    return n;
  };
  const auto both = cli::seslint("--no-config --select MM -f concise testdata/mailmanager/linked", "", "NO_COLOR=1");
  CHECK(count_at(both.out, "3-rule-set.json:6:41:") == 1);
  CHECK(count_at(both.out, "[MM012]") == 1);
  CHECK(count_at(both.out, "[MM013]") == 0);
  CHECK(count_at(both.out, "[MM024]") == 1);  // the relay's own missing credentials: another cause, another resource
  const auto general =
      cli::seslint("--no-config --select MM --ignore MM012 -f concise testdata/mailmanager/linked", "", "NO_COLOR=1");
  CHECK(count_at(general.out, "3-rule-set.json:6:41:") == 1);
  CHECK(count_at(general.out, "[MM013]") == 1);
}

// MM014 and MM015 name the cause on a delivery rule (mailmanager_tests.cpp checks MM013 stays quiet
// there); turned off, they leave the rule to MM013, so the cause is still reported once.
TEST_CASE("MM013 reports the rules of MM014 and MM015 when those are off") {
  const std::string deliver =
      R"("Actions":[{"DeliverToMailbox":{"MailboxArn":"arn:aws:workmail:us-east-1:111122223333:organization/m-1",
      "RoleArn":"arn:aws:iam::111122223333:role/r","ActionFailurePolicy":"DROP"}}])";
  const auto rule_set = [&](const std::string& condition) {
    return R"({"Resources":{"Inbound":{"Type":"AWS::SES::MailManagerRuleSet","Properties":{"Rules":[{"Name":"a",
        "Conditions":[)" + condition + "]," + deliver + R"(}]}},"Mx":{"Type":"AWS::SES::MailManagerIngressPoint",
        "Properties":{"IngressPointName":"mx","Type":"OPEN","RuleSetId":{"Ref":"Inbound"},"TrafficPolicyId":"tp-1"}}}})";
  };
  const std::string action = "/Resources/Inbound/Properties/Rules/0/Actions/0";
  const std::string condition = "/Resources/Inbound/Properties/Rules/0/Conditions/0";
  const std::string weak = rule_set(
      R"({"VerdictExpression":{"Evaluate":{"Attribute":"DKIM"},"Operator":"NOT_EQUALS","Values":["FAIL"]}})");
  CHECK(mm_findings(weak) == std::multiset<std::string>{"MM014 " + condition});
  CHECK(mm_findings(weak, {"MM014"}) == std::multiset<std::string>{"MM013 " + action});
  const std::string trust =
      rule_set(R"({"StringExpression":{"Evaluate":{"Attribute":"FROM"},"Operator":"ENDS_WITH","Values":["@partner.example"]}})");
  CHECK(mm_findings(trust) == std::multiset<std::string>{"MM015 " + condition});
  CHECK(mm_findings(trust, {"MM015"}) == std::multiset<std::string>{"MM013 " + action});
}
