#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "seslint/catalog.hpp"
#include "seslint/json.hpp"

namespace seslint {

// Why a finding is accepted: it stays in JSON and SARIF output, marked, but no longer fails a run.
enum class SuppressedBy {
  Metadata,  // the template's own Metadata (SARIF kind inSource)
  Config,    // .seslint.yaml: per-file-ignores or rules: {ID: off} (SARIF kind external)
  Baseline,  // --baseline (SARIF kind external)
};
std::string_view to_string(SuppressedBy by);  // "metadata", "config", "baseline"

struct Suppression {
  SuppressedBy by = SuppressedBy::Config;
  std::string justification;  // the reason given, or where the suppression comes from
};

struct Finding {
  std::string rule_id;
  Level level = Level::Warning;
  std::string message;  // one sentence naming the offending value
  std::string help;     // optional: what to do instead
  Span span;
  std::string pointer;  // JSON pointer of the offending value
  std::string document; // logical name of the policy inside a container ("role/x inline policy y"); empty for a plain file
  std::string stable_pointer;  // the pointer with array indexes replaced by content keys (fingerprint.hpp)
  std::string fingerprint;     // set by the Linter; survives edits elsewhere in the file
  std::optional<Suppression> suppression;
};

// One input file (or stdin) and what linting it produced.
struct FileResult {
  std::string path;        // as the user named it (relative paths stay relative)
  std::string root_path;   // relative to the repository root (fingerprints, baselines); see fingerprint.hpp
  std::string source;      // the bytes read, for source lines in text output
  std::vector<Finding> findings;  // sorted by position, then rule ID
  std::string io_error;    // set when the file could not be read; findings are then empty
  std::string container;   // what the file was read as ("CloudFormation template"); empty for a plain policy
  bool skipped = false;    // neither a policy nor a known container: not linted
  std::string notice;      // a note for the user about this file (why it was skipped)
  // Notes about seslint's own directives in the file ("line:col: message"), e.g. a template's
  // Metadata ignore that names no rule: reported, never silently ignored.
  std::vector<std::string> notes;
  // Source lines for findings of files too large to keep (streamed): line number -> text.
  std::map<std::uint32_t, std::string> lines;
};

struct LintReport {
  std::vector<FileResult> files;  // in input order (directories expanded in sorted order)
  // Findings at or above `at_least` that are not suppressed or baselined.
  std::size_t count(Level at_least) const;
  std::size_t count(SuppressedBy by) const;
};

}  // namespace seslint
