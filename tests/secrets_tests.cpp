// The secrets scanner's parts: the SMTP password derivation (vectors computed independently with
// Python's hmac, as scripts/gen-secret-fixtures does), masking, placeholders, context, file walks.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "seslint/secrets.hpp"

using namespace seslint;
namespace fs = std::filesystem;

namespace {
constexpr std::string_view kMadeUpSecret = "kC3AcQu9D3OxgNyL4ShqIHEseGISfOPu45NBoLDL";  // made up (scripts/gen-secret-fixtures, seed "unit-test")
const RuleSelection kAll{{"SES4"}, {}};

std::string rules_of(const secrets::ScanOutcome& outcome) {
  std::string out;
  for (const auto& finding : outcome.findings) out += finding.rule_id + " ";
  return out;
}

void write(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}
}  // namespace

TEST_CASE("SMTP passwords derive as AWS documents (v4 per region, legacy)") {
  CHECK(secrets::smtp_password_v4(kMadeUpSecret, "eu-west-1") == "BIW3EVEcsCqIVwbH8ZcuPY9VdTjGIRaP47GArEPzdKUS");
  CHECK(secrets::smtp_password_v4(kMadeUpSecret, "us-east-1") == "BLI8dxxlcqDoHw9ENmaM6YE/mBAWRfl/0NBSd44Hcaui");
  CHECK(secrets::smtp_password_v4(kMadeUpSecret, "ap-northeast-3") == "BMsFSTqgaAL8snxIlKmsbRMYgDNZsm7bAwK133EG0p00");
  CHECK(secrets::smtp_password_legacy(kMadeUpSecret) == "AsV5CoKwbfxSqnoeaInz8GfI7lBTR4yCY65n7I7sdPkk");
}

TEST_CASE("a secret is shown as its first 4 characters and a mask") {
  CHECK(secrets::mask("BB9xHIY28S+BKhgwvK4zng3O6Ppb39LloySMTLAs+TVz") == "BB9x****");
}

TEST_CASE("an SMTP password is reported with context only, and masked in the source kept") {
  const std::string password = secrets::smtp_password_v4(kMadeUpSecret, "eu-west-1");
  const auto lone = secrets::scan_text("checksum " + password + "\n", kAll);
  CHECK(lone.findings.empty());
  const auto with_setting = secrets::scan_text("MAIL_PASSWORD=" + password + "\n", kAll);
  REQUIRE(rules_of(with_setting) == "SES401 ");
  CHECK(with_setting.findings[0].span.begin.column == 15);
  CHECK(with_setting.findings[0].span.end.column == 59);
  CHECK(with_setting.redacted.find(password.substr(4)) == std::string::npos);
  CHECK(with_setting.redacted.size() == 14 + password.size() + 1);  // masked in place: spans still hold
  CHECK(with_setting.findings[0].message.find(password.substr(4)) == std::string::npos);
}

TEST_CASE("a password that derives from the key beside it names the region") {
  const std::string text = "AWS_ACCESS_KEY_ID=AKIA2HO5Q2663WFLG3PN\nAWS_SECRET_ACCESS_KEY=" + std::string(kMadeUpSecret) +
                           "\nSMTP_PASSWORD=" + secrets::smtp_password_v4(kMadeUpSecret, "ap-northeast-3") + "\n";
  const auto outcome = secrets::scan_text(text, kAll);
  REQUIRE(rules_of(outcome) == "SES402 SES401 ");
  CHECK(outcome.findings[1].message.find("derives from the secret access key kC3A**** on line 2 for ap-northeast-3") !=
        std::string::npos);
  const auto legacy = secrets::scan_text("aws_secret_access_key=" + std::string(kMadeUpSecret) +
                                             "\nsmtp_password=" + secrets::smtp_password_legacy(kMadeUpSecret),
                                         {{"SES401"}, {}});
  REQUIRE(legacy.findings.size() == 1);
  CHECK(legacy.findings[0].message.find("legacy algorithm") != std::string::npos);
}

TEST_CASE("documentation keys, placeholders, digests and hex are not leaks") {
  for (const std::string text :
       {"aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        "SMTP_USER=AKIAXXXXXXXXXXXXXXXX\n", "SMTP_USER=AKIAABCDEFGHIJKLMNOP\n",
        "MAIL_PASSWORD=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // SHA-256 of "": base64 ends in '='
        "AKIA2HO5Q2663WFLG3PN 3f786850e387550fdab836ed7e6dc881de23001b\n"})
    CHECK(rules_of(secrets::scan_text(text, kAll)) == (text.find("AKIA2HO5") != std::string::npos ? "SES403 " : ""));
  CHECK(secrets::scan_text("xAKIA2HO5Q2663WFLG3PN\n", kAll).findings.empty());  // inside a longer word
}

TEST_CASE("the selection decides which secret rules run, SES403 speaks when SES402 does not") {
  const std::string text = "id=AKIA2HO5Q2663WFLG3PN\nsecret=" + std::string(kMadeUpSecret) + "\n";
  CHECK(rules_of(secrets::scan_text(text, kAll)) == "SES402 ");
  CHECK(rules_of(secrets::scan_text(text, {{"SES403"}, {}})) == "SES403 ");
  CHECK(rules_of(secrets::scan_text(text, {{"SES4"}, {"SES402"}})) == "SES403 ");
}

TEST_CASE("binary files are recognised by a NUL byte") {
  CHECK(secrets::looks_binary(std::string_view("PK\x03\x04\0\0", 6)));
  CHECK_FALSE(secrets::looks_binary("MAIL_PASSWORD=x\n"));
}

TEST_CASE("directories: every file, minus .gitignore (read directly outside git, by git inside)") {
  const fs::path root = fs::temp_directory_path() / fmt::format("seslint-secrets-{}", std::rand());
  write(root / ".gitignore", "*.log\nbuild/\n");
  write(root / "app" / ".env", "x");
  write(root / "app" / "debug.log", "x");
  write(root / "build" / "out.txt", "x");
  write(root / "app" / ".gitignore", "local.env\n");
  write(root / "app" / "local.env", "x");
  std::vector<std::string> errors;
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& input : secrets::expand_paths({root.string()}, errors))
      out.push_back(fs::path(input.path).lexically_relative(root).generic_string());
    return out;
  };
  const std::vector<std::string> expected{".gitignore", "app/.env", "app/.gitignore"};
  CHECK(names() == expected);
  if (std::system(fmt::format("git init -q '{}' 2>/dev/null", root.string()).c_str()) == 0) CHECK(names() == expected);
  CHECK(errors.empty());
  fs::remove_all(root);
}
