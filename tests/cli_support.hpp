#pragma once
// What the tests that run the real binary share.
#include <fstream>
#include <sstream>
#include <string>
#include <filesystem>

struct Run {
  int exit_code;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
