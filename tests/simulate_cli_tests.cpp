// `seslint simulate` through the real binary: --batch over the committed evaluation cases with
// exact decisions, and single requests with each option, in text and JSON.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"

using cli::Run;
using cli::seslint;

namespace {

std::vector<std::string> non_blank_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  return lines;
}

const std::string kSmtpUser = "examples/good/smtp-user-locked-down.json";
const std::string kIdentityArn = "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io";
// A user of account 444455556666 who may send as acme-corp.io (account 111122223333) under the
// identity policy examples/good/ses-identity-delegation.json.
const std::string kPartnerIdentityPolicy = "testdata/simulate/newsletter-sender.json";
const std::string kDelegation = "examples/good/ses-identity-delegation.json";
const std::string kPartnerUser = "arn:aws:iam::444455556666:user/newsletter-sender";
const std::string kPartnerContext =
    "--context aws:SourceIp=62.210.14.9 --context ses:FromAddress=news@acme-corp.io "
    "--context aws:CurrentTime=2026-06-01T00:00:00Z";

std::string send_raw(const std::string& rest) {
  return fmt::format("simulate --action ses:SendRawEmail --resource {} {}", kIdentityArn, rest);
}

}  // namespace

TEST_CASE("simulate --batch: the committed evaluation cases give their exact decisions") {
  for (const char* file : {"edge-cases.jsonl", "oracle-random.jsonl"}) {
    INFO(file);
    const auto cases = non_blank_lines(cli::slurp(std::filesystem::path(SESLINT_SOURCE_DIR) / "testdata/eval" / file));
    REQUIRE(cases.size() >= 100);
    const Run run = seslint("simulate --batch", cli::slurp(std::filesystem::path(SESLINT_SOURCE_DIR) / "testdata/eval" / file));
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    const auto answers = non_blank_lines(run.out);
    REQUIRE(answers.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const auto expected = nlohmann::json::parse(cases[i]);
      const auto actual = nlohmann::json::parse(answers[i]);
      INFO(cases[i]);
      CHECK(actual["id"] == expected["id"]);
      CHECK(actual["decision"] == expected["expect"]);
    }
  }
}

TEST_CASE("simulate --batch: blank lines are skipped, a line that is not a case decides Error") {
  const Run run = seslint("simulate --batch", "\n{\"id\": \"x\", \"policy\": \n\n");
  CHECK(run.exit_code == 0);
  const auto answers = non_blank_lines(run.out);
  REQUIRE(answers.size() == 1);
  const auto answer = nlohmann::json::parse(answers[0]);
  CHECK(answer["decision"] == "Error");
  CHECK_FALSE(answer["errors"].empty());
}

TEST_CASE("simulate: a single request in text, the deciding statements with their positions") {
  const Run allowed = seslint(send_raw(kSmtpUser + " --context aws:SourceIp=185.40.216.7 "
                                                   "--context ses:FromAddress=noreply@acme-corp.io"));
  CHECK(allowed.exit_code == 0);
  CHECK(allowed.err.empty());
  CHECK(allowed.out == "Allowed\n  " + kSmtpUser + ":4:5: statement 'SmtpSendFromOffice' (Allow)\n");
  const Run outside = seslint(send_raw(kSmtpUser + " --context aws:SourceIp=198.51.100.7 "
                                                   "--context ses:FromAddress=noreply@acme-corp.io"));
  CHECK(outside.exit_code == 0);
  CHECK(outside.out == "ExplicitlyDenied\n  " + kSmtpUser + ":23:5: statement 'DenyOutsideOfficeOrEndpoint' (Deny)\n");
  const Run other_sender = seslint(send_raw(kSmtpUser + " --context aws:SourceIp=185.40.216.7 "
                                                        "--context ses:FromAddress=ceo@acme-corp.io"));
  CHECK(other_sender.exit_code == 0);
  CHECK(other_sender.out == "ImplicitlyDenied\n");
}

TEST_CASE("simulate: a single request in JSON") {
  const Run run = seslint(send_raw("--format json " + kSmtpUser + " --context aws:SourceIp=198.51.100.7"));
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  const auto result = nlohmann::json::parse(run.out);
  CHECK(result["decision"] == "ExplicitlyDenied");
  REQUIRE(result["statements"].size() == 1);
  const auto& statement = result["statements"][0];
  CHECK(statement["path"] == kSmtpUser);
  CHECK(statement["line"] == 23);
  CHECK(statement["column"] == 5);
  CHECK(statement["pointer"] == "/Statement/2");
  CHECK(statement["effect"] == "Deny");
}

// Each option changes the decision, so a CLI that dropped it would fail here; text and JSON agree.
TEST_CASE("simulate: --resource-policy, --principal, --account and repeated --context, in both formats") {
  struct Case {
    std::string name, args, decision;
  };
  const std::vector<Case> cases = {
      {"cross-account, identity policy alone", fmt::format("{} --principal {} {}", kPartnerIdentityPolicy, kPartnerUser, kPartnerContext),
       "ImplicitlyDenied"},
      {"cross-account, with the SES identity policy",
       fmt::format("{} --resource-policy {} --principal {} {}", kPartnerIdentityPolicy, kDelegation, kPartnerUser, kPartnerContext),
       "Allowed"},
      {"the identity policy does not name this principal",
       fmt::format("{} --resource-policy {} --principal arn:aws:iam::444455556666:user/intern {}", kPartnerIdentityPolicy,
                   kDelegation, kPartnerContext),
       "ImplicitlyDenied"},
      {"--account makes the principal's account the owner",
       fmt::format("{} --principal arn:aws:iam::444455556666:user/intern --account 444455556666 {}", kPartnerIdentityPolicy,
                   kPartnerContext),
       "Allowed"},
      {"the SES identity policy's conditions need their --context",
       fmt::format("{} --resource-policy {} --principal {}", kPartnerIdentityPolicy, kDelegation, kPartnerUser), "ImplicitlyDenied"},
  };
  for (const auto& c : cases) {
    INFO(c.name << ": " << c.args);
    const Run text = seslint(send_raw(c.args));
    CHECK(text.exit_code == 0);
    CHECK(text.err.empty());
    CHECK(text.out.substr(0, text.out.find('\n')) == c.decision);
    const Run json = seslint(send_raw("--format json " + c.args));
    CHECK(json.exit_code == 0);
    CHECK(nlohmann::json::parse(json.out)["decision"] == c.decision);
  }
  // Cross-account: both policies decide, identity policy first.
  const Run both = seslint(send_raw(fmt::format("{} --resource-policy {} --principal {} {}", kPartnerIdentityPolicy,
                                                kDelegation, kPartnerUser, kPartnerContext)));
  CHECK(both.out == fmt::format("Allowed\n  {}:4:5: statement 'SendAsPartner' (Allow)\n"
                                "  {}:5:5: statement 'PartnerNewsletter' (Allow)\n",
                                kPartnerIdentityPolicy, kDelegation));
}

TEST_CASE("simulate: a repeated --context key is one multivalued key") {
  // Every recipient must be in acme-corp.io: a CLI that kept only the first or only the last value
  // would allow one of the two mixed orders.
  const std::string policy = "testdata/simulate/recipients-in-domain.json ";
  const std::string inside = "--context ses:Recipients=a@acme-corp.io ";
  const std::string outside = "--context ses:Recipients=b@elsewhere.example ";
  CHECK(seslint(send_raw(policy + inside + "--context ses:Recipients=c@acme-corp.io")).out.rfind("Allowed\n", 0) == 0);
  CHECK(seslint(send_raw(policy + inside + outside)).out == "ImplicitlyDenied\n");
  CHECK(seslint(send_raw(policy + outside + inside)).out == "ImplicitlyDenied\n");
}

TEST_CASE("simulate: usage and input errors exit 2 with a message") {
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases = {
      {"simulate " + kSmtpUser + " --resource " + kIdentityArn, "simulate needs POLICY.json, --action and --resource"},
      {send_raw(kSmtpUser + " --context aws:SourceIp"), "--context takes KEY=VALUE, got 'aws:SourceIp'"},
      {send_raw(kSmtpUser + " --context =x"), "--context takes KEY=VALUE, got '=x'"},
      {send_raw("testdata/no-such-policy.json"), "seslint: testdata/no-such-policy.json: cannot open"},
      {send_raw("testdata/cli/nested/not-json.txt"), "seslint: testdata/cli/nested/not-json.txt:1:"},
      {send_raw(kSmtpUser + " --resource-policy testdata/no-such-policy.json"), "testdata/no-such-policy.json: cannot open"},
      {send_raw(kSmtpUser + " --format yaml"), "yaml"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const Run run = seslint(c.args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find(c.message) != std::string::npos);
  }
}

namespace {

const std::string kAccount = "testdata/audit/account";
const std::string kAcme = "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io";

std::string on_account(const std::string& principal, const std::string& rest) {
  return fmt::format("simulate {} --principal {} --resource {} {}", kAccount, principal, kAcme, rest);
}

}  // namespace

TEST_CASE("simulate on an account: a group's managed policy allows, the deciding policy is named") {
  const std::string alice = "arn:aws:iam::111122223333:user/alice";
  const Run allowed = seslint(on_account(alice, "--action ses:SendEmail --context ses:FromAddress=marketing+news@acme-corp.io "
                                                "--context aws:SourceIp=203.0.113.5"));
  CHECK(allowed.exit_code == 0);
  CHECK(allowed.out.starts_with("Allowed\n"));
  CHECK(allowed.out.find("account-authorization-details.json") != std::string::npos);
  CHECK(allowed.out.find("managed policy MarketingSend") != std::string::npos);
  const Run other_from = seslint(on_account(alice, "--action ses:SendEmail --context ses:FromAddress=ceo@acme-corp.io "
                                                   "--context aws:SourceIp=203.0.113.5 --expect deny"));
  CHECK(other_from.exit_code == 0);
  CHECK(other_from.out.starts_with("ImplicitlyDenied\n"));
  const Run wrong = seslint(on_account(alice, "--action ses:SendEmail --context ses:FromAddress=ceo@acme-corp.io "
                                              "--context aws:SourceIp=203.0.113.5 --expect allow"));
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.err.find("expected allow, got ImplicitlyDenied") != std::string::npos);
}

TEST_CASE("simulate on an account: the permissions boundary bounds what the policies allow, an identity policy delegates") {
  const Run carol = seslint(on_account("arn:aws:iam::111122223333:user/carol",
                                       "--action ses:SendEmail --context ses:FromAddress=ceo@acme-corp.io --format json"));
  CHECK(carol.exit_code == 0);
  const auto json = nlohmann::json::parse(carol.out);
  CHECK(json["decision"] == "ImplicitlyDenied");
  CHECK(json["note"] == "the policies allow it, and the permissions boundary managed policy AlertsOnlyBoundary does not");
  const Run partner = seslint(on_account("222233334444", "--action ses:SendRawEmail "
                                                         "--context ses:FromAddress=partner-news@acme-corp.io --expect allow"));
  CHECK(partner.exit_code == 0);
  CHECK(partner.out.find("identity acme-corp.io policy PartnerSend") != std::string::npos);
}

TEST_CASE("simulate on an account: what cannot be decided or is misspelt exits 2, with a did-you-mean") {
  const Run unknown = seslint(on_account("arn:aws:iam::111122223333:user/alcie", "--action ses:SendEmail"));
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("did you mean 'arn:aws:iam::111122223333:user/alice'?") != std::string::npos);
  const Run frank = seslint(on_account("arn:aws:iam::111122223333:user/frank", "--action ses:SendEmail"));
  CHECK(frank.exit_code == 2);
  CHECK(frank.err.find("policy/LegacyMailer") != std::string::npos);
  const Run no_principal = seslint(fmt::format("simulate {} --action ses:SendEmail --resource {}", kAccount, kAcme));
  CHECK(no_principal.exit_code == 2);
  CHECK(no_principal.err.find("needs --principal") != std::string::npos);
  const Run key = seslint(on_account("arn:aws:iam::111122223333:user/alice",
                                     "--action ses:SendEmail --context ses:FromAdress=a@acme-corp.io"));
  CHECK(key.exit_code == 2);
  CHECK(key.err.find("did you mean 'ses:FromAddress'?") != std::string::npos);
  const Run resource = seslint(fmt::format("simulate {} --principal arn:aws:iam::111122223333:user/alice "
                                           "--action ses:SendEmail --resource acme-corp.io", kAccount));
  CHECK(resource.exit_code == 2);
  CHECK(resource.err.find(fmt::format("did you mean '{}'?", kAcme)) != std::string::npos);
}

TEST_CASE("simulate: a file that holds no policy is an input error, never ImplicitlyDenied") {
  for (const std::string& args :
       {fmt::format("simulate testdata/simulate/not-a-policy.json --action ses:SendEmail --resource {}", kAcme),
        fmt::format("simulate testdata/simulate/not-a-policy.json --principal arn:aws:iam::111122223333:user/x "
                    "--action ses:SendEmail --resource {}", kAcme),
        fmt::format("simulate {} --resource-policy testdata/simulate/not-a-policy.json --action ses:SendRawEmail "
                    "--resource {}", kSmtpUser, kAcme)}) {
    INFO(args);
    const Run run = seslint(args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("not-a-policy.json") != std::string::npos);
  }
  const Run plain = seslint(fmt::format("simulate {} --action ses:SendRawEmail --resource acme-corp.io", kSmtpUser));
  CHECK(plain.exit_code == 2);
  CHECK(plain.err.find("did you mean 'arn:aws:ses:REGION:ACCOUNT:identity/acme-corp.io'?") != std::string::npos);
}
