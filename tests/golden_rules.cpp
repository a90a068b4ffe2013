// The golden runner: each bad fixture, linted with only its rule on, must give exactly the findings
// in its .expected file (missing or extra ones fail); each good fixture must give no finding from
// rule (structure rules IAM0xx: from any structure rule). UPDATE_GOLDEN=1 rewrites the .expected files for review with git diff,
// and then fails ("rerun"), so an update run can never pass as a test run.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <vector>

#include "catch_session.hpp"
#include "golden_support.hpp"

namespace {
std::string g_rule;    // --rule ID: only that directory
bool g_inputs = false;  // --inputs: the container fixtures instead
}

// --rule ID and --inputs are the runner's own; every other argument goes to Catch.
int main(int argc, char** argv) {
  std::vector<char*> catch_args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--inputs") {
      g_inputs = true;
    } else if (arg == "--rule") {
      if (i + 1 == argc) {
        std::fprintf(stderr, "--rule needs a rule ID\n");
        return 2;
      }
      g_rule = argv[++i];
    } else {
      catch_args.push_back(argv[i]);
    }
  }
  return run_catch_session(static_cast<int>(catch_args.size()), catch_args.data());
}

TEST_CASE("golden fixtures") {
  if (g_inputs) return;
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  const auto ids = g_rule.empty() ? golden::rule_dirs() : std::vector<std::string>{g_rule};
  REQUIRE_FALSE(ids.empty());
  for (const auto& id : ids) {
    const auto fixtures = golden::fixtures_of(id);
    std::size_t bad = 0, good = 0;
    for (const auto& fixture : fixtures) {
      INFO(fixture.input.string());
      if (!fixture.bad) {
        ++good;
        // Structure rules' good fixtures must be structurally clean; the security rules' good
        // fixtures must be clean under every rule (they are meant as policies to copy).
        const bool structure_rule = id.rfind("IAM0", 0) == 0;
        const auto result = golden::lint_fixture(fixture, structure_rule ? std::vector<std::string>{"IAM0"}
                                                                         : std::vector<std::string>{});
        CHECK(result.io_error.empty());
        CHECK(golden::render(result.findings) == "");
        continue;
      }
      ++bad;
      const auto result = golden::lint_fixture(fixture, {id});
      REQUIRE(result.io_error.empty());
      const std::string actual = golden::render(result.findings);
      for (const auto& finding : result.findings) CHECK(finding.rule_id == id);
      if (update) {
        golden::write_file(fixture.expected, actual);
        continue;
      }
      REQUIRE(std::filesystem::exists(fixture.expected));
      const std::string expected = golden::read_file(fixture.expected);
      CHECK_FALSE(expected.empty());  // a bad fixture must be bad
      CHECK(actual == expected);
    }
    INFO("rule " << id);
    CHECK(bad >= 1);
    CHECK(good >= 1);
  }
  if (update) FAIL("goldens rewritten (UPDATE_GOLDEN is set): review git diff, then rerun without it");
}

// Each input fixture (a container: AWS CLI export, CloudFormation template, Terraform plan) is linted
// with every rule; its .expected holds what it was read as and every finding, located in the file.
TEST_CASE("input fixtures") {
  if (!g_inputs) return;
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  const auto fixtures = golden::fixtures_in(golden::inputs_dir());
  REQUIRE(fixtures.size() >= 8);
  for (const auto& fixture : fixtures) {
    INFO(fixture.input.string());
    const auto result = golden::lint_fixture(fixture, {});
    REQUIRE(result.io_error.empty());
    const std::string actual = golden::render_input(result);
    if (update) {
      golden::write_file(fixture.expected, actual);
      continue;
    }
    REQUIRE(std::filesystem::exists(fixture.expected));
    CHECK(actual == golden::read_file(fixture.expected));
  }
  if (update) FAIL("goldens rewritten (UPDATE_GOLDEN is set): review git diff, then rerun without it");
}
