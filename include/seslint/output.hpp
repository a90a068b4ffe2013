#pragma once
// Formatters: each takes findings and catalog data only; none knows a rule.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/catalog.hpp"
#include "seslint/finding.hpp"
#include "seslint/source_text.hpp"

namespace seslint {

struct TextOptions {
  bool color = false;
  bool summary = true;  // the closing summary line
};
void write_text(std::ostream& out, const LintReport& report, const TextOptions& options);

// A JSON array of findings; see docs/output-formats.md.
void write_json(std::ostream& out, const LintReport& report);

struct SarifOptions {
  std::string tool_version;
  std::vector<const RuleInfo*> rules;  // tool.driver.rules, sorted by ID (ruleIndex points here)
  struct Notification {
    std::string text;
    Level level = Level::Error;
  };
  std::vector<Notification> notifications;  // for invocations[0]: missing paths (error), skipped files (note)
};
void write_sarif(std::ostream& out, const LintReport& report, const SarifOptions& options);

}  // namespace seslint
