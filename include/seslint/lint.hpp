#pragma once
// The library's front door: bytes or paths in, findings out.
#include <optional>
#include <string>
#include <vector>

#include "seslint/engine.hpp"
#include "seslint/finding.hpp"

namespace seslint {

struct LintOptions {
  std::optional<PolicyKind> policy_type;           // nullopt: infer per document
  std::size_t max_file_size = 16u * 1024u * 1024u;  // bytes; larger files are an IAM000 finding
  ParseOptions parse;
  RuleSelection selection;
  const aws::Catalog* aws_catalog = nullptr;  // nullptr: the built-in catalog
};

class Linter {
 public:
  explicit Linter(LintOptions options, const RuleCatalog& catalog = RuleCatalog::builtin());
  FileResult lint_source(std::string path, std::string source) const;
  // Reads and lints a file; "-" reads standard input. I/O failures land in FileResult::io_error.
  FileResult lint_path(const std::string& path) const;
  const Engine& engine() const { return engine_; }
  const LintOptions& options() const { return options_; }

 private:
  FileResult lint_oversized(std::string path, std::size_t size) const;
  LintOptions options_;
  Engine engine_;
};

// Expands the command-line paths: files as given, directories recursively (files named *.json,
// skipping .git and node_modules, in sorted order). Missing paths are returned in `errors`.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths, std::vector<std::string>& errors);

}  // namespace seslint
