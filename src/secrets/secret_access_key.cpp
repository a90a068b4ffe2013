// SES402 aws-secret-access-key: a 40-character secret access key next to an access key ID (within
// a few lines) or on a line that names it (aws_secret_access_key = ...).
#include <algorithm>

#include <fmt/format.h>

#include "rules.hpp"
#include "seslint/secrets.hpp"

namespace seslint::secrets {
namespace {
constexpr std::uint32_t kNextTo = 5;  // lines: a .env block, a JSON object, a properties section
}

void check_secret_access_key(const Tokens& tokens, FileFindings& out) {
  for (const auto& key : tokens.secret_keys) {
    const Token* id = nearest(tokens.key_ids, key.line, kNextTo);
    const bool named = std::any_of(tokens.secret_names.begin(), tokens.secret_names.end(),
                                   [&](const Token& name) { return name.line == key.line; });
    if (id == nullptr && !named) continue;
    std::string what = fmt::format("AWS secret access key {}", mask(key.text));
    if (id != nullptr) {
      what += fmt::format(" next to access key ID {} (line {})", mask(id->text), id->line);
      out.named_key_ids.insert(id->offset);
    }
    out.report("SES402", Level::Error, key,
               fmt::format("{}: anyone with this file can act as the IAM user, and derive its SES SMTP password for "
                           "every region; {}",
                           what, kRotateAdvice),
               std::string(kKeepOutAdvice));
  }
}

}  // namespace seslint::secrets
