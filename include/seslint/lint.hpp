#pragma once
// The library's front door: bytes or paths in, findings out.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "seslint/config.hpp"
#include "seslint/engine.hpp"
#include "seslint/finding.hpp"
#include "seslint/inputs.hpp"

namespace seslint {

struct LintOptions {
  std::optional<PolicyKind> policy_type;           // nullopt: infer per document
  // Who holds the policies (--principal-kind, or per file from a config): used where no container
  // says; nullopt: read from the policy's shape (infer_holder).
  std::optional<PrincipalKind> principal_kind;
  std::size_t max_file_size = 16u * 1024u * 1024u;  // bytes; larger files are an IAM000 finding
  ParseOptions parse;
  RuleSelection selection;
  const aws::Catalog* aws_catalog = nullptr;  // nullptr: the built-in catalog
  InputType input_type = InputType::Auto;     // --input-type
  bool include_aws_managed = false;           // authorization details: AWS-managed policies too
  const Config* config = nullptr;             // .seslint.yaml: levels, suppressions, policy types per glob
  std::filesystem::path root;                 // absolute; FileResult::root_path is relative to it (empty: the working directory)
};

class Linter {
 public:
  explicit Linter(LintOptions options, const RuleCatalog& catalog = RuleCatalog::builtin());
  // `named`: the user named this input (a file that is not a policy gets a notice); false for files
  // found in a directory (skipped quietly).
  FileResult lint_source(std::string path, std::string source, bool named = true) const;
  // Reads and lints a file; "-" reads standard input. I/O failures land in FileResult::io_error.
  // Authorization-details exports are streamed: their size is not limited by max_file_size.
  FileResult lint_path(const std::string& path, bool named = true) const;
  const Engine& engine() const { return engine_; }
  const LintOptions& options() const { return options_; }

 private:
  FileResult read_source(std::string path, std::string source, bool named) const;
  FileResult read_path(const std::string& path, bool named) const;
  // Config levels and suppressions, the path relative to the root, fingerprints.
  FileResult finish(FileResult result) const;
  void apply_config(Finding& finding, const std::optional<std::string>& config_path) const;
  std::optional<PolicyKind> policy_type_for(const std::string& path) const;
  std::filesystem::path absolute(const std::string& path) const;
  // `size`: nullopt when reading stopped at the limit (stdin, pipes, devices).
  FileResult lint_oversized(std::string path, std::optional<std::size_t> size) const;
  std::vector<Finding> lint_sites(const std::string& path, std::string_view source, const ParseResult& parsed,
                                  const Extraction& extraction) const;
  bool streamable(std::string_view head) const;
  void unrecognised(FileResult& result, bool named) const;
  std::vector<Finding> parse_failure(const std::string& path, std::string_view source, const ParseResult& parsed) const;
  FileResult lint_streamed(const std::string& path, std::istream& in, bool named) const;
  std::vector<Finding> run(Document& document, const PolicyOrigin& origin) const;
  Holder holder_of(const Policy& policy, const PolicyOrigin& origin) const;
  LintOptions options_;
  const RuleCatalog& catalog_;
  std::filesystem::path working_directory_;
  Engine engine_;
};

struct InputPath {
  std::string path;
  bool named = true;  // given on the command line (false: found in a directory)
};

// Expands the command-line paths: files as given, directories recursively (files named *.json,
// *.yaml, *.yml and *.template, skipping .git and node_modules, in sorted order). Missing paths are
// returned in `errors`. Links in a directory that cannot be followed (dangling, looping) are skipped
// with a line in `notes` when given.
std::vector<InputPath> expand_input_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors,
                                          std::vector<std::string>* notes = nullptr);

// True for names the directory scan picks up.
bool is_input_file_name(std::string_view name);

}  // namespace seslint
