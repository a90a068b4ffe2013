#pragma once
// Amazon Resource Names: arn:partition:service:region:account:resource.
#include <optional>
#include <string>
#include <string_view>

namespace seslint {

struct ArnParts {
  std::string_view partition, service, region, account, resource;
};

// Splits on the first five colons; nullopt when the text does not start with "arn:" or has fewer.
std::optional<ArnParts> split_arn(std::string_view text);
// The identity an SES identity is named by: "acme-corp.io" for
// "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io", and the text itself when it is a name.
std::string_view ses_identity_name(std::string_view identity);
// Why `text` is not a valid ARN pattern (wildcards and policy variables allowed), or empty.
std::string arn_problem(std::string_view text);
// arn_problem(text).empty(), without wording the problem.
bool arn_is_well_formed(std::string_view text);

}  // namespace seslint
