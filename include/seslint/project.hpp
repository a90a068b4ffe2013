#pragma once
// One run over many paths: each file gets the .seslint.yaml that applies to it (the nearest one
// above it, or the one --config names) and a Linter built from it, with command-line flags winning
// over the file. Configs and linters are made once and shared by the files they apply to.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seslint/config.hpp"
#include "seslint/lint.hpp"

namespace seslint {

struct ProjectOptions {
  LintOptions lint;  // from the flags: a non-empty select or ignore, or a policy_type, wins over the file
  std::optional<std::filesystem::path> config_file;  // --config
  bool discover = true;                              // false: --no-config
};

class Project {
 public:
  explicit Project(ProjectOptions options);
  ~Project();
  // The config for `path` ("-" is standard input: the working directory's), or nullptr. After a
  // config error, nullptr and error() tells.
  const Config* config_for(const std::string& path);
  // True when the config that applies to `path` excludes it.
  bool excluded(const std::string& path);
  // The linter for files under `config` (nullptr: no config).
  const Linter& linter_for(const Config* config);
  const std::optional<ConfigError>& error() const { return error_; }
  // The rules any linter made so far runs, sorted by ID (SARIF's tool.driver.rules).
  std::vector<const RuleInfo*> enabled_rules() const;

 private:
  const Config* load(const std::filesystem::path& file);
  ProjectOptions options_;
  std::filesystem::path working_directory_;
  std::map<std::filesystem::path, std::unique_ptr<Config>> configs_;  // by absolute file; nullptr: failed
  std::map<std::filesystem::path, const Config*> by_directory_;
  std::map<std::string, const Config*, std::less<>> by_written_directory_;  // "a/b/" of "a/b/x.json"
  std::map<const Config*, std::unique_ptr<Linter>> linters_;
  std::optional<ConfigError> error_;
};

}  // namespace seslint
