// .seslint.yaml, path globs, suppressions, baselines and fingerprints (library level; the CLI
// tests in adoption_cli_tests.cpp run the same through the binary).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "seslint/baseline.hpp"
#include "seslint/config.hpp"
#include "seslint/fingerprint.hpp"
#include "seslint/lint.hpp"
#include "seslint/project.hpp"

using namespace seslint;

namespace {

ConfigLoad parse(std::string_view text) { return parse_config(text, ".seslint.yaml", "/repo"); }

std::string error_of(std::string_view text) {
  const auto load = parse(text);
  REQUIRE(load.error);
  CHECK_FALSE(load.config);
  return load.error->to_string();
}

// Two statements with findings (IAM101 on the first), and room to insert others.
std::string policy(std::string_view before = "", std::string_view after = "") {
  return std::string(R"({"Version": "2012-10-17", "Statement": [)") + std::string(before) +
         R"({"Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Sid": "Send", "Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*"})" + std::string(after) + "]}";
}

std::vector<std::string> fingerprints(const FileResult& file, std::string_view rule = "") {
  std::vector<std::string> out;
  for (const auto& finding : file.findings)
    if (rule.empty() || finding.rule_id == rule) out.push_back(finding.fingerprint);
  return out;
}

}  // namespace

TEST_CASE("config: every key parses") {
  const auto load = parse(R"(
select: [iam, ses1, duplicate-key]
ignore: [IAM208]
fail-on: error
exclude: ["vendor/**", "*.tmp.json"]
per-file-ignores:
  "legacy/**": [SES102, send-from-any-network]
rules:
  IAM102: error
  resource-star-scopable: off
policy-type:
  "ses/**": ses-identity
  "roles/**": trust
principal-kind:
  "smtp/**": user
  "lambda/**": service-role
org:
  trusted-networks: [203.0.113.0/24, "2001:db8::/32"]
  vpc-endpoints: [vpce-0123456789abcdef0]
  accounts: ["111122223333"]
  organizations: [o-a1b2c3d4e5]
  from-addresses: ['[a-z.]+@example\.com']
  identities: [Example.com]
)");
  REQUIRE_FALSE(load.error);
  const Config& config = *load.config;
  CHECK(config.select == std::vector<std::string>{"IAM", "SES1", "IAM001"});
  CHECK(config.ignore == std::vector<std::string>{"IAM208"});
  CHECK(config.fail_on == "error");
  CHECK(config.excludes("vendor/a/b.json"));
  CHECK(config.excludes("x/y.tmp.json"));
  CHECK_FALSE(config.excludes("iam/a.json"));
  REQUIRE(config.per_file_ignores.size() == 1);
  CHECK(config.per_file_ignores[0].rules == std::vector<std::string>{"SES102", "SES103"});
  CHECK(config.ignored_by("legacy/old.json", "SES103") != nullptr);
  CHECK(config.ignored_by("legacy/old.json", "SES101") == nullptr);
  CHECK(config.ignored_by("new/old.json", "SES103") == nullptr);
  CHECK(config.rule_levels.at("IAM102") == Level::Error);
  CHECK_FALSE(config.rule_levels.at("IAM208").has_value());
  CHECK(config.policy_type_for("ses/identity.json") == PolicyKind::SesIdentity);
  CHECK(config.policy_type_for("roles/deployer.json") == PolicyKind::Trust);
  CHECK_FALSE(config.policy_type_for("iam/user.json"));
  CHECK(config.principal_kind_for("smtp/relay.json") == PrincipalKind::User);
  CHECK(config.principal_kind_for("lambda/a/b.json") == PrincipalKind::ServiceRole);
  CHECK_FALSE(config.principal_kind_for("iam/user.json"));
  CHECK(config.org.trusted_networks.size() == 2);
  CHECK(config.org.accounts == std::vector<std::string>{"111122223333"});
  CHECK(config.org.from_addresses.any_matches("alerts@example.com"));
  CHECK_FALSE(config.org.from_addresses.any_matches("alerts@example.com.evil.io"));  // full match
  CHECK(config.org.identities == std::vector<std::string>{"example.com"});
}

TEST_CASE("config: an empty file is all defaults") {
  const auto load = parse("");
  REQUIRE(load.config);
  CHECK(load.config->select.empty());
  CHECK(parse("# only a comment\n").config);
}

TEST_CASE("config: errors have a position and a suggestion") {
  CHECK(error_of("selct: [IAM001]\n") == ".seslint.yaml:1:1: unknown key 'selct'; did you mean 'select'?");
  CHECK(error_of("select: [QQQ999]\n") == ".seslint.yaml:1:10: unknown rule 'QQQ999' in select");
  CHECK(error_of("select:\n  - IAM001\n  - alow-all-actions\n") ==
        ".seslint.yaml:3:5: unknown rule 'alow-all-actions' in select; did you mean 'allow-all-actions'?");
  CHECK(error_of("ignore: [duplicate-kye]\n") ==
        ".seslint.yaml:1:10: unknown rule 'duplicate-kye' in ignore; did you mean 'duplicate-key'?");
  CHECK(error_of("rules:\n  IAM9: off\n") == ".seslint.yaml:2:3: unknown rule 'IAM9' in rules");  // no prefixes here
  CHECK(error_of("rules:\n  IAM101: warnig\n") ==
        ".seslint.yaml:2:11: a rule's level is one of error, warning, note, off; did you mean 'warning'?");
  CHECK(error_of("rules:\n  IAM101: 3\n") == ".seslint.yaml:2:11: a rule's level is one of error, warning, note, off");
  CHECK(error_of("principal-kind:\n  \"a/**\": usr\n") ==
        ".seslint.yaml:2:11: principal-kind is one of user, role, service-role, service, unknown; did you mean 'user'?");
  CHECK(error_of("fail-on: always\n") == ".seslint.yaml:1:10: fail-on is one of error, warning, note, never");
  CHECK(error_of("org:\n  trusted-network: []\n") ==
        ".seslint.yaml:2:3: unknown key 'trusted-network' in org; did you mean 'trusted-networks'?");
  CHECK(error_of("org:\n  trusted-networks: [10.0.0.0/33]\n") ==
        ".seslint.yaml:2:22: '10.0.0.0/33' is not an IP address or CIDR block");
  CHECK(error_of("org:\n  accounts: [1234]\n") ==
        ".seslint.yaml:2:14: '1234' is not a 12-digit AWS account ID (quote it in YAML)");
  const auto regex = error_of("org:\n  from-addresses: ['(a@b']\n");
  CHECK(regex.find(".seslint.yaml:2:20: '(a@b' is not a valid RE2 pattern: missing )") == 0);
  CHECK(error_of("select: {a: b}\n") == ".seslint.yaml:1:9: 'select' takes a list of strings");
  CHECK(error_of("- select\n") == ".seslint.yaml:1:1: the config must be a mapping of keys (select, ignore, ...)");
  CHECK(error_of("select: [IAM001]\nselect: [IAM002]\n") == ".seslint.yaml:2:1: duplicate key 'select' (first at line 1)");
  CHECK(error_of("select: [IAM001\n").find(".seslint.yaml:") == 0);  // a YAML syntax error
}

TEST_CASE("config: rule references take IDs, names and prefixes in any case") {
  const auto& catalog = RuleCatalog::builtin();
  CHECK(resolve_rule_ref("iam001", catalog, false) == "IAM001");
  CHECK(resolve_rule_ref("Duplicate-Key", catalog, false) == "IAM001");
  CHECK(resolve_rule_ref("ses1", catalog, true) == "SES1");
  CHECK_FALSE(resolve_rule_ref("ses1", catalog, false));
  CHECK_FALSE(resolve_rule_ref("XYZ", catalog, true));
  CHECK_FALSE(resolve_rule_ref("", catalog, true));
  CHECK(rule_suggestion("send-any-identiy", catalog) == "; did you mean 'send-any-identity'?");
}

TEST_CASE("path globs: *, **, ?, classes, directories and bare names") {
  CHECK(PathGlob("iam/*.json").matches("iam/a.json"));
  CHECK_FALSE(PathGlob("iam/*.json").matches("iam/sub/a.json"));
  CHECK(PathGlob("iam/**/*.json").matches("iam/a.json"));
  CHECK(PathGlob("iam/**/*.json").matches("iam/x/y/a.json"));
  CHECK(PathGlob("**/legacy/*.json").matches("a/b/legacy/c.json"));
  CHECK(PathGlob("**/legacy/*.json").matches("legacy/c.json"));
  CHECK_FALSE(PathGlob("**/legacy/*.json").matches("legacy2/c.json"));
  CHECK(PathGlob("vendor").matches("vendor/x/y.json"));  // a directory covers what is under it
  CHECK(PathGlob("vendor/").matches("vendor/y.json"));
  CHECK(PathGlob("./vendor/**").matches("vendor/y.json"));
  CHECK_FALSE(PathGlob("vendor").matches("vendors/y.json"));
  CHECK(PathGlob("*.yaml").matches("deep/down/t.yaml"));  // no '/': by name at any depth
  CHECK(PathGlob("p?.json").matches("p1.json"));
  CHECK_FALSE(PathGlob("p?.json").matches("p12.json"));
  CHECK(PathGlob("p[0-9].json").matches("p7.json"));
  CHECK_FALSE(PathGlob("p[!0-9].json").matches("p7.json"));
  CHECK(PathGlob("p[.json").matches("p[.json"));  // an unclosed class is literal
  CHECK(PathGlob("**").matches("any/thing.json"));
  CHECK(PathGlob("a*b*c*d*e*f").matches("aXbXcXdXeXf"));
  CHECK_FALSE(PathGlob("a*a*a*a*a*b").matches(std::string(200, 'a')));  // no blow-up
}

TEST_CASE("stable pointers key statements by Sid, strings by value, others by content") {
  const auto parsed = parse_json(policy());
  const JsonValue& root = *parsed.root;
  CHECK(stable_pointer(root, "/Statement/1/Action") == "/Statement/sid:Send/Action");
  const auto anonymous = stable_pointer(root, "/Statement/0/Action");
  CHECK(anonymous.find("/Statement/#") == 0);
  CHECK(anonymous.ends_with("/Action"));
  CHECK(stable_pointer(root, "/Statement/9/Action") == "/Statement/9/Action");  // outside the tree: as is
  const auto list = parse_json(R"({"Action": ["a:b", "c/d"]})");
  CHECK(stable_pointer(*list.root, "/Action/1") == "/Action/=c~1d");
}

// The cache answers as the plain walk for every pointer of a tree with nested arrays, asked in any
// order and more than once: keys belong to items, not to indexes or depths.
TEST_CASE("stable pointers: one cache per tree answers as stable_pointer, whatever the order of questions") {
  const auto parsed = parse_json(R"({"Statement": [
    {"Effect": "Allow", "Action": ["a:b", "c:d"], "Resource": [["x"], {"k": [1, 2]}]},
    {"Sid": "S", "Effect": "Deny", "Action": "a:*", "Resource": [{"k": [2, 1]}, ["y", "x"]]},
    {"Effect": "Allow", "Action": ["c:d", "a:b"], "Resource": "*"}]})");
  std::vector<std::string> pointers;
  std::function<void(const JsonValue&)> collect = [&](const JsonValue& node) {
    pointers.push_back(node.pointer.str() + "/Extra");
    for (const auto& item : node.items) collect(item);
    for (const auto& member : node.members) collect(member.value);
  };
  collect(*parsed.root);
  REQUIRE(pointers.size() > 20);
  std::mt19937 random(3);
  StablePointers stable(*parsed.root);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(pointers.begin(), pointers.end(), random);
    for (const auto& pointer : pointers) CHECK(stable.of(pointer) == stable_pointer(*parsed.root, pointer));
  }
}

TEST_CASE("fingerprints survive inserting, deleting and reordering other statements") {
  const Linter linter(LintOptions{});
  const auto base = linter.lint_source("p.json", policy());
  const auto iam101 = fingerprints(base, "IAM101");
  REQUIRE(iam101.size() == 1);
  const std::string other = R"({"Sid": "Other", "Effect": "Allow", "Action": "*", "Resource": "*"},)";
  CHECK(fingerprints(linter.lint_source("p.json", policy(other)), "IAM101").size() == 2);
  for (const auto& edited : {policy(other), policy("", R"(, {"Effect": "Deny", "Action": "s3:*", "Resource": "*"})"),
                             policy("\n\n\n"),
                             std::string(R"({"Statement": [{"Sid": "Send", "Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*"},
 {"Effect": "Allow", "Action": "*", "Resource": "*"}], "Version": "2012-10-17"})")}) {
    const auto now = fingerprints(linter.lint_source("p.json", edited), "IAM101");
    CHECK(std::find(now.begin(), now.end(), iam101[0]) != now.end());
  }
  // The same findings elsewhere are different findings.
  CHECK(fingerprints(linter.lint_source("q.json", policy()), "IAM101") != iam101);
}

TEST_CASE("fingerprints do not depend on how the path is spelled or where seslint runs") {
  const auto dir = std::filesystem::temp_directory_path() / "seslint-fp-test";
  std::filesystem::create_directories(dir / "iam");
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  LintOptions options;
  options.root = dir;
  std::vector<std::vector<std::string>> seen;
  {
    const Linter linter(options);
    for (const char* spelling : {"iam/x.json", "./iam/x.json", "iam/../iam/x.json"}) {
      const auto file = linter.lint_source(spelling, policy());
      CHECK(file.root_path == "iam/x.json");
      seen.push_back(fingerprints(file));
    }
  }
  std::filesystem::current_path(dir / "iam");
  {
    const Linter linter(options);
    const auto file = linter.lint_source("x.json", policy());
    CHECK(file.root_path == "iam/x.json");
    seen.push_back(fingerprints(file));
  }
  std::filesystem::current_path(previous);
  std::filesystem::remove_all(dir);
  for (const auto& fingerprints : seen) CHECK(fingerprints == seen.front());
  CHECK_FALSE(seen.front().empty());
}

TEST_CASE("baseline: round trip, new findings, stale entries") {
  const Linter linter(LintOptions{});
  LintReport before;
  before.files.push_back(linter.lint_source("p.json", policy()));
  before.files.push_back(linter.lint_source("gone.json", policy()));
  std::ostringstream written;
  const Baseline made = make_baseline(before);
  write_baseline(written, made);
  std::string error;
  const auto baseline = parse_baseline(written.str(), error);
  REQUIRE(baseline);
  CHECK(baseline->entries.size() == before.files[0].findings.size() + before.files[1].findings.size());
  CHECK(baseline->entries.size() == made.entries.size());
  CHECK(baseline->entries[0].fingerprint == made.entries[0].fingerprint);

  LintReport after;
  const std::string added = R"({"Sid": "New", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},)";
  after.files.push_back(linter.lint_source("p.json", policy(added)));
  after.files.push_back(linter.lint_source("gone.json", R"({"Version": "2012-10-17", "Statement": []})"));
  const auto match = apply_baseline(after, *baseline);
  CHECK(match.baselined == before.files[0].findings.size());
  CHECK(match.stale.size() == before.files[1].findings.size());
  for (const auto& entry : match.stale) CHECK(entry.path == "gone.json");
  REQUIRE(after.count(Level::Note) > 0);  // the new statement's findings are not in the baseline
  for (const auto& finding : after.files[0].findings)
    CHECK(finding.suppression.has_value() == (finding.stable_pointer.find("sid:New") == std::string::npos));
  CHECK(after.count(SuppressedBy::Baseline) == match.baselined);

  CHECK_FALSE(parse_baseline("[]", error));
  CHECK_FALSE(parse_baseline(R"({"version": 2, "findings": []})", error));
  CHECK(error.find("version") != std::string::npos);
  CHECK_FALSE(parse_baseline(R"({"version": 1, "findings": [{"ruleId": "IAM001"}]})", error));
}

TEST_CASE("config suppressions and levels apply by path, template Metadata suppresses in source") {
  auto load = parse_config(R"(
per-file-ignores:
  "legacy/*.json": [allow-all-actions]
rules:
  IAM002: off
  SES102: error
policy-type:
  "ses/*.json": ses-identity
)", ".seslint.yaml", std::filesystem::current_path());
  REQUIRE(load.config);
  LintOptions options;
  options.config = &*load.config;
  const Linter linter(options);
  auto find = [](const FileResult& file, std::string_view rule) -> const Finding* {
    for (const auto& finding : file.findings)
      if (finding.rule_id == rule) return &finding;
    return nullptr;
  };
  const auto legacy = linter.lint_source("legacy/p.json", policy());
  REQUIRE(find(legacy, "IAM101"));
  CHECK(find(legacy, "IAM101")->suppression->by == SuppressedBy::Config);
  CHECK(find(legacy, "IAM101")->suppression->justification == "per-file-ignores 'legacy/*.json' in .seslint.yaml");
  const auto current = linter.lint_source("current/p.json", R"({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})");
  CHECK_FALSE(find(current, "IAM101")->suppression);
  REQUIRE(find(current, "IAM002"));
  CHECK(find(current, "IAM002")->suppression->justification == "rules: IAM002: off in .seslint.yaml");
  const auto send = linter.lint_source("current/s.json", policy());
  REQUIRE(find(send, "SES102"));
  CHECK(find(send, "SES102")->level == Level::Error);

  const std::string identity_policy =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ses:SendEmail", "Resource": "*"}]})";
  CHECK(find(linter.lint_source("ses/p.json", identity_policy), "IAM008") == nullptr);
  CHECK(find(linter.lint_source("iam/p.json", identity_policy), "IAM008") == nullptr);  // inferred: has a Principal

  const auto cfn = linter.lint_source("t.yaml", R"(
Resources:
  Sender:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      seslint:
        ignore:
          - allow-all-actions
          - {rule: SES102, reason: "relay signs with its own From"}
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: "*", Resource: "*"}
          - {Effect: Allow, Action: ses:SendEmail, Resource: "*"}
  Other:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: "*", Resource: "*"}
)");
  std::size_t metadata = 0, open = 0;
  for (const auto& finding : cfn.findings) {
    if (finding.rule_id != "IAM101" && finding.rule_id != "SES102") continue;
    if (finding.suppression) {
      CHECK(finding.suppression->by == SuppressedBy::Metadata);
      CHECK(finding.document.find("Sender") != std::string::npos);
      if (finding.rule_id == "SES102") CHECK(finding.suppression->justification == "relay signs with its own From");
      ++metadata;
    } else {
      CHECK(finding.document.find("Other") != std::string::npos);
      ++open;
    }
  }
  CHECK(metadata == 2);
  CHECK(open == 1);
}

TEST_CASE("project: each file gets the nearest config, flags win, exclude") {
  const auto dir = std::filesystem::temp_directory_path() / "seslint-project-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / ".git");
  std::filesystem::create_directories(dir / "sub" / "deep");
  std::filesystem::create_directories(dir / "other");
  std::ofstream(dir / ".seslint.yaml") << "select: [IAM1]\nexclude: [other/skip.json]\n";
  std::ofstream(dir / "sub" / ".seslint.yaml") << "ignore: [IAM101]\n";
  Project project(ProjectOptions{});
  const Config* top = project.config_for((dir / "other" / "p.json").string());
  const Config* sub = project.config_for((dir / "sub" / "deep" / "p.json").string());
  REQUIRE(top);
  REQUIRE(sub);
  CHECK(top != sub);
  CHECK(project.config_for((dir / "x.json").string()) == top);
  // Answers kept by the directory as written (the files after the first of a directory) are the
  // answers a fresh project gives, also where the written directory is not where a path leads.
  const auto directory_of = [](const Config* config) { return config ? config->directory : std::filesystem::path(); };
  for (const auto& path : {dir / "sub" / "deep" / "q.json", dir / "sub" / "deep" / ".." / "q.json",
                           dir / "sub" / "deep" / ".." / ".." / "q.json", dir / "other" / "..",
                           dir / "sub" / "deep" / "..", dir / "sub" / "deep" / ".", dir / "sub" / "deep" / "r.json"}) {
    INFO(path);
    CHECK(directory_of(project.config_for(path.string())) == directory_of(Project(ProjectOptions{}).config_for(path.string())));
  }
  CHECK(project.config_for((dir / "sub" / "deep" / ".." / ".." / "q.json").string()) == top);
  CHECK(project.config_for((dir / "sub" / "deep" / ".." / "q.json").string()) == sub);
  CHECK(project.excluded((dir / "other" / "skip.json").string()));
  CHECK_FALSE(project.excluded((dir / "other" / "p.json").string()));
  CHECK(project.linter_for(top).options().selection.select == std::vector<std::string>{"IAM1"});
  CHECK(project.linter_for(top).options().root == dir);
  CHECK(project.linter_for(sub).options().selection.ignore == std::vector<std::string>{"IAM101"});

  ProjectOptions flags;
  flags.lint.selection.select = {"SES"};
  Project with_flags(flags);
  CHECK(with_flags.linter_for(with_flags.config_for((dir / "x.json").string())).options().selection.select ==
        std::vector<std::string>{"SES"});

  ProjectOptions none;
  none.discover = false;
  CHECK(Project(none).config_for((dir / "x.json").string()) == nullptr);

  std::ofstream(dir / "bad.yaml") << "select: [NOPE]\n";
  ProjectOptions named;
  named.config_file = dir / "bad.yaml";
  Project broken(named);
  CHECK(broken.config_for("x.json") == nullptr);
  REQUIRE(broken.error());
  CHECK(broken.error()->to_string().find("bad.yaml:1:10: unknown rule 'NOPE'") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("org: a From or a network the organisation does not own is a finding naming it") {
  auto load = parse_config(R"(
org:
  from-addresses: ['(alerts|billing)@acme-corp\.io']
  trusted-networks: [203.0.113.0/24]
)", ".seslint.yaml", std::filesystem::current_path());
  REQUIRE(load.config);
  LintOptions options;
  options.config = &load.config.value();
  const Linter with_org(options);
  const Linter without(LintOptions{});
  auto send_policy = [](std::string_view from, std::string_view cidr) {
    return fmt::format(R"({{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "ses:SendRawEmail",
 "Resource": "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io",
 "Condition": {{"StringEquals": {{"ses:FromAddress": [{}]}}, "IpAddress": {{"aws:SourceIp": "{}"}}}}}}]}})",
                       from, cidr);
  };
  auto messages = [](const FileResult& file, std::string_view rule) {
    std::string out;
    for (const auto& finding : file.findings)
      if (finding.rule_id == rule) out += finding.message + "\n";
    return out;
  };
  const auto inside = with_org.lint_source("p.json", send_policy(R"("alerts@acme-corp.io")", "203.0.113.0/25"));
  CHECK(messages(inside, "SES102").empty());
  CHECK(messages(inside, "SES103").empty());

  const auto outside = with_org.lint_source("p.json", send_policy(R"("alerts@acme-corp.io", "ceo@acme-corp.io")", "198.51.100.0/23"));
  CHECK(messages(outside, "SES102").find("allowed with From 'ceo@acme-corp.io', which matches none of the organisation's from-addresses") !=
        std::string::npos);
  const auto network = messages(outside, "SES103");
  CHECK(network.find("allowed from 198.51.10") != std::string::npos);
  CHECK(network.find("outside the organisation's trusted networks") != std::string::npos);
  // Without the org parameters the same policy is clean.
  const auto plain = without.lint_source("p.json", send_policy(R"("alerts@acme-corp.io", "ceo@acme-corp.io")", "198.51.100.0/23"));
  CHECK(messages(plain, "SES102").empty());
  CHECK(messages(plain, "SES103").empty());
}

TEST_CASE("principal-kind: the config declares who holds a path's policies, a container and the flag win") {
  auto load = parse_config(R"(
principal-kind:
  "smtp/**": user
  "lambda/**": service-role
)", ".seslint.yaml", std::filesystem::current_path());
  REQUIRE(load.config);
  // Sends from any network (SES103) and writes to S3 (SES109): not SMTP-shaped, so the holder is
  // unknown (note) unless declared.
  const std::string sender = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"],
   "Resource": "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io",
   "Condition": {"StringEquals": {"ses:FromAddress": "noreply@acme-corp.io"}}},
  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-uploads/*"}]})";
  auto levels = [&](const LintOptions& options, const std::string& path) {
    const Linter linter(options);
    std::string out;
    for (const auto& finding : linter.lint_source(path, sender).findings)
      if (finding.rule_id == "SES103" || finding.rule_id == "SES109")
        out += finding.rule_id + " " + std::string(to_string(finding.level)) + "\n";
    return out;
  };
  LintOptions options;
  options.config = &load.config.value();
  CHECK(levels(options, "other/p.json") == "SES103 note\nSES109 note\n");
  CHECK(levels(options, "smtp/p.json") == "SES103 warning\nSES109 warning\n");
  CHECK(levels(options, "lambda/p.json").empty());
  options.principal_kind = PrincipalKind::Role;  // --principal-kind replaces the config's word
  CHECK(levels(options, "smtp/p.json") == "SES103 note\nSES109 note\n");
}
