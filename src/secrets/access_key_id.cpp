// SES403 aws-access-key-id: an access key ID with no secret or SMTP password beside it. Half a
// credential (and the SMTP user name): worth a warning, not an alarm. Quiet on key IDs that an
// SES401 or SES402 finding already names, and on the credential scope of a signed request.
#include <algorithm>

#include <fmt/format.h>

#include "rules.hpp"
#include "seslint/secrets.hpp"

namespace seslint::secrets {
namespace {

// "AKIA.../20190814/us-west-2/s3/aws4_request" (or %2F-encoded): the credential scope of a signed
// request, as presigned URLs and request logs show it. The key ID is public by design there.
bool in_credential_scope(std::string_view text, const Token& id) {
  std::string_view rest = text.substr(id.offset + id.text.size());
  for (std::string_view slash : {"/", "%2F", "%2f"})
    if (rest.starts_with(slash)) {
      rest.remove_prefix(slash.size());
      return rest.size() >= 8 && std::all_of(rest.begin(), rest.begin() + 8, [](char c) { return c >= '0' && c <= '9'; });
    }
  return false;
}

}  // namespace

void check_access_key_id(const Tokens& tokens, FileFindings& out) {
  for (const auto& id : tokens.key_ids) {
    if (out.named_key_ids.count(id.offset) == 1 || in_credential_scope(out.text(), id)) continue;
    const std::string message =
        id.text.starts_with("ASIA")
            ? fmt::format("temporary access key ID {}: if its secret and session token were committed too, they work "
                          "until the session expires; revoke the role's active sessions",
                          mask(id.text))
            : fmt::format("access key ID {}: an IAM user's long-term key and its SES SMTP user name; if its secret or "
                          "SMTP password was ever committed, rotate the key",
                          mask(id.text));
    out.report("SES403", Level::Warning, id, message,
               "Keep key IDs with their secrets, out of the repository: environment variables or a secrets manager.");
  }
}

}  // namespace seslint::secrets
