// SES SMTP passwords from a secret access key, as AWS's SES Developer Guide ("Obtaining Amazon SES
// SMTP credentials") documents them: v4 chains HMAC-SHA256 from "AWS4"+secret through the fixed date
// 11111111, the region, "ses", "aws4_request" and "SendRawEmail", prepends version byte 0x04 and
// base64-encodes the 33 bytes; legacy is HMAC-SHA256("SendRawEmail") keyed by the secret, version 0x02.
#include <string>

#include "crypto.hpp"
#include "seslint/secrets.hpp"

namespace seslint::secrets {
namespace {

std::string as_text(const Digest& digest) { return std::string(digest.begin(), digest.end()); }

std::string with_version(char version, const Digest& signature) { return base64(std::string(1, version) + as_text(signature)); }

}  // namespace

std::string smtp_password_v4(std::string_view secret_access_key, std::string_view region) {
  Digest key = hmac_sha256("AWS4" + std::string(secret_access_key), "11111111");
  for (std::string_view step : {region, std::string_view("ses"), std::string_view("aws4_request"),
                                std::string_view("SendRawEmail")})
    key = hmac_sha256(as_text(key), step);
  return with_version('\x04', key);
}

std::string smtp_password_legacy(std::string_view secret_access_key) {
  return with_version('\x02', hmac_sha256(secret_access_key, "SendRawEmail"));
}

std::span<const std::string_view> smtp_regions() {
  // Commercial regions with an email-smtp endpoint (the guide's list plus the regions SES opened
  // since); trying a region without one costs five HMACs and never matches.
  static constexpr std::string_view kRegions[] = {
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",    "ca-central-1", "ca-west-1",
      "sa-east-1",      "mx-central-1",   "eu-west-1",      "eu-west-2",    "eu-west-3",    "eu-central-1",
      "eu-central-2",   "eu-south-1",     "eu-south-2",     "eu-north-1",   "il-central-1", "me-south-1",
      "me-central-1",   "af-south-1",     "ap-south-1",     "ap-south-2",   "ap-northeast-1", "ap-northeast-2",
      "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5"};
  return kRegions;
}

}  // namespace seslint::secrets
