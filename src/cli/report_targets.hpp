// What lint and secrets share between flags and reports: `-f FORMAT[=FILE]` with -o, and the
// --baseline / --write-baseline files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/baseline.hpp"

namespace seslint::cli {

inline constexpr std::string_view kReportFormats[] = {"text", "concise", "json", "sarif", "github", "gitlab"};

// One report: a format and where it goes (empty file: standard output).
struct ReportTarget {
  std::string format;
  std::string file;
};

// `--format FORMAT[=FILE]`, repeatable: at most one report without a file (it goes to standard
// output, or to `output`: -o FILE) and it comes first; text when every --format names a file, or
// none is given. False after saying why on standard error.
bool parse_report_targets(const std::vector<std::string>& formats, const std::string& output,
                          std::vector<ReportTarget>& targets);

// --baseline FILE (empty: none) into `accepted`; false after printing "seslint: FILE: problem".
bool read_baseline_option(const std::string& file, std::optional<Baseline>& accepted);

// --write-baseline: writes `fresh` (sorted first) and says how many findings it holds; false after
// saying the file cannot be written.
bool save_baseline(Baseline& fresh, const std::string& file);

}  // namespace seslint::cli
