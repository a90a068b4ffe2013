#pragma once
// The AWS managed policies that grant administrator access or sending as any SES identity
// (rules/aws-managed-policies.json, generated from the managed-policies corpus by
// scripts/update-managed-policies), for the rules that report a managed policy attached by ARN.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seslint::rules::managed {

enum class Grant { Administrator, SendAnyIdentity };

struct ManagedPolicy {
  std::string name;                  // "AmazonSESFullAccess"
  Grant grant = Grant::SendAnyIdentity;
  std::vector<std::string> actions;  // the send actions it allows on every identity
};

// The listed AWS managed policy an ARN names ("arn:<partition>:iam::aws:policy/[path/]<name>"),
// or nullopt: customer-managed policies and unlisted AWS ones.
const ManagedPolicy* find_aws_managed(std::string_view arn);

}  // namespace seslint::rules::managed
