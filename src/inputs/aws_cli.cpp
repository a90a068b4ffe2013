// AWS CLI exports: iam get-account-authorization-details, get-policy-version, get-role /
// get-role-policy / get-user-policy / get-group-policy, ses get-identity-policies,
// sesv2 get-email-identity-policies and get-email-identity.
#include <array>

#include <fmt/format.h>

#include "inputs/container_support.hpp"
#include "seslint/arn.hpp"

namespace seslint::inputs {
namespace {

constexpr std::string_view kAwsManagedPrefix = "arn:aws:iam::aws:policy/";

struct PrincipalShape {
  std::string_view list_key;     // in authorization details
  std::string_view name_key;     // UserName, ...
  std::string_view policies_key;  // UserPolicyList, ...
  std::string_view prefix;        // "user"
  const InlineQuota& quota;
};

constexpr std::array<PrincipalShape, 3> kPrincipals = {{
    {"UserDetailList", "UserName", "UserPolicyList", "user", kUserInlineQuota},
    {"GroupDetailList", "GroupName", "GroupPolicyList", "group", kGroupInlineQuota},
    {"RoleDetailList", "RoleName", "RolePolicyList", "role", kRoleInlineQuota},
}};

// `trust`: the role's trust policy, when the export has it.
PolicyOrigin inline_origin(const PrincipalShape& shape, std::string_view principal, std::string_view policy,
                           const JsonValue* trust = nullptr) {
  PolicyOrigin origin;
  origin.name = fmt::format("{}/{} inline policy {}", shape.prefix, principal, policy);
  origin.kind = PolicyKind::Identity;
  origin.holder = shape.prefix == "role" ? role_holder(trust) : Holder{PrincipalKind::User, false, {}};
  set_quota(origin, shape.quota);
  return origin;
}

// `role`: the export's role entry (RoleName, Arn).
PolicyOrigin trust_origin(const JsonValue& role) {
  PolicyOrigin origin;
  origin.name = fmt::format("role/{} trust policy", text_field(role, "RoleName"));
  origin.kind = PolicyKind::Trust;
  if (const auto arn = split_arn(text_field(role, "Arn"))) origin.account = std::string(arn->account);
  return origin;
}

void read_principal(const PrincipalShape& shape, const JsonValue& entry, SiteSink& sink) {
  const std::string_view principal = text_field(entry, shape.name_key);
  const JsonValue* trust = field(entry, "AssumeRolePolicyDocument");
  if (const JsonValue* list = field(entry, shape.policies_key); list != nullptr && list->is_array())
    for (const auto& item : list->items)
      if (const JsonValue* document = field(item, "PolicyDocument"))
        sink.add(*document, inline_origin(shape, principal, text_field(item, "PolicyName"), trust));
  if (shape.prefix == "role" && trust != nullptr) sink.add(*trust, trust_origin(entry));
  // A list of {PolicyName, PolicyArn}; AWS CLI's own documentation example shows a single object.
  const JsonValue* attached = field(entry, "AttachedManagedPolicies");
  auto attach = [&](const JsonValue& item) {
    if (const JsonValue* arn = field(item, "PolicyArn"); arn != nullptr && arn->is_string())
      sink.out().attachments.push_back({arn, fmt::format("{}/{}", shape.prefix, principal)});
  };
  if (attached != nullptr && attached->is_array())
    for (const auto& item : attached->items) attach(item);
  if (attached != nullptr && attached->is_object()) attach(*attached);
}

void read_managed_policy(const JsonValue& policy, SiteSink& sink) {
  const std::string_view arn = text_field(policy, "Arn");
  const bool aws_managed = arn.substr(0, kAwsManagedPrefix.size()) == kAwsManagedPrefix;
  if (aws_managed && !sink.options().include_aws_managed) return;
  const JsonValue* version = default_version(policy);
  if (version == nullptr) return;
  const JsonValue* document = field(*version, "Document");
  if (document == nullptr) return;
  PolicyOrigin origin;
  origin.name = fmt::format("{} {} ({})", aws_managed ? "AWS managed policy" : "managed policy",
                            text_field(policy, "PolicyName"), text_field(*version, "VersionId"));
  origin.kind = PolicyKind::Identity;
  origin.aws_managed = aws_managed;
  sink.add(*document, std::move(origin));
}

// ses get-identity-policies / sesv2 get-email-identity-policies / get-email-identity: a map of
// policy names to policy strings. The identity's name is not in the output; some dump scripts
// add it as "EmailIdentity" or "Identity".
void read_identity_policies(const JsonValue& root, const JsonValue& policies, SiteSink& sink) {
  std::string_view identity = text_field(root, "EmailIdentity");
  if (identity.empty()) identity = text_field(root, "Identity");
  for (const auto& member : policies.members) {
    PolicyOrigin origin;
    origin.name = identity.empty() ? fmt::format("SES identity policy {}", member.key)
                                   : fmt::format("identity {} policy {}", identity, member.key);
    origin.kind = PolicyKind::SesIdentity;
    origin.ses_identity = std::string(identity);
    sink.add(member.value, std::move(origin));
  }
}

bool is_email_identity_record(const JsonValue& root) {
  return field(root, "DkimAttributes") != nullptr || field(root, "MailFromAttributes") != nullptr ||
         field(root, "IdentityType") != nullptr || field(root, "VerifiedForSendingStatus") != nullptr;
}

}  // namespace

const JsonValue* default_version(const JsonValue& policy) {
  const JsonValue* versions = field(policy, "PolicyVersionList");
  if (versions == nullptr || !versions->is_array()) return nullptr;
  const std::string_view default_id = text_field(policy, "DefaultVersionId");
  for (const auto& version : versions->items) {
    const JsonValue* is_default = field(version, "IsDefaultVersion");
    if ((is_default != nullptr && is_default->kind == JsonKind::Bool && is_default->boolean) ||
        (!default_id.empty() && text_field(version, "VersionId") == default_id))
      return &version;
  }
  return nullptr;
}

bool read_authorization_details(const JsonValue& root, SiteSink& sink) {
  bool any = false;
  for (const auto& shape : kPrincipals)
    if (const JsonValue* list = field(root, shape.list_key); list != nullptr && list->is_array()) {
      any = true;
      for (const auto& entry : list->items) read_principal(shape, entry, sink);
    }
  if (const JsonValue* policies = field(root, "Policies"); policies != nullptr && policies->is_array()) {
    const bool managed = !policies->items.empty() && field(policies->items.front(), "PolicyVersionList") != nullptr;
    if (!any && !managed && !policies->items.empty()) return false;
    any = true;
    for (const auto& policy : policies->items) read_managed_policy(policy, sink);
  }
  if (any) sink.out().container = kAuthorizationDetails;
  return any;
}

void read_authorization_entry(std::string_view list_key, const JsonValue& entry, SiteSink& sink) {
  for (const auto& shape : kPrincipals)
    if (shape.list_key == list_key) read_principal(shape, entry, sink);
  if (list_key == "Policies") read_managed_policy(entry, sink);
}

bool read_aws_cli(const JsonValue& root, SiteSink& sink) {
  Extraction& out = sink.out();
  if (const JsonValue* version = field(root, "PolicyVersion"); version != nullptr && field(*version, "Document")) {
    out.container = "iam get-policy-version";
    PolicyOrigin origin;
    origin.name = fmt::format("policy version {}", text_field(*version, "VersionId"));
    origin.kind = PolicyKind::Identity;
    sink.add(*field(*version, "Document"), std::move(origin));
    return true;
  }
  if (const JsonValue* role = field(root, "Role"); role != nullptr && field(*role, "AssumeRolePolicyDocument")) {
    out.container = "iam get-role";
    sink.add(*field(*role, "AssumeRolePolicyDocument"), trust_origin(*role));
    return true;
  }
  if (const JsonValue* document = field(root, "PolicyDocument"); document != nullptr && field(root, "PolicyName")) {
    for (const auto& shape : kPrincipals)
      if (field(root, shape.name_key) != nullptr) {
        out.container = fmt::format("iam get-{}-policy", shape.prefix);
        sink.add(*document, inline_origin(shape, text_field(root, shape.name_key), text_field(root, "PolicyName")));
        return true;
      }
    return false;
  }
  const JsonValue* policies = field(root, "Policies");
  bool policy_map = policies != nullptr && policies->is_object();
  if (policy_map)
    for (const auto& member : policies->members) policy_map = policy_map && member.value.is_string();
  if (is_email_identity_record(root)) {
    out.container = "sesv2 get-email-identity";
    const std::string_view identity = text_field(root, "EmailIdentity");
    out.identities.push_back({&root, identity.empty() ? std::string("SES email identity")
                                                      : fmt::format("identity {}", identity)});
  } else if (policy_map) {
    out.container = "ses get-identity-policies or sesv2 get-email-identity-policies";
  } else {
    return false;
  }
  if (policy_map) read_identity_policies(root, *policies, sink);
  return true;
}

}  // namespace seslint::inputs
