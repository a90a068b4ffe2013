// Lint throughput beside a parse-only pass over the same bytes (files held in memory, so disk I/O
// is not measured). Usage: seslint_bench DIR [ROUNDS]
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "seslint/lint.hpp"

namespace {

struct Input {
  std::string path, text;
};

std::vector<Input> load(const std::string& dir) {
  std::vector<std::string> errors;
  std::vector<Input> inputs;
  for (const auto& input : seslint::expand_input_paths({dir}, errors)) {
    std::ifstream in(input.path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    inputs.push_back({input.path, buffer.str()});
  }
  return inputs;
}

// Best of `rounds` wall times of `body` over all inputs, in seconds.
template <typename Body>
double best_time(int rounds, const std::vector<Input>& inputs, Body&& body) {
  double best = 1e9;
  for (int round = 0; round < rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    for (const auto& input : inputs) body(input);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: seslint_bench DIR [ROUNDS]\n";
    return 2;
  }
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const auto inputs = load(argv[1]);
  std::size_t bytes = 0;
  for (const auto& input : inputs) bytes += input.text.size();
  const seslint::Linter linter(seslint::LintOptions{});
  std::size_t findings = 0, sink = 0;
  const double parse = best_time(rounds, inputs, [&](const Input& in) {
    sink += seslint::parse_json(in.text).duplicates.size();
  });
  const double lint = best_time(rounds, inputs, [&](const Input& in) {
    findings += linter.lint_source(in.path, in.text).findings.size();
  });
  const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  const double files = static_cast<double>(inputs.size());
  fmt::print("inputs      {} files, {:.2f} MiB, best of {} rounds\n", inputs.size(), mb, rounds);
  fmt::print("parse-only  {:8.3f} ms  {:10.0f} files/s  {:8.1f} MiB/s\n", parse * 1e3, files / parse, mb / parse);
  fmt::print("lint        {:8.3f} ms  {:10.0f} files/s  {:8.1f} MiB/s\n", lint * 1e3, files / lint, mb / lint);
  fmt::print("ratio       lint / parse-only = {:.2f}\n", lint / parse);
  fmt::print("findings    {} per round (checksum {})\n", findings / static_cast<std::size_t>(rounds), sink);
  return 0;
}
