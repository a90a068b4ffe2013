// SES401 ses-smtp-password: an SES SMTP password beside what makes it one (a key ID, the SES SMTP
// host or an SMTP setting name). With the secret access key in the same file, the password is
// derived from it to confirm the pair and the region it sends in.
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "rules.hpp"
#include "seslint/secrets.hpp"

namespace seslint::secrets {
namespace {

struct Derivation {
  const Token* secret_key = nullptr;
  std::string region;  // empty: legacy (no region)
};

// Regions to try: those the file names (hosts first), then every commercial SMTP region.
std::vector<std::string_view> regions_to_try(const Tokens& tokens) {
  std::vector<std::string_view> regions;
  for (const auto* list : {&tokens.hosts, &tokens.regions})
    for (const auto& token : *list)
      if (std::find(regions.begin(), regions.end(), token.text) == regions.end()) regions.push_back(token.text);
  for (const auto region : smtp_regions())
    if (std::find(regions.begin(), regions.end(), region) == regions.end()) regions.push_back(region);
  return regions;
}

std::optional<Derivation> derive(const Token& password, const Tokens& tokens) {
  const bool legacy = password.text.front() == 'A';
  const auto regions = legacy ? std::vector<std::string_view>{} : regions_to_try(tokens);
  for (const auto& key : tokens.secret_keys) {
    if (legacy && smtp_password_legacy(key.text) == password.text) return Derivation{&key, {}};
    for (const auto region : regions)
      if (smtp_password_v4(key.text, region) == password.text) return Derivation{&key, std::string(region)};
  }
  return std::nullopt;
}

std::string derivation_clause(const Token& password, const Tokens& tokens, const std::optional<Derivation>& derived) {
  if (derived)
    return derived->region.empty()
               ? fmt::format("; it derives from the secret access key {} on line {} (legacy algorithm, any region)",
                             mask(derived->secret_key->text), derived->secret_key->line)
               : fmt::format("; it derives from the secret access key {} on line {} for {}, so the pair is live-shaped",
                             mask(derived->secret_key->text), derived->secret_key->line, derived->region);
  if (tokens.secret_keys.empty()) return {};
  return fmt::format("; it does not derive from the secret access key on line {} in any {}",
                     tokens.secret_keys.front().line, password.text.front() == 'A' ? "way (legacy)" : "commercial region");
}

}  // namespace

void check_smtp_password(const Tokens& tokens, FileFindings& out) {
  if (tokens.key_ids.empty() && tokens.hosts.empty() && tokens.settings.empty()) return;  // a lone 44-character string
  for (const auto& password : tokens.smtp_passwords) {
    const auto derived = derive(password, tokens);
    std::string region = derived && !derived->region.empty() ? derived->region
                         : !tokens.hosts.empty()               ? std::string(tokens.hosts.front().text)
                                                               : std::string();
    const Token* user = nearest(tokens.key_ids, password.line);
    std::string what = fmt::format("{}SES SMTP password {}", password.text.front() == 'A' ? "legacy " : "", mask(password.text));
    if (!region.empty()) what += fmt::format(" for email-smtp.{}.amazonaws.com", region);
    if (user != nullptr) {
      what += fmt::format(" (user {} on line {})", mask(user->text), user->line);
      out.named_key_ids.insert(user->offset);
    } else if (tokens.hosts.empty()) {
      const Token& setting = *nearest(tokens.settings, password.line);
      what += fmt::format(" (setting {} on line {})", setting.text, setting.line);
    }
    out.report("SES401", Level::Error, password,
               fmt::format("{}: anyone with this file can send mail as your identities{}; {}", what,
                           derivation_clause(password, tokens, derived), kRotateAdvice),
               std::string(kKeepOutAdvice));
  }
}

}  // namespace seslint::secrets
