// Metadata agrees with behaviour: registry <-> catalog <-> docs <-> fixtures.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "seslint/catalog.hpp"
#include "seslint/embedded.hpp"
#include "seslint/engine.hpp"
#include "seslint/secrets.hpp"

using namespace seslint;
namespace fs = std::filesystem;

namespace {
const fs::path kRoot = SESLINT_SOURCE_DIR;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Peer check -> the rules that cover it, peers in peer_prefixes() order, checks sorted by name.
std::string peers_index() {
  std::map<std::string, std::vector<std::string>> rules_by_check;
  for (const auto& rule : RuleCatalog::builtin().rules())
    for (const auto& peer : rule.peers) rules_by_check[std::string(peer)].push_back(fmt::format("[{}]({}.md)", rule.id, rule.id));
  std::string out =
      "\n## Peer checks\n\n"
      "The checks of IAM Access Analyzer policy validation (AA), Parliament and Cloudsplaining, and the rules that cover "
      "them (the `peers` field of each catalog entry).\n\n"
      "| Peer | Check | Rules |\n|---|---|---|\n";
  for (const std::string_view prefix : peer_prefixes())
    for (const auto& [peer, rules] : rules_by_check)
      if (peer.starts_with(prefix) && peer[prefix.size()] == ':')
        out += fmt::format("| {} | `{}` | {} |\n", prefix, peer.substr(prefix.size() + 1), fmt::join(rules, ", "));
  return out;
}

std::string docs_index() {
  std::string out =
      "# Rules\n\n"
      "Generated from rules/catalog.json by the test suite (`UPDATE_GOLDEN=1` rewrites it); do not edit by hand.\n\n"
      "| ID | Name | Level | What it flags |\n|---|---|---|---|\n";
  for (const auto& rule : RuleCatalog::builtin().rules())
    out += fmt::format("| [{}]({}.md) | {} | {} | {} |\n", rule.id, rule.id, rule.name, to_string(rule.level), rule.title);
  return out + peers_index();
}
}  // namespace

TEST_CASE("the registry is sorted, unique, and matches the catalog both ways") {
  const auto rules = builtin_rules();
  std::set<std::string_view> registered;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) CHECK(rules[i - 1].id < rules[i].id);
    registered.insert(rules[i].id);
    CHECK(RuleCatalog::builtin().find(rules[i].id) != nullptr);
  }
  // The secrets scanner runs the SES4xx rules (seslint secrets), the engine all others.
  for (const auto& rule : RuleCatalog::builtin().rules())
    CHECK(registered.count(rule.id) + (secrets::is_secret_rule(rule.id) ? 1u : 0u) == 1u);
}

TEST_CASE("catalog entries are complete") {
  const std::regex id_pattern("(IAM|SES|MM)[0-9]{3}");
  const std::regex name_pattern("[a-z0-9]+(-[a-z0-9]+)*");
  std::set<std::string> names;
  for (const auto& rule : RuleCatalog::builtin().rules()) {
    INFO(rule.id);
    CHECK(std::regex_match(std::string(rule.id), id_pattern));
    CHECK(std::regex_match(std::string(rule.name), name_pattern));
    CHECK(names.insert(std::string(rule.name)).second);
    CHECK_FALSE(rule.title.empty());
    CHECK(rule.summary.back() == '.');
    CHECK_FALSE(rule.tags.empty());
    CHECK_FALSE(rule.since.empty());
    CHECK(std::set<std::string, std::less<>>{"very-high", "high", "medium", "low"}.count(rule.precision) == 1);
    if (!rule.security_severity.empty()) {
      const double severity = std::stod(std::string(rule.security_severity));
      CHECK(severity >= 0.0);
      CHECK(severity <= 10.0);
    }
  }
}

TEST_CASE("catalog peers carry a known peer prefix") {
  const auto entry = [](std::string_view peers) {
    return fmt::format(R"({{"rules":[{{"id":"IAM999","name":"x","title":"t","summary":"s.","level":"note","precision":"high","peers":{}}}]}})",
                       peers);
  };
  const auto parsed = RuleCatalog::from_json(entry(R"(["AA:REDUNDANT_ACTION","cloudsplaining:CredentialsExposure"])"), "u/");
  const auto peers = parsed.rules()[0].peers;
  CHECK(std::vector<std::string_view>(peers.begin(), peers.end()) ==
        std::vector<std::string_view>{"AA:REDUNDANT_ACTION", "cloudsplaining:CredentialsExposure"});
  CHECK_THROWS(RuleCatalog::from_json(entry(R"(["checkov:CKV_AWS_1"])"), "u/"));
  CHECK_THROWS(RuleCatalog::from_json(entry(R"(["REDUNDANT_ACTION"])"), "u/"));
  CHECK_THROWS(RuleCatalog::from_json(entry(R"(["AA:"])"), "u/"));
}

TEST_CASE("every rule has a doc page with the fixed sections") {
  for (const auto& rule : RuleCatalog::builtin().rules()) {
    INFO(rule.id);
    REQUIRE_FALSE(rule.doc.empty());
    const std::string doc(rule.doc);
    CHECK(doc.rfind(fmt::format("# {}: {}\n\n{}\n", rule.id, rule.name, rule.summary), 0) == 0);
    for (const char* section : {"## What it flags", "## Why it matters", "## Bad example", "## Good example",
                                "## When to suppress", "## References"})
      CHECK(doc.find(section) != std::string::npos);
  }
  for (const auto& doc : embedded::docs()) CHECK(RuleCatalog::builtin().find(doc.id) != nullptr);
}

TEST_CASE("docs/rules/README.md is the catalog's index") {
  const fs::path path = kRoot / "docs" / "rules" / "README.md";
  if (std::getenv("UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << docs_index();
    FAIL("docs/rules/README.md rewritten (UPDATE_GOLDEN is set): review git diff, then rerun without it");
  }
  CHECK(read(path) == docs_index());
}

TEST_CASE("every rule has a fixture directory, and every fixture directory a rule") {
  for (const auto& rule : RuleCatalog::builtin().rules()) {
    INFO(rule.id);
    CHECK(fs::is_directory(kRoot / "testdata" / "rules" / rule.id));
  }
  for (const auto& entry : fs::directory_iterator(kRoot / "testdata" / "rules")) {
    INFO(entry.path().string());
    CHECK(RuleCatalog::builtin().find(entry.path().filename().string()) != nullptr);
  }
}

// The doc pages' examples are fixtures too, so what the docs promise is tested: the JSON block under
// "## Bad example" / "## Good example" is byte for byte a {bad,good}-doc-example*.json fixture.
// Only the pages listed here describe their examples in prose instead (IAM011: policies too large
// to show); every other page must have both blocks.
TEST_CASE("doc page examples are the doc-example fixtures") {
  const std::set<std::string_view> prose_examples = {"IAM011"};
  for (const auto& rule : RuleCatalog::builtin().rules()) {
    const std::string doc(rule.doc);
    for (const std::string_view which : {"bad", "good"}) {
      INFO(rule.id << " " << which);
      // Secret rules show text files (```dotenv, ```ini ...) and their fixtures have that file's extension.
      const bool secret_rule = secrets::is_secret_rule(rule.id);
      const std::string heading = fmt::format("## {} example\n\n```{}", which == "bad" ? "Bad" : "Good", secret_rule ? "" : "json\n");
      const auto start = doc.find(heading);
      if (prose_examples.count(rule.id) == 1) {
        CHECK(start == std::string::npos);  // listed, so it must really be prose
        continue;
      }
      REQUIRE(start != std::string::npos);
      const auto body = doc.find('\n', start + heading.size() - 1) + 1;
      const std::string block = doc.substr(body, doc.find("```", body) - body);
      bool found = false;
      for (const auto& entry : fs::directory_iterator(kRoot / "testdata" / "rules" / rule.id)) {
        const std::string name = entry.path().filename().string();
        const bool fixture_type = secret_rule ? entry.path().extension() != ".expected" : entry.path().extension() == ".json";
        if (name.rfind(fmt::format("{}-doc-example", which), 0) == 0 && fixture_type) {
          found = true;
          CHECK(read(entry.path()) == block);
        }
      }
      CHECK(found);
    }
  }
}

// Superseded findings are documented on both pages: "## Supersedes" on the specific rule's page,
// "## Superseded by" on the general rule's, each naming the other.
TEST_CASE("supersessions name known rules and are documented on both pages") {
  for (const auto& rule : RuleCatalog::builtin().rules())
    for (const auto& each : rule.supersedes) {
      INFO(rule.id << " supersedes " << each.rule);
      const RuleInfo* general = RuleCatalog::builtin().find(each.rule);
      REQUIRE(general != nullptr);
      CHECK(general->id != rule.id);
      const std::string specific_doc(rule.doc), general_doc(general->doc);
      const auto supersedes = specific_doc.find("## Supersedes\n");
      const auto superseded_by = general_doc.find("## Superseded by\n");
      REQUIRE(supersedes != std::string::npos);
      REQUIRE(superseded_by != std::string::npos);
      CHECK(specific_doc.find(each.rule, supersedes) != std::string::npos);
      CHECK(general_doc.find(rule.id, superseded_by) != std::string::npos);
    }
}

// The generated catalog (src/codegen) must carry every field of rules/catalog.json as parsed at run
// time: a field or enum value the generator forgets would silently change behaviour.
TEST_CASE("the built-in catalog is rules/catalog.json, field by field") {
  const auto& builtin = RuleCatalog::builtin();
  const std::string base_url(builtin.rules().front().help_uri.substr(
      0, builtin.rules().front().help_uri.size() - builtin.rules().front().id.size() - 3));
  const auto parsed = RuleCatalog::from_json(read(kRoot / "rules/catalog.json"), base_url);
  REQUIRE(parsed.rules().size() == builtin.rules().size());
  for (std::size_t i = 0; i < parsed.rules().size(); ++i) {
    const RuleInfo& want = parsed.rules()[i];
    const RuleInfo& got = builtin.rules()[i];
    INFO(want.id);
    CHECK(got.id == want.id);
    CHECK(got.name == want.name);
    CHECK(got.title == want.title);
    CHECK(got.summary == want.summary);
    CHECK(got.level == want.level);
    CHECK(got.security_severity == want.security_severity);
    CHECK(got.precision == want.precision);
    CHECK(std::equal(got.tags.begin(), got.tags.end(), want.tags.begin(), want.tags.end()));
    CHECK(got.since == want.since);
    CHECK(got.help_uri == want.help_uri);
    CHECK(std::equal(got.peers.begin(), got.peers.end(), want.peers.begin(), want.peers.end()));
    REQUIRE(got.supersedes.size() == want.supersedes.size());
    for (std::size_t k = 0; k < want.supersedes.size(); ++k) {
      CHECK(got.supersedes[k].rule == want.supersedes[k].rule);
      CHECK(got.supersedes[k].scope == want.supersedes[k].scope);
    }
  }
}
