// One text in, SES4xx findings and a masked copy out.
#include <algorithm>
#include <cstdint>

#include "crypto.hpp"
#include "placeholder.hpp"
#include "rules.hpp"
#include "seslint/secrets.hpp"

namespace seslint::secrets {
namespace {

struct SecretRule {
  std::string_view id;
  void (*check)(const Tokens&, FileFindings&);
};
// Sorted by ID; the specific rules run before SES403, which stays quiet on what they named.
constexpr SecretRule kRules[] = {
    {"SES401", check_smtp_password},
    {"SES402", check_secret_access_key},
    {"SES403", check_access_key_id},
};
constexpr std::string_view kRuleIds[] = {"SES401", "SES402", "SES403"};

void drop_placeholders(std::vector<Token>& tokens) {
  std::erase_if(tokens, [](const Token& token) { return is_placeholder(token.text); });
}

// Column in code points, as the parsers count them.
Position position_at(std::string_view text, std::size_t offset, std::uint32_t line) {
  const auto newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
  std::uint32_t column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return Position{offset, line, column};
}

}  // namespace

std::span<const std::string_view> rule_ids() { return kRuleIds; }

bool is_secret_rule(std::string_view id) { return std::find(std::begin(kRuleIds), std::end(kRuleIds), id) != std::end(kRuleIds); }

std::string mask(std::string_view secret) { return std::string(secret.substr(0, 4)) + "****"; }

const Token* nearest(const std::vector<Token>& candidates, std::uint32_t line, std::uint32_t within) {
  const Token* best = nullptr;
  std::uint32_t best_distance = UINT32_MAX;
  for (const auto& candidate : candidates) {
    const std::uint32_t distance = candidate.line > line ? candidate.line - line : line - candidate.line;
    if (distance <= within && distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  return best;
}

Span FileFindings::span_of(const Token& token) const {
  return Span{position_at(text_, token.offset, token.line),
              position_at(text_, token.offset + token.text.size(), token.line)};
}

void FileFindings::report(std::string_view rule_id, Level level, const Token& secret, std::string message, std::string help) {
  Finding finding;
  finding.rule_id = std::string(rule_id);
  finding.level = level;
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.span = span_of(secret);
  // The fingerprint's "where": a hash of the secret, so a baseline accepts this value in this file
  // wherever it moves, and never holds the value itself.
  finding.stable_pointer = "secret:" + sha256_hex(secret.text, 16);
  findings.push_back(std::move(finding));
}

namespace {
std::string masked(std::string_view text, const Tokens& tokens) {
  std::string out(text);
  for (const auto* list : {&tokens.key_ids, &tokens.secret_keys, &tokens.smtp_passwords})
    for (const auto& token : *list)
      std::fill_n(out.begin() + static_cast<std::ptrdiff_t>(token.offset + 4), token.text.size() - 4, '*');
  return out;
}
}  // namespace

std::string redact(std::string_view text) { return masked(text, find_tokens(text)); }

ScanOutcome scan_text(std::string_view text, const RuleSelection& selection) {
  ScanOutcome outcome;
  Tokens tokens = find_tokens(text);
  if (tokens.any_credential()) outcome.redacted = masked(text, tokens);
  for (auto* list : {&tokens.key_ids, &tokens.secret_keys, &tokens.smtp_passwords}) drop_placeholders(*list);
  if (!tokens.any_credential()) return outcome;
  FileFindings out(text);
  for (const auto& rule : kRules) {
    if (!selection.enabled(rule.id)) continue;
    rule.check(tokens, out);
  }
  outcome.findings = std::move(out.findings);
  sort_findings(outcome.findings);
  return outcome;
}

}  // namespace seslint::secrets
