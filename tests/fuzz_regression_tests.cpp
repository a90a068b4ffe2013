// Every input a fuzz target once failed on (testdata/fuzz/<target>/) replayed through the same code
// as the fuzzer (fuzz/targets.cpp), in every build: the bug must stay fixed without clang.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "targets.hpp"

namespace fs = std::filesystem;

namespace {

template <typename Target>
void replay(const char* target_dir, Target target) {
  const fs::path dir = fs::path(SESLINT_SOURCE_DIR) / "testdata" / "fuzz" / target_dir;
  REQUIRE(fs::is_directory(dir));
  std::size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    INFO(entry.path().filename().string());
    CHECK_NOTHROW(target(bytes.str()));
    ++replayed;
  }
  CHECK(replayed > 0);
}

}  // namespace

TEST_CASE("fuzz regressions: lint") { replay("lint", seslint::fuzz::lint_bytes); }
TEST_CASE("fuzz regressions: yaml") { replay("yaml", seslint::fuzz::read_yaml); }
TEST_CASE("fuzz regressions: batch") { replay("batch", seslint::fuzz::simulate_batch); }
