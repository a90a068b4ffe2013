// Config files, suppressions and baselines through the real binary, in throwaway repositories.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"

namespace fs = std::filesystem;

namespace {

using cli::Run;
using cli::slurp;

// A directory with .git (a repository root, as far as seslint cares), removed afterwards.
class Repo {
 public:
  Repo() : root_(fs::temp_directory_path() / fmt::format("seslint-adoption-{}-{}", ::getpid(), counter_++)) {
    fs::remove_all(root_);
    fs::create_directories(root_ / ".git");
  }
  ~Repo() { fs::remove_all(root_); }
  Repo(const Repo&) = delete;
  Repo& operator=(const Repo&) = delete;
  const fs::path& root() const { return root_; }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }
  std::string read(const std::string& relative) const { return slurp(root_ / relative); }
  // Runs seslint with `args` (shell words) in `cwd` (relative to the root).
  Run seslint(const std::string& args, const std::string& cwd = ".") const {
    const fs::path out = root_ / ".git" / "out", err = root_ / ".git" / "err";
    const std::string command = fmt::format("cd '{}' && '{}' {} > '{}' 2> '{}' < /dev/null", (root_ / cwd).string(),
                                            SESLINT_BINARY, args, out.string(), err.string());
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }

 private:
  static inline int counter_ = 0;
  fs::path root_;
};

// Seven findings: IAM101, IAM111 and SES109 on the first statement; SES101, SES102, SES103 and
// IAM208 on the second.
const std::string kPolicy = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Sid": "Send", "Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*"}]}
)";
const std::string kClean = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]}
)";

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("adoption: .seslint.yaml is found above each path, --config and --no-config") {
  Repo repo;
  repo.write("iam/p.json", kPolicy);
  repo.write(".seslint.yaml", "select: [allow-all-actions]\n");
  const Run run = repo.seslint("iam/p.json");
  CHECK(run.exit_code == 1);
  CHECK(count_of(run.out, "[IAM101]") == 1);
  CHECK(run.out.find("[SES10") == std::string::npos);
  CHECK(repo.seslint("p.json", "iam").out == run.out.substr(run.out.find("p.json")));  // from below: same config
  CHECK(repo.seslint("--no-config iam/p.json").out.find("[SES102]") != std::string::npos);
  repo.write("other.yaml", "select: [SES102]\n");
  const Run named = repo.seslint("--config other.yaml iam/p.json");
  CHECK(named.out.find("[IAM101]") == std::string::npos);
  CHECK(named.out.find("[SES102]") != std::string::npos);
  CHECK(repo.seslint("--config other.yaml --no-config iam/p.json").exit_code == 2);
  // Flags win over the file.
  CHECK(repo.seslint("--select SES103 iam/p.json").out.find("[SES103]") != std::string::npos);
}

TEST_CASE("adoption: config errors name file, line and column and exit 2") {
  Repo repo;
  repo.write("p.json", kPolicy);
  repo.write(".seslint.yaml", "select:\n  - alow-all-actions\n");
  const Run run = repo.seslint("p.json");
  CHECK(run.exit_code == 2);
  CHECK(run.err.find(".seslint.yaml:2:5: unknown rule 'alow-all-actions' in select; did you mean 'allow-all-actions'?") !=
        std::string::npos);
  CHECK(run.out.empty());
  repo.write(".seslint.yaml", "ignroe: []\n");
  CHECK(repo.seslint("p.json").err.find(".seslint.yaml:1:1: unknown key 'ignroe'; did you mean 'ignore'?") != std::string::npos);
  CHECK(repo.seslint("--config missing.yaml p.json").exit_code == 2);
}

TEST_CASE("adoption: fail-on, rules levels and off, exclude, per-file-ignores") {
  Repo repo;
  repo.write("a/p.json", kPolicy);
  repo.write("legacy/p.json", kPolicy);
  repo.write("vendor/x/p.json", kPolicy);
  repo.write(".seslint.yaml", R"(
fail-on: error
exclude: [vendor]
rules:
  allow-all-actions: warning
  SES103: off
per-file-ignores:
  "legacy/**": [IAM, SES]
)");
  const Run run = repo.seslint(". --format json");
  CHECK(run.exit_code == 0);  // IAM101 is a warning now, fail-on is error
  const auto findings = nlohmann::json::parse(run.out)["findings"];
  std::size_t suppressed = 0;
  for (const auto& f : findings) {
    CHECK(f["path"].get<std::string>().find("vendor") == std::string::npos);
    if (f["ruleId"] == "IAM101") CHECK(f["level"] == "warning");
    if (f["suppressed"] == true) {
      ++suppressed;
      CHECK(f["suppression"]["by"] == "config");
    }
    if (f["ruleId"] == "SES103") CHECK(f["suppressed"] == true);
    if (f["path"].get<std::string>().find("legacy") != std::string::npos) CHECK(f["suppressed"] == true);
  }
  CHECK(suppressed >= 4);
  CHECK(repo.seslint(". --fail-on warning").exit_code == 1);  // the flag wins
  const Run text = repo.seslint(".");
  CHECK(text.out.find("legacy/p.json") == std::string::npos);  // suppressed: not printed, counted
  CHECK(text.out.find(" suppressed)") != std::string::npos);
  // Named files are excluded too (pre-commit names every staged file).
  CHECK(repo.seslint("vendor/x/p.json").out.find("no findings in 0 files") != std::string::npos);
}

TEST_CASE("adoption: CloudFormation Metadata suppresses on that resource, SARIF says inSource") {
  Repo repo;
  repo.write("t.yaml", R"(Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      seslint:
        ignore: [{rule: IAM101, reason: break-glass role}, pass-role-star]
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: "*", Resource: "*"}
)");
  const Run run = repo.seslint("--format sarif t.yaml");
  CHECK(run.exit_code == 0);
  const auto results = nlohmann::json::parse(run.out)["runs"][0]["results"];
  // IAM111 (PassRole on *) is superseded by IAM101 on the same statement, suppressed or not.
  REQUIRE(results.size() == 1);
  CHECK(results[0]["ruleId"] == "IAM101");
  CHECK(results[0]["suppressions"][0]["kind"] == "inSource");
  CHECK(results[0]["suppressions"][0]["justification"] == "break-glass role");
  CHECK(repo.seslint("t.yaml").out.find("no findings in 1 file (1 suppressed)") != std::string::npos);
}

TEST_CASE("adoption: baseline accepts today's findings and reports only new ones") {
  Repo repo;
  repo.write("iam/p.json", kPolicy);
  repo.write("iam/q.json", kPolicy);
  const Run written = repo.seslint("--write-baseline .seslint-baseline.json iam");
  CHECK(written.exit_code == 0);
  CHECK(written.err.find("wrote 8 findings to .seslint-baseline.json") != std::string::npos);
  const auto baseline = nlohmann::json::parse(repo.read(".seslint-baseline.json"));
  CHECK(baseline["version"] == 1);
  REQUIRE(baseline["findings"].size() == 8);
  CHECK(baseline["findings"][0]["path"] == "iam/p.json");

  const Run same = repo.seslint("--baseline .seslint-baseline.json iam");
  CHECK(same.exit_code == 0);
  CHECK(same.out.find("no findings in 2 files (8 baselined)") != std::string::npos);
  // From a subdirectory, with another spelling of the paths.
  CHECK(repo.seslint("--baseline ../.seslint-baseline.json ./p.json ../iam/q.json", "iam").exit_code == 0);

  // A new statement in p.json, inserted first; q.json fixed: only the new finding counts.
  repo.write("iam/p.json", R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "New", "Effect": "Allow", "Action": "iam:*", "Resource": "*"},
  {"Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Sid": "Send", "Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*"}]}
)");
  repo.write("iam/q.json", kClean);
  const Run changed = repo.seslint("--baseline .seslint-baseline.json --format sarif iam");
  CHECK(changed.exit_code == 1);
  const auto run = nlohmann::json::parse(changed.out)["runs"][0];
  std::size_t open = 0, external = 0;
  for (const auto& result : run["results"]) {
    if (result.contains("suppressions")) {
      CHECK(result["suppressions"][0]["kind"] == "external");
      ++external;
    } else {
      CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2);
      ++open;
    }
  }
  CHECK(external == 4);
  CHECK(open >= 1);
  CHECK(count_of(changed.err, "baseline entry matches nothing now (fixed?): iam/q.json") == 4);
  CHECK(changed.err.find("rewrite the baseline with --write-baseline") != std::string::npos);

  repo.write("broken.json", "[1");
  CHECK(repo.seslint("--baseline broken.json iam").exit_code == 2);
  CHECK(repo.seslint("--baseline nothing.json iam").exit_code == 2);
}

TEST_CASE("adoption: principal-kind per glob sets SES103/SES109 levels, a container and the flag win") {
  Repo repo;
  // Sends from any network (SES103) and writes to S3 (SES109); not SMTP-shaped: holder unknown.
  const std::string sender = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"],
   "Resource": "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io",
   "Condition": {"StringEquals": {"ses:FromAddress": "noreply@acme-corp.io"}}},
  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-uploads/*"}]}
)";
  repo.write("smtp/relay.json", sender);
  repo.write("lambda/notify.json", sender);
  repo.write("other/p.json", sender);
  // An IAM user in a template under lambda/: the template knows the holder, the glob does not win.
  repo.write("lambda/user.yaml", R"(Resources:
  Relay:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: send
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: [ses:SendEmail, ses:SendRawEmail], Resource: "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io", Condition: {StringEquals: {ses:FromAddress: noreply@acme-corp.io}}}
              - {Effect: Allow, Action: s3:PutObject, Resource: "arn:aws:s3:::acme-uploads/*"}
)");
  repo.write(".seslint.yaml", "select: [SES103, SES109]\nprincipal-kind:\n  \"smtp/**\": user\n  \"lambda/**\": service-role\n");
  auto levels = [](const Run& run) {
    std::map<std::string, std::string> out;  // "path rule" -> level
    const auto report = nlohmann::json::parse(run.out);
    for (const auto& f : report["findings"])
      out[f["path"].get<std::string>() + " " + f["ruleId"].get<std::string>()] = f["level"].get<std::string>();
    return out;
  };
  const Run run = repo.seslint(". --format json");
  CHECK(run.exit_code == 1);
  // Paths as the scan of "." found them (the argument as given, then the path below it).
  CHECK(levels(run) == std::map<std::string, std::string>{{"./lambda/user.yaml SES103", "warning"},
                                                          {"./lambda/user.yaml SES109", "warning"},
                                                          {"./other/p.json SES103", "note"},
                                                          {"./other/p.json SES109", "note"},
                                                          {"./smtp/relay.json SES103", "warning"},
                                                          {"./smtp/relay.json SES109", "warning"}});
  const Run flag = repo.seslint("--principal-kind role smtp lambda/notify.json --format json");
  CHECK(flag.exit_code == 0);
  CHECK(levels(flag) == std::map<std::string, std::string>{{"lambda/notify.json SES103", "note"},
                                                           {"lambda/notify.json SES109", "note"},
                                                           {"smtp/relay.json SES103", "note"},
                                                           {"smtp/relay.json SES109", "note"}});
  repo.write(".seslint.yaml", "principal-kind:\n  \"smtp/**\": admin\n");
  const Run bad = repo.seslint("smtp/relay.json");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find(".seslint.yaml:2:14: principal-kind is one of user, role, service-role, service, unknown") !=
        std::string::npos);
}

TEST_CASE("adoption: a Metadata ignore that names no rule is a note at its position, not silence") {
  Repo repo;
  repo.write("t.yaml", R"(Resources:
  Admin:
    Type: AWS::IAM::Role
    Metadata:
      seslint:
        ignore: [IAM1O1, {reason: forgot the rule}, pass-role-star]
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}
      Policies:
        - PolicyName: all
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: "*", Resource: "*"}
        - PolicyName: logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: "logs:PutLogEvents", Resource: "*"}
)");
  const Run run = repo.seslint("t.yaml");
  CHECK(run.exit_code == 1);  // IAM101 is not suppressed: the entry meant for it names no rule
  CHECK(count_of(run.out, "[IAM101]") == 1);
  CHECK(run.err.find("seslint: note: t.yaml:6:18: unknown rule 'IAM1O1' in Metadata seslint ignore suppresses "
                     "nothing; did you mean 'IAM101'?") != std::string::npos);
  CHECK(run.err.find("seslint: note: t.yaml:6:26: an entry without a rule in Metadata seslint ignore suppresses "
                     "nothing") != std::string::npos);
  CHECK(count_of(run.err, "IAM1O1") == 1);
  const auto sarif = nlohmann::json::parse(repo.seslint("--format sarif t.yaml").out);
  const auto notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() == 2);
  CHECK(notes[0]["message"]["text"].get<std::string>().find("unknown rule 'IAM1O1'") != std::string::npos);
}
