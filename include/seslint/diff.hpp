#pragma once
// Access diff: the requests a new version of a policy allows and the old one does not (and the
// reverse), found with the reachability engine and grouped into classes, each with one witness
// request that the evaluator allows under one version and denies under the other (docs/diff.md).
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seslint/account.hpp"
#include "seslint/eval.hpp"
#include "seslint/inputs.hpp"
#include "seslint/policy.hpp"

namespace seslint::diff {

// One class of requests: the actions that behave alike in both versions, one resource and one
// principal representative, and the condition context of the witness.
struct AccessClass {
  std::vector<std::string> actions;  // the witness's action first, then the others of its class
  eval::Request witness;             // allowed by the granting version, denied by the other
  // The witness's context with keys spelled as the policies write them (Context keeps lower case).
  std::vector<std::pair<std::string, std::vector<std::string>>> context;
  const Statement* statement = nullptr;  // the Allow that grants it (NEW's for added, OLD's for removed)
  std::vector<const Statement*> also_via;  // other Allows of the same version granting the same class
  bool resource_policy = false;          // the principal matters (resource and SES identity policies)
  std::string description;               // what is new: "From address billing@x (before: noreply@x)"
  std::string reason;                    // undetermined only: why it could not be decided
};

struct PolicyDiff {
  std::vector<AccessClass> added, removed, undetermined;
  std::vector<AccessClass> undetermined_removed;  // removed access that cannot be decided (never a failure)
};

struct DiffOptions {
  std::size_t work_budget = 50'000'000;  // reachability work per policy pair and direction
  std::size_t max_requests = 200'000;    // per query
};

// `old_policy` or `new_policy` may be nullptr: a policy that did not exist allows nothing.
PolicyDiff diff_policies(const Policy* old_policy, const Policy* new_policy, const DiffOptions& options = {});

// One version of a principal's permissions: its identity policies (as one policy) and its
// permissions boundary, which a request must also pass.
struct Version {
  const Policy* policy = nullptr;
  const Policy* boundary = nullptr;
};
PolicyDiff diff_versions(Version old_version, Version new_version, const DiffOptions& options = {});

// Whether a version allows a request, as the diff evaluates it (resource policies on their own, the
// caller's identity policies taken to allow what a cross-account request needs).
bool policy_allows(const Policy* policy, const eval::Request& request);
// The same within a permissions boundary (nullptr: none).
bool version_allows(const Policy* policy, const Policy* boundary, const eval::Request& request);

// ---- Inputs: files and the policies in them, paired by name.

// The policies of one file (a plain policy, or every policy a container holds), with their trees.
struct LoadedFile {
  std::string path;      // as shown in reports
  std::string source;
  std::unique_ptr<ParseResult> parsed;
  std::unique_ptr<Extraction> extraction;
  struct Entry {
    std::string name;  // logical name in a container; empty for a plain policy file
    Policy policy;
  };
  std::vector<Entry> policies;
  // Terraform plans: logical names of policies whose document is known only at apply time (absent
  // from planned_values, so not among `policies`).
  std::vector<std::string> unknown;
};

// Parses `source` (JSON or YAML, any input the linter reads). Returns an error message on failure.
std::optional<std::string> load_file(const std::string& path, std::string source, LoadedFile& out);

// One compared policy: its name in reports, and the diff.
struct PairResult {
  std::string path;      // NEW's path (OLD's when the file is gone)
  std::string old_path;  // OLD's path (where removed access is located), e.g. "origin/main:policies/a.json"
  std::string name;  // logical name inside a container, else empty
  const Policy* old_policy = nullptr;
  const Policy* new_policy = nullptr;
  PolicyDiff diff;
  // Account models: the principal whose policies (together, within its boundary) were compared.
  std::string principal;      // "user/alice"; empty for a pair of policies
  std::string principal_arn;
  const Policy* old_boundary = nullptr;  // its permissions boundary in each version
  const Policy* new_boundary = nullptr;
  std::map<const JsonValue*, std::string> via;    // statement node -> "group/mailers managed policy Send"
  std::vector<std::shared_ptr<const Policy>> owned;  // the combined policies old_policy/new_policy point to
};

// Pairs the policies of two versions of one file by logical name and diffs each pair. Either file
// may be nullptr (added or deleted file).
std::vector<PairResult> diff_files(const LoadedFile* old_file, const LoadedFile* new_file, const DiffOptions& options = {});

// Each user and role of two account models (the audit's, docs/audit.md), matched by name
// ("user/alice"): the requests it may newly make through any of its identity policies (inline,
// groups', managed) within its permissions boundary. Principals whose policies and boundary are
// unchanged are left out. Either model may be nullptr (a file added or deleted).
std::vector<PairResult> diff_principals(const audit::AccountModel* old_model, const audit::AccountModel* new_model,
                                        const DiffOptions& options = {});
// Whether a model holds users or roles (an export, a template or a plan declaring them).
bool has_principals(const audit::AccountModel& model);

// ---- Reports.
struct Report {
  std::vector<PairResult> pairs;
  std::size_t added() const;
  std::size_t removed() const;
  std::size_t undetermined() const;
  std::size_t undetermined_removed() const;
};

std::string format_text(const Report& report);
std::string format_json(const Report& report);
std::string format_markdown(const Report& report);
std::string format_sarif(const Report& report);

}  // namespace seslint::diff
