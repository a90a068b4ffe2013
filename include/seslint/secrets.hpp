#pragma once
// Leaked SES SMTP credentials and AWS access keys in committed text files (`seslint secrets`,
// docs/secrets.md). The scanner finds candidate tokens with one RE2::Set pass, the SES4xx rules
// judge them with the file's context, and every secret is masked before anything leaves here:
// FileResult::source is the file with each secret masked in place, messages name only masked
// values, and fingerprints hash the secret instead of keeping it.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/engine.hpp"
#include "seslint/finding.hpp"
#include "seslint/lint.hpp"

namespace seslint::secrets {

// The SES4xx rules, sorted: catalog entries that the secrets scanner runs instead of the engine.
std::span<const std::string_view> rule_ids();
bool is_secret_rule(std::string_view id);

// The first 4 characters, then "****": how every secret appears in messages.
std::string mask(std::string_view secret);

// SMTP passwords from a secret access key (AWS SES Developer Guide, "Obtaining Amazon SES SMTP
// credentials"): v4 is region-specific, legacy (version 0x02) is not. 44 base64 characters.
std::string smtp_password_v4(std::string_view secret_access_key, std::string_view region);
std::string smtp_password_legacy(std::string_view secret_access_key);
// The commercial regions with an SES SMTP endpoint, tried when the file names none.
std::span<const std::string_view> smtp_regions();

struct ScanOutcome {
  std::vector<Finding> findings;  // sorted; rule ID, level, message, span and stable_pointer set
  std::string redacted;           // the text with every secret-shaped token masked in place
};
// `text` with every secret-shaped token masked in place (rule pages shown in SARIF, for example).
std::string redact(std::string_view text);

// Scans one text with the enabled SES4xx rules.
ScanOutcome scan_text(std::string_view text, const RuleSelection& selection);

// True when the bytes look binary (a NUL in the first 8 KiB): such files are not scanned.
bool looks_binary(std::string_view head);

// Reads and scans one file ("-": standard input). Binary and oversized files are skipped with a
// notice; the result still needs Linter::finish for config, root path and fingerprints.
FileResult scan_path(const std::string& path, const RuleSelection& selection, std::size_t max_file_size);

// Expands the command-line paths: files as given, directories recursively with every file
// (any type). Inside a git work tree, git decides what .gitignore excludes (git ls-files);
// elsewhere each directory's .gitignore is read (patterns as in .seslint.yaml globs, no '!').
std::vector<InputPath> expand_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors);

}  // namespace seslint::secrets
