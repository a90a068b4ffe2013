#pragma once
#include <string>
#include <vector>

#include "seslint/catalog.hpp"
#include "seslint/json.hpp"

namespace seslint {

struct Finding {
  std::string rule_id;
  Level level = Level::Warning;
  std::string message;  // one sentence naming the offending value
  std::string help;     // optional: what to do instead
  Span span;
  std::string pointer;  // JSON pointer of the offending value
};

// One input file (or stdin) and what linting it produced.
struct FileResult {
  std::string path;        // as the user named it (relative paths stay relative)
  std::string source;      // the bytes read, for source lines in text output
  std::vector<Finding> findings;  // sorted by position, then rule ID
  std::string io_error;    // set when the file could not be read; findings are then empty
};

struct LintReport {
  std::vector<FileResult> files;  // in input order (directories expanded in sorted order)
  std::size_t count(Level at_least) const;
};

}  // namespace seslint
