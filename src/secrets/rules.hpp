#pragma once
// The SES4xx rules: each judges the file's candidate tokens (placeholders already removed) and
// reports through a FileFindings, which turns tokens into spans and fingerprints.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/finding.hpp"
#include "tokens.hpp"

namespace seslint::secrets {

class FileFindings {
 public:
  explicit FileFindings(std::string_view text) : text_(text) {}
  // A finding at `secret`; its fingerprint hashes the secret, never keeps it.
  void report(std::string_view rule_id, Level level, const Token& secret, std::string message, std::string help);
  // Key IDs an SES401/SES402 finding already names: SES403 stays quiet on them (one finding per cause).
  std::set<std::size_t> named_key_ids;
  std::vector<Finding> findings;
  std::string_view text() const { return text_; }

 private:
  Span span_of(const Token& token) const;
  std::string_view text_;
};

// The key ID nearest to `line` (by line distance), or nullptr.
const Token* nearest(const std::vector<Token>& candidates, std::uint32_t line, std::uint32_t within = UINT32_MAX);

void check_smtp_password(const Tokens& tokens, FileFindings& out);       // SES401
void check_secret_access_key(const Tokens& tokens, FileFindings& out);   // SES402
void check_access_key_id(const Tokens& tokens, FileFindings& out);       // SES403

inline constexpr std::string_view kRotateAdvice =
    "rotate the IAM user's access key (create a new one, update the senders, deactivate and delete the old one), "
    "then restrict the user as in docs/guides/ses-smtp-lockdown.md";
inline constexpr std::string_view kKeepOutAdvice =
    "Keep credentials out of the repository (environment variables, a secrets manager); removing the line does not "
    "remove it from git history, so revoke first. Once revoked, a baseline can accept the finding (it stores a hash, "
    "not the value).";

}  // namespace seslint::secrets
