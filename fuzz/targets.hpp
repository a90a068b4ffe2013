#pragma once
// The fuzz targets' bodies, shared by the libFuzzer entry points (fuzz/*_fuzzer.cpp) and the
// regression test that replays every input the fuzzers once crashed on (testdata/fuzz/).
// Each returns normally on any input; a broken invariant throws FuzzInvariantError (libFuzzer then
// reports the input as a crash).
#include <stdexcept>
#include <string_view>

namespace seslint::fuzz {

struct FuzzInvariantError : std::logic_error {
  using std::logic_error::logic_error;
};

// Any bytes as a file named on the command line: input type auto, every rule, text and SARIF output.
void lint_bytes(std::string_view data);
// The YAML reader (CloudFormation templates): a tree or an error, with spans inside the input.
void read_yaml(std::string_view data);
// `seslint simulate --batch`: each line a case; every output line is a JSON object with a decision.
void simulate_batch(std::string_view data);

}  // namespace seslint::fuzz
