#pragma once
// Runs the real seslint binary from the source root, as the CLI tests need it.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

namespace cli {

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

// Runs seslint with `args` (shell words) from the source root, `stdin_text` on standard input and
// `env` (shell assignments) in front.
inline Run seslint(const std::string& args, const std::string& stdin_text = "", const std::string& env = "") {
  namespace fs = std::filesystem;
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

}  // namespace cli
