// CLI contract tests on the real binary: exit codes, formats, flags.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code;
  std::string out, err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs seslint with `args` (shell words) from the source root.
Run seslint(const std::string& args, const std::string& stdin_text = "", const std::string& env = "") {
  const fs::path dir = fs::temp_directory_path() / fmt::format("seslint-cli-{}", ::getpid());
  fs::create_directories(dir);
  std::ofstream(dir / "in", std::ios::binary) << stdin_text;
  const std::string command = fmt::format("cd '{}' && {} '{}' {} < '{}' > '{}' 2> '{}'", SESLINT_SOURCE_DIR, env,
                                          SESLINT_BINARY, args, (dir / "in").string(), (dir / "out").string(),
                                          (dir / "err").string());
  const int status = std::system(command.c_str());
  Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "out"), slurp(dir / "err")};
  fs::remove_all(dir);
  return run;
}

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
  CHECK(nlohmann::json::parse(broken.out)[0]["ruleId"] == "IAM000");
}

TEST_CASE("directories are linted recursively, *.json only, sorted") {
  const Run run = seslint("--format json testdata/cli");
  const auto findings = nlohmann::json::parse(run.out);
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
  CHECK(seslint(kBad).out.find('\x1b') == std::string::npos);  // not a terminal
  CHECK(seslint("--color always " + kBad).out.find('\x1b') != std::string::npos);
  CHECK(seslint("--color always " + kBad, "", "NO_COLOR=1").out.find('\x1b') == std::string::npos);
}

TEST_CASE("cli: --quiet leaves out the summary") {
  CHECK(seslint(kClean).out == "no findings in 1 file\n");
  CHECK(seslint("-q " + kClean).out.empty());
}

TEST_CASE("cli: --version, --help, --list-rules, explain") {
  CHECK(seslint("--version").out.find("seslint 0.") == 0);
  const Run help = seslint("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--fail-on") != std::string::npos);
  const Run list = seslint("--list-rules");
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("IAM001  duplicate-key") != std::string::npos);
  CHECK(seslint("--list-rules --select IAM00").out.find("IAM010") == std::string::npos);
  const Run explain = seslint("explain IAM005");
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("# IAM005: invalid-effect") == 0);
  CHECK(seslint("explain invalid-effect").out == explain.out);
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
  CHECK(nlohmann::json::parse(run.out)[0]["ruleId"] == "IAM000");
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

// The guide shows seslint's real output: each ```json block followed by a ```console block is run
// again (saved as smtp-user.json) and must print exactly what the guide says, exit code included.
TEST_CASE("docs/guides/ses-smtp-lockdown.md shows the output seslint prints today") {
  const std::string guide = slurp(fs::path(SESLINT_SOURCE_DIR) / "docs/guides/ses-smtp-lockdown.md");
  const fs::path dir = fs::temp_directory_path() / fmt::format("seslint-guide-{}", ::getpid());
  fs::create_directories(dir);
  std::size_t checked = 0;
  for (std::size_t at = guide.find("```json\n"); at != std::string::npos; at = guide.find("```json\n", at + 1)) {
    const std::size_t body = at + 8;
    const std::size_t json_end = guide.find("```", body);
    const std::size_t console = guide.find("```console\n$ seslint smtp-user.json\n", json_end);
    if (console == std::string::npos || guide.find("```json\n", json_end) < console) continue;
    const std::size_t output = console + std::string("```console\n$ seslint smtp-user.json\n").size();
    const std::size_t echo = guide.find("$ echo $?\n", output);
    REQUIRE(echo != std::string::npos);
    const std::string expected_out = guide.substr(output, echo - output);
    const int expected_rc = std::stoi(guide.substr(echo + 10, 1));
    std::ofstream(dir / "smtp-user.json", std::ios::binary) << guide.substr(body, json_end - body);
    const std::string command = fmt::format("cd '{}' && '{}' smtp-user.json > out 2>&1", dir.string(), SESLINT_BINARY);
    const int status = std::system(command.c_str());
    INFO(guide.substr(body, json_end - body));
    CHECK(slurp(dir / "out") == expected_out);
    CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == expected_rc);
    ++checked;
  }
  fs::remove_all(dir);
  CHECK(checked >= 7);
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
  for (const auto& f : nlohmann::json::parse(run.out)) paths.insert(f["path"]);
  CHECK(paths.count("testdata/inputs/cloudformation-mailer.yaml") == 1);
  CHECK(paths.count("testdata/inputs/cloudformation-delivery.template") == 1);
  CHECK(paths.count("testdata/inputs/terraform-plan.json") == 1);
  CHECK(paths.count("testdata/inputs/not-a-policy.json") == 0);
}

TEST_CASE("cli: a named file that is not a policy gets a note; --input-type policy lints it anyway") {
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
  CHECK(seslint(dump).out.find("AWSLambdaBasicExecutionRole") == std::string::npos);
  const Run run = seslint("--include-aws-managed " + dump);
  CHECK(run.out.find("in: AWS managed policy AWSLambdaBasicExecutionRole (v1)") != std::string::npos);
}

TEST_CASE("cli: logical names reach every format") {
  const std::string plan = "testdata/inputs/terraform-plan.json";
  CHECK(seslint(plan).out.find("  in: aws_sesv2_email_identity_policy.partner\n") != std::string::npos);
  bool found = false;
  for (const auto& f : nlohmann::json::parse(seslint("--format json " + plan).out))
    found = found || f.value("document", "") == "module.mail.aws_iam_user_policy.smtp";
  CHECK(found);
  const auto sarif = nlohmann::json::parse(seslint("--format sarif " + plan).out);
  const auto& logical = sarif["runs"][0]["results"][0]["locations"][0]["logicalLocations"];
  REQUIRE(logical.size() == 2);
  CHECK(logical[0]["name"] == "aws_iam_role.worker inline_policy artifacts");
  CHECK(logical[1]["kind"] == "value");
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
