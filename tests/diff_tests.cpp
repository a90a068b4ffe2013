// seslint diff: the pairs in testdata/diff (one per kind of change, exact expected reports) and a
// seeded differential test: every witness re-evaluated, and random requests never finding new
// access the diff did not report.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "seslint/account.hpp"
#include "seslint/diff.hpp"
#include "seslint/eval.hpp"

using namespace seslint;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::unique_ptr<diff::LoadedFile> load(const std::string& name, const std::string& text) {
  auto file = std::make_unique<diff::LoadedFile>();
  const auto problem = diff::load_file(name, text, *file);
  INFO(text);
  INFO(problem.value_or(""));
  REQUIRE_FALSE(problem);
  return file;
}

// Every reported class's witness: allowed by the version that grants it, denied by the other.
void check_witnesses(const diff::PairResult& pair) {
  // A missing version allows nothing; a principal's requests also pass its boundary.
  auto allows = [](const Policy* policy, const Policy* boundary, const eval::Request& request) {
    return diff::policy_allows(policy, request) && (boundary == nullptr || diff::policy_allows(boundary, request));
  };
  for (const auto& access : pair.diff.added) {
    CHECK(allows(pair.new_policy, pair.new_boundary, access.witness));
    CHECK_FALSE(allows(pair.old_policy, pair.old_boundary, access.witness));
  }
  for (const auto& access : pair.diff.removed) {
    CHECK(allows(pair.old_policy, pair.old_boundary, access.witness));
    CHECK_FALSE(allows(pair.new_policy, pair.new_boundary, access.witness));
  }
}

}  // namespace

TEST_CASE("diff: each kind of change in testdata/diff gives exactly its expected report") {
  const fs::path root = fs::path(SESLINT_SOURCE_DIR) / "testdata" / "diff";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory()) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 14);
  for (const auto& dir : cases) {
    const std::string name = dir.filename().string();
    SECTION(name) {
      // old.json/new.json, or containers paired by logical name (old.yaml/new.yaml templates).
      const std::string extension = fs::exists(dir / "old.yaml") ? ".yaml" : ".json";
      const auto old_file = load(name + "/old" + extension, slurp(dir / ("old" + extension)));
      const auto new_file = load(name + "/new" + extension, slurp(dir / ("new" + extension)));
      diff::Report report;
      report.pairs = diff::diff_files(old_file.get(), new_file.get());
      // Account models (exports, templates, plans declaring users and roles): each principal too, as the CLI does.
      const auto old_model = audit::load_account_sources({{name + "/old" + extension, slurp(dir / ("old" + extension))}});
      const auto new_model = audit::load_account_sources({{name + "/new" + extension, slurp(dir / ("new" + extension))}});
      if (diff::has_principals(old_model) && diff::has_principals(new_model))
        for (auto& pair : diff::diff_principals(&old_model, &new_model)) {
          pair.path = name + "/new" + extension;
          pair.old_path = name + "/old" + extension;
          report.pairs.push_back(std::move(pair));
        }
      for (const auto& pair : report.pairs) check_witnesses(pair);
      std::string actual = diff::format_text(report) + "---\n" + diff::format_json(report);
      if (name == "account-principals")  // the principal named in every format
        actual += "---\n" + diff::format_markdown(report) + "---\n" + diff::format_sarif(report);
      const fs::path expected_path = dir / "expected.txt";
      if (std::getenv("UPDATE_GOLDEN") != nullptr) {
        std::ofstream(expected_path, std::ios::binary) << actual;
        FAIL(expected_path.string() + " rewritten (UPDATE_GOLDEN is set): review git diff, then rerun without it");
      }
      CHECK(actual == slurp(expected_path));
      // Equivalent rewrites are no new access, in either direction.
      if (name.rfind("equivalent-", 0) == 0) {
        CHECK(report.added() == 0);
        CHECK(report.removed() == 0);
        CHECK(report.undetermined() == 0);
        CHECK(report.undetermined_removed() == 0);
      } else {
        CHECK(report.added() + report.undetermined() + report.undetermined_removed() > 0);
      }
    }
  }
}

namespace {

using Json = nlohmann::ordered_json;

// Random SES policies over a small vocabulary, so that pairs overlap and differ in every element.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  Json policy(bool resource_policy) {
    Json statements = Json::array();
    const int n = 1 + static_cast<int>(rng_() % 3);
    for (int i = 0; i < n; ++i) statements.push_back(statement(resource_policy));
    return Json{{"Version", "2012-10-17"}, {"Statement", statements}};
  }

  // A variant of `policy`: one element of one statement changed, a statement added or removed, or an
  // equivalent rewrite (statements and values reordered).
  Json mutate(Json policy, bool resource_policy) {
    auto& statements = policy["Statement"];
    switch (rng_() % 5) {
      case 0: statements.push_back(statement(resource_policy)); break;
      case 1:
        if (statements.size() > 1) statements.erase(statements.begin() + static_cast<long>(rng_() % statements.size()));
        break;
      case 2: {
        auto& s = statements[rng_() % statements.size()];
        const Json fresh = statement(resource_policy);
        for (const char* element : {"Effect", "Action", "Resource", "Condition", "Principal"})
          if (chance(40)) {
            s.erase(element);
            s.erase(std::string("Not") + element);
            for (const auto& [key, value] : fresh.items())
              if (key == element || key == std::string("Not") + element) s[key] = value;
          }
        break;
      }
      default:
        std::shuffle(statements.begin(), statements.end(), rng_);
        for (auto& s : statements)
          for (const char* element : {"Action", "Resource"})
            if (s.contains(element) && s[element].is_array()) std::shuffle(s[element].begin(), s[element].end(), rng_);
        break;
    }
    return policy;
  }

  eval::Request request(bool resource_policy) {
    eval::Request r;
    r.action = pick({"ses:SendRawEmail", "ses:SendEmail", "ses:SendTemplatedEmail", "ses:SendBounce", "ses:GetTemplate"});
    r.resource = pick({"arn:aws:ses:us-east-1:111122223333:identity/example.com",
                       "arn:aws:ses:us-east-1:111122223333:identity/other.org",
                       "arn:aws:ses:eu-west-1:111122223333:identity/example.com"});
    if (resource_policy)
      r.principal = pick({"arn:aws:iam::444455556666:user/delegate", "arn:aws:iam::444455556666:user/other",
                          "arn:aws:iam::111122223333:user/local", "arn:aws:iam::777788889999:user/stranger"});
    if (chance(60)) r.context.set("aws:SourceIp", {pick({"203.0.113.7", "198.51.100.9", "198.51.100.200", "192.0.2.5",
                                                          "2001:db8::1", "8.8.8.8", "52.0.0.1"})});
    else if (chance(50)) r.context.set("aws:SourceVpce", {pick({"vpce-1a2b3c", "vpce-4d5e6f", "vpce-9z"})});
    if (chance(80)) r.context.set("ses:FromAddress", {pick({"noreply@example.com", "alerts+ops@example.com", "eve@evil.test",
                                                             "bob@mail.example.com", "NOREPLY@example.com", "xoreply@example.com"})});
    if (chance(60)) {
      std::vector<std::string> recipients;
      for (int i = static_cast<int>(rng_() % 3); i > 0; --i)
        recipients.push_back(pick({"a@partner.org", "b@example.com", "ops1@example.com", "eve@evil.test"}));
      r.context.set("ses:Recipients", recipients);
    }
    if (chance(50)) r.context.set("aws:SecureTransport", {pick({"true", "false"})});
    eval::normalize(r);
    return r;
  }

 private:
  bool chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }
  std::string pick(std::initializer_list<const char*> items) { return *(items.begin() + rng_() % items.size()); }
  Json some(std::initializer_list<const char*> pool, std::size_t max) {
    const std::size_t n = 1 + rng_() % max;
    if (n == 1 && chance(50)) return pick(pool);
    Json out = Json::array();
    for (std::size_t i = 0; i < n; ++i) out.push_back(pick(pool));
    return out;
  }

  Json condition() {
    Json block = Json::object();
    for (int i = static_cast<int>(rng_() % 3); i > 0; --i) {
      switch (rng_() % 5) {
        case 0:
          block[pick({"IpAddress", "NotIpAddress", "IpAddressIfExists", "NotIpAddressIfExists"})]["aws:SourceIp"] =
              some({"203.0.113.0/24", "198.51.100.0/25", "192.0.2.0/28", "2001:db8::/32", "198.51.100.128/25"}, 2);
          break;
        case 1:
          block[pick({"StringEquals", "StringNotEquals", "StringEqualsIfExists", "StringNotEqualsIfExists"})]["aws:SourceVpce"] =
              some({"vpce-1a2b3c", "vpce-4d5e6f"}, 2);
          break;
        case 2:
          block[pick({"StringEquals", "StringLike", "StringNotLike", "StringNotEquals", "StringLikeIfExists",
                      "StringEqualsIgnoreCase"})]["ses:FromAddress"] =
              some({"noreply@example.com", "*@example.com", "alerts+*@example.com", "?oreply@example.com", "*@*.example.com"}, 2);
          break;
        case 3:
          block[pick({"ForAllValues:StringLike", "ForAnyValue:StringLike", "ForAnyValue:StringEquals", "ForAllValues:StringEquals"})]
               ["ses:Recipients"] = some({"*@example.com", "a@partner.org", "ops?@example.com"}, 2);
          break;
        default:
          block[pick({"Bool", "BoolIfExists"})]["aws:SecureTransport"] = pick({"true", "false"});
          break;
      }
    }
    return block;
  }

  Json statement(bool resource_policy) {
    Json s;
    s["Effect"] = chance(70) ? "Allow" : "Deny";
    if (resource_policy)
      s["Principal"] = chance(60) ? Json{{"AWS", pick({"444455556666", "arn:aws:iam::444455556666:root",
                                                       "arn:aws:iam::444455556666:user/delegate", "111122223333"})}}
                                  : Json("*");
    s[chance(85) ? "Action" : "NotAction"] =
        some({"ses:SendRawEmail", "ses:SendEmail", "ses:Send*", "ses:*", "ses:SendTemplatedEmail", "ses:*Raw*", "ses:SendBounce"}, 2);
    s[chance(90) ? "Resource" : "NotResource"] =
        some({"*", "arn:aws:ses:us-east-1:111122223333:identity/example.com", "arn:aws:ses:*:111122223333:identity/*",
              "arn:aws:ses:us-east-1:111122223333:identity/other.org"}, 2);
    const Json c = condition();
    if (!c.empty()) s["Condition"] = c;
    return s;
  }

  std::mt19937_64 rng_;
};

}  // namespace

TEST_CASE("diff: seeded differential test on random policy pairs") {
  // SESLINT_DIFF_ROUNDS and SESLINT_DIFF_SEED run it longer or elsewhere (docs/diff.md gives a run).
  const char* rounds_text = std::getenv("SESLINT_DIFF_ROUNDS");
  const char* seed_text = std::getenv("SESLINT_DIFF_SEED");
#ifdef SESLINT_SANITIZED_TESTS
  constexpr int kDefaultRounds = 16;  // the sanitizer build is several times slower
#else
  constexpr int kDefaultRounds = 80;  // the suite's share of a 60 s limit on a busy machine
#endif
  const int rounds = rounds_text != nullptr ? std::atoi(rounds_text) : kDefaultRounds;
  Generator generator(seed_text != nullptr ? std::strtoull(seed_text, nullptr, 10) : 19);
  std::size_t pairs = 0, witnesses = 0, quiet_pairs = 0, probes = 0, failures = 0;
  for (int round = 0; round < rounds; ++round) {
    const bool resource_policy = round % 4 == 3;
    const Json old_json = generator.policy(resource_policy);
    const Json new_json = round % 3 == 0 ? generator.policy(resource_policy) : generator.mutate(old_json, resource_policy);
    const auto old_file = load("old.json", old_json.dump());
    const auto new_file = load("new.json", new_json.dump());
    const auto results = diff::diff_files(old_file.get(), new_file.get());
    REQUIRE(results.size() == 1);
    const auto& pair = results.front();
    ++pairs;
    INFO("old: " << old_json.dump() << "\nnew: " << new_json.dump());
    for (const auto& access : pair.diff.added) {
      ++witnesses;
      const bool ok = diff::policy_allows(pair.new_policy, access.witness) && !diff::policy_allows(pair.old_policy, access.witness);
      if (!ok) ++failures;
      CHECK(ok);
    }
    for (const auto& access : pair.diff.removed) {
      ++witnesses;
      const bool ok = diff::policy_allows(pair.old_policy, access.witness) && !diff::policy_allows(pair.new_policy, access.witness);
      if (!ok) ++failures;
      CHECK(ok);
    }
    if (!pair.diff.added.empty() || !pair.diff.undetermined.empty()) continue;
    ++quiet_pairs;
    for (int i = 0; i < 200; ++i) {
      const auto request = generator.request(resource_policy);
      ++probes;
      const bool new_access = diff::policy_allows(pair.new_policy, request) && !diff::policy_allows(pair.old_policy, request);
      if (new_access) {
        ++failures;
        INFO("request: " << request.action << " " << request.resource << " " << request.principal);
        for (const auto& [key, values] : request.context.entries()) INFO(key << "=" << values.size() << ":" << (values.empty() ? "" : values[0]));
        CHECK_FALSE(new_access);
        break;
      }
    }
  }
  WARN(fmt::format("{} pairs, {} witnesses re-evaluated, {} pairs without new access probed with {} random requests, {} failures",
                   pairs, witnesses, quiet_pairs, probes, failures));
  CHECK(failures == 0);
  // Both halves of the test ran on a fair share of the pairs.
  CHECK(witnesses > static_cast<std::size_t>(rounds));
  CHECK(quiet_pairs > static_cast<std::size_t>(rounds) / 10);
}

namespace {

struct Run {
  int status = 0;
  std::string out;
};

Run run_seslint(const std::string& arguments) {
  Run run;
  FILE* pipe = popen((std::string(SESLINT_BINARY) + " " + arguments + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace

TEST_CASE("diff CLI: directories paired by relative path, --git against a revision, exit codes") {
  const fs::path cases = fs::path(SESLINT_SOURCE_DIR) / "testdata" / "diff";
  const fs::path root = fs::temp_directory_path() / fmt::format("seslint-diff-cli-{}", ::getpid());
  fs::remove_all(root);
  for (const char* side : {"old", "new"}) fs::create_directories(root / side);
  fs::copy_file(cases / "from" / "old.json", root / "old" / "send.json");
  fs::copy_file(cases / "from" / "new.json", root / "new" / "send.json");
  fs::copy_file(cases / "equivalent-split" / "old.json", root / "old" / "same.json");
  fs::copy_file(cases / "equivalent-split" / "new.json", root / "new" / "same.json");
  fs::copy_file(cases / "network" / "old.json", root / "old" / "gone.json");
  fs::copy_file(cases / "identity" / "new.json", root / "new" / "added.json");
  const std::string old_dir = (root / "old").string(), new_dir = (root / "new").string();

  const Run both = run_seslint("diff " + old_dir + " " + new_dir);
  CHECK(both.status == 1);
  CHECK(both.out.find("new/added.json:1:41: new access: ses:SendRawEmail") != std::string::npos);
  CHECK(both.out.find("old/gone.json:1:41: removed access: ses:SendRawEmail") != std::string::npos);
  CHECK(both.out.find("any From address matching *@acme-corp.io, e.g. billing@acme-corp.io") != std::string::npos);
  CHECK(both.out.find("2 new, 0 undetermined, 1 removed access class in 4 policies") != std::string::npos);

  // Account exports: each principal's access through all its policies, named (the audit's loader).
  const Run principals = run_seslint("diff " + (cases / "account-principals" / "old.json").string() + " " +
                                     (cases / "account-principals" / "new.json").string());
  CHECK(principals.status == 1);
  CHECK(principals.out.find("(principal user/alice, via group/mailers managed policy MarketingSend): new access: ses:SendRawEmail") !=
        std::string::npos);
  CHECK(principals.out.find("in 5 policies and 4 principals") != std::string::npos);

  CHECK(run_seslint("diff " + (root / "old" / "same.json").string() + " " + (root / "new" / "same.json").string()).status == 0);
  CHECK(run_seslint("diff " + (root / "new" / "send.json").string() + " " + (root / "old" / "send.json").string()).status == 0);
  CHECK(run_seslint("diff " + old_dir + " " + (root / "new" / "send.json").string()).status == 2);
  CHECK(run_seslint("diff " + old_dir + "/missing.json " + new_dir + "/send.json").status == 2);

  const Run json = run_seslint("diff -f json " + (root / "old" / "send.json").string() + " " + (root / "new" / "send.json").string());
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["version"] == 1);
  REQUIRE(parsed["added"].size() == 1);
  CHECK(parsed["added"][0]["context"]["ses:FromAddress"] == "billing@acme-corp.io");

  if (std::system("git --version > /dev/null 2>&1") == 0) {
    const std::string repo = (root / "repo").string();
    fs::create_directories(root / "repo" / "policies");
    fs::copy_file(cases / "from" / "old.json", root / "repo" / "policies" / "send.json");
    REQUIRE(std::system(("cd " + repo + " && git init -q && git add . && git -c user.email=t@example.com -c user.name=t "
                         "commit -qm init").c_str()) == 0);
    fs::copy_file(cases / "from" / "new.json", root / "repo" / "policies" / "send.json", fs::copy_options::overwrite_existing);
    fs::copy_file(cases / "identity" / "new.json", root / "repo" / "policies" / "added.json");
    const Run git = run_seslint("diff --git HEAD policies/ -C " + repo);  // -C is not an option: checks usage errors
    CHECK(git.status == 2);
    const Run in_repo = run_seslint("diff --git HEAD " + repo + "/policies");
    CHECK(in_repo.status != 0);
    FILE* pipe = popen(("cd " + repo + " && " + std::string(SESLINT_BINARY) + " diff --git HEAD policies/").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    const int status = pclose(pipe);
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(out.find("policies/added.json:1:41: new access") != std::string::npos);
    CHECK(out.find("policies/send.json:4:5: new access") != std::string::npos);
    CHECK(run_seslint("diff --git no-such-revision " + repo + "/policies").status == 2);
  }
  fs::remove_all(root);
}
