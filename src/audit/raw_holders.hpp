#pragma once
// Users, groups and roles as an input declares them, before the account model resolves their group
// and managed-policy names: shared by the loader (exports, CloudFormation) and the Terraform plan
// reader.
#include <map>
#include <string>
#include <vector>

#include "seslint/account.hpp"

namespace seslint::audit {

struct Attachment {
  std::string name, arn;
  std::string unknown;  // set when the input cannot say which policy it is: why
};

struct RawHolder {
  PrincipalKind kind = PrincipalKind::Unknown;  // Unknown for groups
  std::string name, arn, boundary_arn;
  std::string boundary_unknown;  // set when the boundary is known only when deployed: why
  std::vector<const ModelPolicy*> inline_policies;
  std::vector<Attachment> attached;
  std::vector<std::string> groups;
  std::vector<std::string> unknown;  // parts of its permissions the input does not hold yet: why
};

// A Terraform plan's (or state's) users, groups and roles with the policies attached to them. The
// policies they take are removed from `policies` (identity policies by JSON pointer); `managed`
// receives each aws_iam_policy they attach, under the key their attachments use.
struct PlanHolders {
  std::vector<RawHolder> holders;
  std::map<std::string, const ModelPolicy*> managed;
};
PlanHolders read_plan_holders(const std::string& path, const JsonValue& root,
                              std::map<std::string, const ModelPolicy*>& policies);

}  // namespace seslint::audit
