#pragma once
#include <cstdint>
#include <map>
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
  std::string document; // logical name of the policy inside a container ("role/x inline policy y"); empty for a plain file
};

// One input file (or stdin) and what linting it produced.
struct FileResult {
  std::string path;        // as the user named it (relative paths stay relative)
  std::string source;      // the bytes read, for source lines in text output
  std::vector<Finding> findings;  // sorted by position, then rule ID
  std::string io_error;    // set when the file could not be read; findings are then empty
  std::string container;   // what the file was read as ("CloudFormation template"); empty for a plain policy
  bool skipped = false;    // neither a policy nor a known container: not linted
  std::string notice;      // a note for the user about this file (why it was skipped)
  // Source lines for findings of files too large to keep (streamed): line number -> text.
  std::map<std::uint32_t, std::string> lines;
};

struct LintReport {
  std::vector<FileResult> files;  // in input order (directories expanded in sorted order)
  std::size_t count(Level at_least) const;
};

}  // namespace seslint
