#pragma once
// Baselines: today's findings recorded by fingerprint (--write-baseline), so that later runs report
// only new ones (--baseline). Baselined findings stay in the report, marked; entries that match
// nothing in the files linted are stale and can be dropped by rewriting the file.
#include <filesystem>
#include <optional>
#include <set>
#include <unordered_map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/finding.hpp"

namespace seslint {

struct BaselineEntry {
  std::string fingerprint;
  std::string rule_id;
  std::string path;      // FileResult::root_path
  std::string document;  // logical name in a container, may be empty
  std::string message;   // for people reading the file; not matched
};

struct Baseline {
  std::vector<BaselineEntry> entries;
};

// Every finding the config or the template does not already suppress, sorted by path, rule and
// fingerprint so that diffs of the file stay small.
Baseline make_baseline(const LintReport& report);
// {"version": 1, "tool": "seslint", "findings": [{fingerprint, ruleId, path, document?, message}]}
void write_baseline(std::ostream& out, const Baseline& baseline);

// Parses a baseline; on failure returns nullopt and sets `error`.
std::optional<Baseline> parse_baseline(std::string_view text, std::string& error);
// Reads and parses a baseline file.
std::optional<Baseline> load_baseline(const std::filesystem::path& file, std::string& error);
// A command's --baseline FILE: nullopt without an error when `file` is empty (no baseline asked
// for); else the baseline, or nullopt with `error` set to "FILE: problem".
std::optional<Baseline> load_baseline_option(const std::string& file, std::string& error);

struct BaselineMatch {
  std::size_t baselined = 0;
  std::vector<BaselineEntry> stale;  // entries for linted files that no finding matched
};
// Marks the findings the baseline holds as suppressed (SuppressedBy::Baseline).
BaselineMatch apply_baseline(LintReport& report, const Baseline& baseline);

// apply_baseline a file (or a streamed export's part) at a time, for reports written as they go.
class BaselineMatcher {
 public:
  explicit BaselineMatcher(const Baseline& baseline);
  void apply(FileResult& part, bool last);
  BaselineMatch finish() const;

 private:
  const Baseline& baseline_;
  std::unordered_map<std::string_view, std::size_t> unmatched_;  // fingerprint -> entry
  std::set<std::string, std::less<>> linted_;                    // root paths
  std::size_t baselined_ = 0;
};

// --write-baseline a part at a time: adds its findings to `baseline` (sorted by make_baseline's
// order once complete: sort_baseline) and accepts them for this run too.
void record_in_baseline(FileResult& part, Baseline& baseline);
void sort_baseline(Baseline& baseline);

}  // namespace seslint
