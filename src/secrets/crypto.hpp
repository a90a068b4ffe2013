#pragma once
// Hashing for the secrets scanner, on Debian's Nettle (nettle-dev): HMAC-SHA256 for the SMTP
// password derivation and SHA-256 for fingerprints that must not keep the secret.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace seslint::secrets {

using Digest = std::array<std::uint8_t, 32>;

Digest hmac_sha256(std::string_view key, std::string_view message);
// Standard base64 with padding.
std::string base64(std::string_view bytes);
// SHA-256 of `text`, the first `hex_digits` hex digits.
std::string sha256_hex(std::string_view text, std::size_t hex_digits);

}  // namespace seslint::secrets
