#include "seslint/arn.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint {
namespace {

constexpr std::array<std::string_view, 8> kPartitions = {"aws",     "aws-cn",    "aws-us-gov", "aws-iso",
                                                         "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};

bool is_pattern(std::string_view part) {
  return has_wildcard(part) || has_variables(part);
}

bool all_of(std::string_view text, bool (*accept)(char)) { return std::all_of(text.begin(), text.end(), accept); }
bool service_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<ArnParts> split_arn(std::string_view text) {
  if (text.substr(0, 4) != "arn:") return std::nullopt;
  std::array<std::string_view, 5> parts;
  std::size_t pos = 4, part = 0;
  // A byte loop rather than find(':'): the four parts before the resource are short (often empty),
  // and a memchr call per part cost more than the bytes it read.
  for (std::size_t at = pos; at < text.size() && part < 4; ++at)
    if (text[at] == ':') {
      parts[part++] = text.substr(pos, at - pos);
      pos = at + 1;
    }
  if (part < 4) return std::nullopt;
  parts[4] = text.substr(pos);
  return ArnParts{parts[0], parts[1], parts[2], parts[3], parts[4]};
}

namespace {

// What is wrong with an ARN, found once; arn_problem words it, arn_is_well_formed does not (most
// callers only ask whether there is a problem, and "*" would otherwise be formatted every time).
enum class ArnFault { None, UpperCasePrefix, NotAnArn, TooFewParts, UnknownPartition, NoService, BadService, BadRegion, BadAccount, EmptyResource };

ArnFault arn_fault(std::string_view text, std::optional<ArnParts>& arn) {
  if (text.size() >= 4 && text.substr(0, 4) != "arn:" && (text[0] == 'A' || text[0] == 'a') &&
      text.substr(0, 4).find(':') == 3)
    return ArnFault::UpperCasePrefix;
  arn = split_arn(text);
  if (!arn) return text.substr(0, 4) != "arn:" ? ArnFault::NotAnArn : ArnFault::TooFewParts;
  if (!is_pattern(arn->partition) &&
      std::find(kPartitions.begin(), kPartitions.end(), arn->partition) == kPartitions.end())
    return ArnFault::UnknownPartition;
  if (arn->service.empty()) return ArnFault::NoService;
  if (!is_pattern(arn->service) && !all_of(arn->service, service_char)) return ArnFault::BadService;
  if (!is_pattern(arn->region) && !all_of(arn->region, service_char)) return ArnFault::BadRegion;
  if (!is_pattern(arn->account) && !arn->account.empty() && arn->account != "aws" &&
      !(arn->account.size() == 12 && all_of(arn->account, digit)))
    return ArnFault::BadAccount;
  if (arn->resource.empty()) return ArnFault::EmptyResource;
  return ArnFault::None;
}

}  // namespace

bool arn_is_well_formed(std::string_view text) {
  std::optional<ArnParts> arn;
  return arn_fault(text, arn) == ArnFault::None;
}

std::string arn_problem(std::string_view text) {
  std::optional<ArnParts> arn;
  switch (arn_fault(text, arn)) {
    case ArnFault::None: return {};
    case ArnFault::UpperCasePrefix: return fmt::format("'{}' must start with lower-case 'arn:'", text);
    case ArnFault::NotAnArn:
      return fmt::format("'{}' is not an ARN (expected arn:partition:service:region:account:resource)", text);
    case ArnFault::TooFewParts:
      return fmt::format("'{}' has too few ':'-separated parts (expected arn:partition:service:region:account:resource)", text);
    case ArnFault::UnknownPartition: return fmt::format("'{}' has an unknown partition '{}'", text, arn->partition);
    case ArnFault::NoService: return fmt::format("'{}' has no service", text);
    case ArnFault::BadService:
      return fmt::format("'{}' has service '{}'; services are lower-case letters, digits and '-'", text, arn->service);
    case ArnFault::BadRegion:
      return fmt::format("'{}' has region '{}'; regions are lower-case letters, digits and '-'", text, arn->region);
    case ArnFault::BadAccount: return fmt::format("'{}' has account '{}'; an account ID is 12 digits", text, arn->account);
    case ArnFault::EmptyResource: return fmt::format("'{}' has an empty resource part", text);
  }
  return {};
}

std::string_view ses_identity_name(std::string_view identity) {
  if (const auto arn = split_arn(identity); arn && arn->resource.substr(0, 9) == "identity/") return arn->resource.substr(9);
  return identity;
}

}  // namespace seslint
