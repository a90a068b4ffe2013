#include "seslint/arn.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "seslint/values.hpp"

namespace seslint {
namespace {

constexpr std::array<std::string_view, 8> kPartitions = {"aws",     "aws-cn",    "aws-us-gov", "aws-iso",
                                                         "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};

bool is_pattern(std::string_view part) {
  return part.find_first_of("*?") != std::string_view::npos || has_variables(part);
}

bool all_of(std::string_view text, bool (*accept)(char)) { return std::all_of(text.begin(), text.end(), accept); }
bool service_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<ArnParts> split_arn(std::string_view text) {
  if (text.substr(0, 4) != "arn:") return std::nullopt;
  std::array<std::string_view, 5> parts;
  std::size_t pos = 4;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t colon = text.find(':', pos);
    if (colon == std::string_view::npos) return std::nullopt;
    parts[i] = text.substr(pos, colon - pos);
    pos = colon + 1;
  }
  parts[4] = text.substr(pos);
  return ArnParts{parts[0], parts[1], parts[2], parts[3], parts[4]};
}

std::string arn_problem(std::string_view text) {
  if (text.size() >= 4 && text.substr(0, 4) != "arn:" && (text[0] == 'A' || text[0] == 'a') &&
      text.substr(0, 4).find(':') == 3)
    return fmt::format("'{}' must start with lower-case 'arn:'", text);
  const auto arn = split_arn(text);
  if (!arn) {
    if (text.substr(0, 4) != "arn:") return fmt::format("'{}' is not an ARN (expected arn:partition:service:region:account:resource)", text);
    return fmt::format("'{}' has too few ':'-separated parts (expected arn:partition:service:region:account:resource)", text);
  }
  if (!is_pattern(arn->partition) &&
      std::find(kPartitions.begin(), kPartitions.end(), arn->partition) == kPartitions.end())
    return fmt::format("'{}' has an unknown partition '{}'", text, arn->partition);
  if (arn->service.empty()) return fmt::format("'{}' has no service", text);
  if (!is_pattern(arn->service) && !all_of(arn->service, service_char))
    return fmt::format("'{}' has service '{}'; services are lower-case letters, digits and '-'", text, arn->service);
  if (!is_pattern(arn->region) && !all_of(arn->region, service_char))
    return fmt::format("'{}' has region '{}'; regions are lower-case letters, digits and '-'", text, arn->region);
  if (!is_pattern(arn->account) && !arn->account.empty() && arn->account != "aws" &&
      !(arn->account.size() == 12 && all_of(arn->account, digit)))
    return fmt::format("'{}' has account '{}'; an account ID is 12 digits", text, arn->account);
  if (arn->resource.empty()) return fmt::format("'{}' has an empty resource part", text);
  return {};
}

std::string_view ses_identity_name(std::string_view identity) {
  if (const auto arn = split_arn(identity); arn && arn->resource.substr(0, 9) == "identity/") return arn->resource.substr(9);
  return identity;
}

}  // namespace seslint
