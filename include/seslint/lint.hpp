#pragma once
// The library's front door: bytes or paths in, findings out.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
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
  // Tests only: called with the path before a file, or each element of a streamed export, is
  // linted. It may throw, standing in for a bug, to check that the failure becomes that file's
  // "internal error" while the other files are linted and reported as usual.
  std::function<void(const std::string& path)> before_lint_for_testing;
};

class TaskPool;
namespace mm {
struct RunFile;
class RunResources;
}  // namespace mm
struct StreamedExport;  // lint.cpp: an opened export, sniffed, still to read
struct StreamedElement;

// A file as far as a worker takes it: read and linted (most files), or an authorization-details
// export still to stream (`stream` set), which is linted element by element in output order.
struct ReadFile {
  FileResult result;
  std::shared_ptr<StreamedExport> stream;
  bool named = true;
};

// Takes a file's results in order. Most files come whole (last = true); a streamed export hands
// over each element's findings as soon as they and those before them are done (last = false),
// then its end (last = true: its status, and any findings about the export's own structure).
using FilePartSink = std::function<void(FileResult part, bool last)>;
// How far a streamed export has been read, for a progress line: `read` bytes of `size` (0: not
// known, e.g. a pipe). Reported on the thread that called finish_file, after each element.
struct ReadProgress {
  std::uint64_t read = 0;
  std::uint64_t size = 0;
};
using ReadProgressSink = std::function<void(ReadProgress)>;

class Linter {
 public:
  explicit Linter(LintOptions options, const RuleCatalog& catalog = RuleCatalog::builtin());
  // `named`: the user named this input (a file that is not a policy gets a notice); false for files
  // found in a directory (skipped quietly).
  // `run`: the Mail Manager get-* outputs of the other files of the run, which this file's
  // resources may name by ID (seslint/mailmanager_run.hpp); nullptr: the file stands alone.
  FileResult lint_source(std::string path, std::string source, bool named = true,
                         const mm::RunResources* run = nullptr) const;
  // Reads and lints a file; "-" reads standard input. I/O failures land in FileResult::io_error.
  // Authorization-details exports are streamed: their size is not limited by max_file_size.
  FileResult lint_path(const std::string& path, bool named = true) const;
  // lint_path in two steps, for a pipeline: read_file (any thread), then finish_file in output
  // order, which lints a streamed export's elements on `pool` (nullptr: on this thread).
  // read_file does not throw: a file whose linting throws (a bug) comes back with io_error
  // "internal error: ...", like a streamed export one of whose elements throws.
  ReadFile read_file(const std::string& path, bool named = true, const mm::RunResources* run = nullptr) const;
  // The whole-run pre-pass: the file's Mail Manager get-* outputs, read as read_file would read
  // them; nullptr for every other file (and for standard input, which cannot be read twice).
  std::unique_ptr<mm::RunFile> read_mail_manager_outputs(const std::string& path) const;
  void finish_file(ReadFile file, const FilePartSink& emit, TaskPool* pool = nullptr,
                   const ReadProgressSink& progress = {}) const;
  const Engine& engine() const { return engine_; }
  // Config levels and suppressions, the path relative to the root, fingerprints: also for findings
  // made outside the engine (seslint secrets), so that they are settled the same way.
  FileResult finish(FileResult result) const;
  const LintOptions& options() const { return options_; }

 private:
  FileResult read_source(std::string path, std::string source, bool named, const mm::RunResources* run) const;
  ReadFile read_path(const std::string& path, bool named, const mm::RunResources* run) const;
  // Where a file's findings are placed: its path from the root, and from its config's directory.
  struct FilePlace {
    std::string root_path;
    std::optional<std::string> config_path;
  };
  FilePlace place(const std::string& path) const;
  // How many findings so far had each (rule, document, stable pointer), by hash: a streamed
  // export's fingerprints are ranked across its elements.
  using FingerprintRanks = std::unordered_map<std::uint64_t, std::size_t>;
  // Config levels and suppressions, the path relative to the root, fingerprints.
  void finish(FileResult& result, const FilePlace& place, FingerprintRanks& ranks) const;
  void apply_config(Finding& finding, const std::optional<std::string>& config_path) const;
  std::optional<PolicyKind> policy_type_for(const std::string& path) const;
  std::optional<PrincipalKind> principal_kind_for(const std::string& path) const;
  // The path of `path` relative to the config's directory, if it has a config and lies under it.
  std::optional<std::string> config_relative(const std::string& path) const;
  std::string absolute(const std::string& path) const;
  // `size`: nullopt when reading stopped at the limit (stdin, pipes, devices).
  FileResult lint_oversized(std::string path, std::optional<std::size_t> size) const;
  std::vector<Finding> lint_sites(const std::string& path, std::string_view source, const ParseResult& parsed,
                                  const Extraction& extraction) const;
  bool streamable(std::string_view head) const;
  void unrecognised(FileResult& result, bool named) const;
  std::vector<Finding> parse_failure(const std::string& path, std::string_view source, const ParseResult& parsed) const;
  void lint_streamed(const std::string& path, StreamedExport& stream, bool named, const FilePartSink& emit,
                     TaskPool* pool, const ReadProgressSink& progress) const;
  struct ElementResult;
  ElementResult lint_element(const std::string& path, const StreamedElement& element) const;
  // lint_element, with an exception turned into the element's internal error.
  ElementResult lint_element_guarded(const std::string& path, const StreamedElement& element) const;
  std::vector<Finding> run(Document& document, const PolicyOrigin& origin) const;
  // Notes for inline ignores (template Metadata) that name no rule, once each.
  void add_unknown_ignore_notes(std::span<const InlineIgnore> ignores, std::vector<std::string>& notes) const;
  Holder holder_of(const Policy& policy, const PolicyOrigin& origin, const std::string& path) const;
  LintOptions options_;
  const RuleCatalog& catalog_;
  std::filesystem::path working_directory_;
  Engine engine_;
};

// Whether the file's findings that are not suppressed reach `fail_on` (error, warning or note;
// "never": false): the exit-1 test of lint and secrets.
bool fails(const FileResult& file, std::string_view fail_on);

struct InputPath {
  std::string path;
  bool named = true;  // given on the command line (false: found in a directory)
};

// One file of a run and the linter (config) it gets.
struct LintJob {
  std::string path;
  bool named = true;
  const Linter* linter = nullptr;
};
// Lints the jobs on `threads` threads (1: all on this one) and hands each file's parts to `emit`
// on this thread, in job order, as soon as they and all before them are done; a streamed export's
// elements share the threads. Memory holds what is in flight: a few files or elements per thread.
// `progress` (if set) hears how far a streamed export has been read. A file whose linting throws
// is handed on with io_error "internal error: ..." and the others as usual.
void lint_in_order(const std::vector<LintJob>& jobs, unsigned threads,
                   const std::function<void(std::size_t job, FileResult part, bool last)>& emit,
                   const std::function<void(std::size_t job, ReadProgress)>& progress = {});

// Expands the command-line paths: files as given, directories recursively (files named *.json,
// *.yaml, *.yml and *.template, skipping .git and node_modules, in sorted order). Missing paths are
// returned in `errors`. Links in a directory that cannot be followed (dangling, looping) are skipped
// with a line in `notes` when given.
std::vector<InputPath> expand_input_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors,
                                          std::vector<std::string>* notes = nullptr);

// Whether a file is read as YAML: by its name, else by its first character.
bool read_as_yaml(std::string_view path, std::string_view source);

// True for names the directory scan picks up.
bool is_input_file_name(std::string_view name);

}  // namespace seslint
