// Terraform: `terraform show -json` of a plan (planned_values) or of a state (values). Policies are
// JSON strings in resource attributes; the logical name is the resource address. Values still
// unknown at plan time are absent from planned_values and so are simply not linted.
#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "inputs/container_support.hpp"

namespace seslint::inputs {
namespace {

struct PolicyAttribute {
  std::string_view type;
  std::string_view attribute;
  std::optional<PolicyKind> kind;
  const InlineQuota* quota;  // nullptr: IAM011 goes by the policy's kind
};

constexpr std::array<PolicyAttribute, 8> kAttributes = {{
    {"aws_iam_policy", "policy", PolicyKind::Identity, nullptr},
    {"aws_iam_role_policy", "policy", PolicyKind::Identity, &kRoleInlineQuota},
    {"aws_iam_user_policy", "policy", PolicyKind::Identity, &kUserInlineQuota},
    {"aws_iam_group_policy", "policy", PolicyKind::Identity, &kGroupInlineQuota},
    {"aws_iam_role", "assume_role_policy", PolicyKind::Trust, nullptr},
    {"aws_ses_identity_policy", "policy", PolicyKind::SesIdentity, nullptr},
    {"aws_sesv2_email_identity_policy", "policy", PolicyKind::SesIdentity, nullptr},
    {"aws_iam_policy_document", "json", std::nullopt, nullptr},
}};

PolicyOrigin origin_for(const PolicyAttribute& attribute, std::string_view address, const JsonValue& values) {
  PolicyOrigin origin;
  origin.name = std::string(address);
  if (attribute.attribute == "assume_role_policy") origin.name += " assume_role_policy";
  origin.kind = attribute.kind;
  if (attribute.quota != nullptr) set_quota(origin, *attribute.quota);
  if (attribute.kind == PolicyKind::SesIdentity) {
    const std::string_view identity = text_field(values, "identity");  // a name or an identity ARN
    origin.ses_identity = std::string(identity.empty() ? text_field(values, "email_identity") : identity);
  }
  return origin;
}

struct ModuleWalk {
  SiteSink& sink;
  std::set<std::string_view> seen;  // addresses already read
  bool data_only = false;           // prior_state: only the data sources the plan read
  std::map<std::string_view, Holder> roles;  // aws_iam_role name -> its holder, from its trust policy
};

// Managed policies attached by ARN: the attachment resources, and aws_iam_role's managed_policy_arns.
void read_attachments(std::string_view type, std::string_view address, const JsonValue& values, SiteSink& sink) {
  const bool attachment = type == "aws_iam_policy_attachment" || type == "aws_iam_role_policy_attachment" ||
                          type == "aws_iam_user_policy_attachment" || type == "aws_iam_group_policy_attachment";
  if (attachment)
    if (const JsonValue* arn = field(values, "policy_arn"); arn != nullptr && arn->is_string())
      sink.out().attachments.push_back({arn, std::string(address)});
  if (type == "aws_iam_role")
    if (const JsonValue* arns = field(values, "managed_policy_arns"); arns != nullptr && arns->is_array())
      for (const auto& arn : arns->items)
        if (arn.is_string()) sink.out().attachments.push_back({&arn, std::string(address)});
}

// A role's holder from its assume_role_policy (a JSON string).
Holder terraform_role_holder(const JsonValue& values) {
  const JsonValue* trust = field(values, "assume_role_policy");
  if (trust == nullptr || !trust->is_string()) return role_holder(nullptr);
  const ParseResult parsed = parse_json(trust->text);
  return role_holder(parsed.root ? &*parsed.root : nullptr);
}

void collect_roles(const JsonValue& module, ModuleWalk& walk) {
  if (const JsonValue* resources = field(module, "resources"); resources != nullptr && resources->is_array())
    for (const auto& resource : resources->items)
      if (text_field(resource, "type") == "aws_iam_role")
        if (const JsonValue* values = field(resource, "values"))
          walk.roles.emplace(text_field(*values, "name"), terraform_role_holder(*values));
  if (const JsonValue* children = field(module, "child_modules"); children != nullptr && children->is_array())
    for (const auto& child : children->items) collect_roles(child, walk);
}

// Who holds the policy a resource carries: its user or group, or its role (by name in the plan).
std::optional<Holder> holder_for(std::string_view type, const JsonValue& values, const ModuleWalk& walk) {
  if (type == "aws_iam_user_policy" || type == "aws_iam_group_policy") return Holder{PrincipalKind::User, false, {}};
  if (type != "aws_iam_role_policy") return std::nullopt;
  const auto role = walk.roles.find(text_field(values, "role"));
  return role != walk.roles.end() ? role->second : role_holder(nullptr);
}

void read_resource(const JsonValue& resource, ModuleWalk& walk) {
  SiteSink& sink = walk.sink;
  const std::string_view type = text_field(resource, "type");
  const std::string_view address = text_field(resource, "address");
  const JsonValue* values = field(resource, "values");
  const bool data = text_field(resource, "mode") == "data";
  if (values == nullptr || (walk.data_only && !data) || !walk.seen.insert(address).second) return;
  for (const auto& attribute : kAttributes) {
    if (attribute.type != type || (type == "aws_iam_policy_document") != data) continue;
    if (const JsonValue* policy = field(*values, attribute.attribute); policy != nullptr && policy->is_string()) {
      PolicyOrigin origin = origin_for(attribute, address, *values);
      origin.holder = holder_for(type, *values, walk);
      sink.add(*policy, std::move(origin));
    }
  }
  if (!data) read_attachments(type, address, *values, sink);
  if (type == "aws_iam_role" && !data)  // inline_policy blocks: [{name, policy}]
    if (const JsonValue* blocks = field(*values, "inline_policy"); blocks != nullptr && blocks->is_array())
      for (const auto& block : blocks->items)
        if (const JsonValue* policy = field(block, "policy"); policy != nullptr && policy->is_string()) {
          PolicyOrigin origin;
          origin.name = fmt::format("{} inline_policy {}", address, text_field(block, "name"));
          origin.kind = PolicyKind::Identity;
          origin.holder = terraform_role_holder(*values);
          set_quota(origin, kRoleInlineQuota);
          sink.add(*policy, std::move(origin));
        }
}

void read_module(const JsonValue& module, ModuleWalk& walk) {
  if (const JsonValue* resources = field(module, "resources"); resources != nullptr && resources->is_array())
    for (const auto& resource : resources->items) read_resource(resource, walk);
  if (const JsonValue* children = field(module, "child_modules"); children != nullptr && children->is_array())
    for (const auto& child : children->items) read_module(child, walk);
}

}  // namespace

bool read_terraform(const JsonValue& root, SiteSink& sink) {
  if (field(root, "format_version") == nullptr ||
      (field(root, "planned_values") == nullptr && field(root, "values") == nullptr &&
       field(root, "terraform_version") == nullptr))
    return false;
  sink.out().container = field(root, "planned_values") != nullptr ? "Terraform plan" : "Terraform state";
  ModuleWalk walk{sink, {}, false, {}};
  for (std::string_view section : {"planned_values", "values"})
    if (const JsonValue* values = field(root, section))
      if (const JsonValue* module = field(*values, "root_module")) collect_roles(*module, walk);
  for (std::string_view section : {"planned_values", "values"})
    if (const JsonValue* values = field(root, section))
      if (const JsonValue* module = field(*values, "root_module")) read_module(*module, walk);
  // Data sources read while planning sit in the plan's state snapshot, not in planned_values.
  walk.data_only = true;
  if (const JsonValue* prior = field(root, "prior_state"))
    if (const JsonValue* values = field(*prior, "values"))
      if (const JsonValue* module = field(*values, "root_module")) read_module(*module, walk);
  return true;
}

}  // namespace seslint::inputs
