#include "crypto.hpp"

#include <nettle/base64.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>

namespace seslint::secrets {

namespace {

const std::uint8_t* bytes_of(std::string_view text) { return reinterpret_cast<const std::uint8_t*>(text.data()); }

}  // namespace

Digest hmac_sha256(std::string_view key, std::string_view message) {
  hmac_sha256_ctx context;
  hmac_sha256_set_key(&context, key.size(), bytes_of(key));
  hmac_sha256_update(&context, message.size(), bytes_of(message));
  Digest out{};
  hmac_sha256_digest(&context, out.size(), out.data());
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(BASE64_ENCODE_RAW_LENGTH(bytes.size()), '\0');
  base64_encode_raw(out.data(), bytes.size(), bytes_of(bytes));
  return out;
}

std::string sha256_hex(std::string_view text, std::size_t hex_digits) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, text.size(), bytes_of(text));
  std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&context, digest.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : digest) {
    if (out.size() >= hex_digits) break;
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out.substr(0, hex_digits);
}

}  // namespace seslint::secrets
