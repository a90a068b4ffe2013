#pragma once
// The candidate tokens of one text: what looks like a credential and what names its context.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace seslint::secrets {

struct Token {
  std::size_t offset = 0;
  std::string_view text;
  std::uint32_t line = 1;
};

struct Tokens {
  std::vector<Token> key_ids;         // AKIA/ASIA + 16 of A-Z2-7, not inside a longer word
  std::vector<Token> secret_keys;     // 40 base64 characters, mixed case
  std::vector<Token> smtp_passwords;  // 44 base64 characters, no '=', version byte 0x04 or 0x02
  std::vector<Token> hosts;           // email-smtp[-fips].<region>.amazonaws.com (text: the region)
  std::vector<Token> settings;        // MAIL_PASSWORD, EMAIL_HOST_PASSWORD, spring.mail.password, SMTP_* ...
  std::vector<Token> secret_names;    // aws_secret_access_key, SecretAccessKey ...
  std::vector<Token> regions;         // eu-west-1 ...
  bool any_credential() const { return !key_ids.empty() || !secret_keys.empty() || !smtp_passwords.empty(); }
};

// One RE2::Set pass says which patterns occur at all (most files: none, and we stop there); only
// those are then located, each with its own linear-time RE2.
Tokens find_tokens(std::string_view text);

}  // namespace seslint::secrets
