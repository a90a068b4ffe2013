// A Terraform plan (or state) as part of the account model: its aws_iam_user, aws_iam_group and
// aws_iam_role resources with the policies the plan attaches to them (inline policy resources and
// blocks, aws_iam_policy attachments, managed_policy_arns, group memberships, permissions
// boundaries). A value the plan knows is read from planned_values (a state's values); one known only
// at apply time (an ARN the provider assigns) is followed through the configuration's references to
// the resource it comes from. When neither tells, the permission is unknown and its principal
// undetermined: never a wildcard, never left out silently.
#include <deque>
#include <set>

#include <fmt/format.h>

#include "audit/raw_holders.hpp"
#include "inputs/container_support.hpp"
#include "inputs/terraform_plan.hpp"
#include "seslint/arn.hpp"

namespace seslint::audit {
namespace {

using inputs::field;
using inputs::text_field;

using inputs::PlanResource;
using inputs::TerraformPlan;

PrincipalKind holder_kind(std::string_view type) {
  return type == "aws_iam_user" ? PrincipalKind::User : type == "aws_iam_role" ? PrincipalKind::Role : PrincipalKind::Unknown;
}

bool is_holder_type(std::string_view type) {
  return type == "aws_iam_user" || type == "aws_iam_group" || type == "aws_iam_role";
}

// What an attribute names, resolved: names the plan knows, the resources its references lead to,
// and whether part of it is known only at apply time and leads nowhere in the plan.
struct Named {
  std::vector<std::string> names;
  std::vector<const PlanResource*> resources;
  bool unknown = false;
};

class PlanReader {
 public:
  PlanReader(const std::string& path, std::map<std::string, const ModelPolicy*>& policies)
      : path_(path), policies_(policies) {}

  PlanHolders read(const JsonValue& root) {
    const TerraformPlan plan(root);
    plan_ = &plan;
    for (const auto& resource : plan.resources())
      if (is_holder_type(resource.type)) add_holder(resource);
    for (const auto& resource : plan.resources()) {
      if (holder_of(resource) != nullptr) read_holder_attributes(resource);
      else link(resource);
    }
    plan_ = nullptr;
    holders_by_resource_.clear();
    PlanHolders out;
    for (auto& holder : holders_) out.holders.push_back(std::move(holder));
    out.managed = std::move(managed_);
    return out;
  }

 private:
  RawHolder* holder_of(const PlanResource& resource) const {
    const auto found = holders_by_resource_.find(&resource);
    return found == holders_by_resource_.end() ? nullptr : found->second;
  }

  void add_holder(const PlanResource& resource) {
    RawHolder& holder = holders_.emplace_back();
    holder.kind = holder_kind(resource.type);
    const std::string_view name = text_field(*resource.values, "name");
    holder.name = name.empty() ? resource.address : std::string(name);
    holder.arn = std::string(text_field(*resource.values, "arn"));
    holders_by_resource_.emplace(&resource, &holder);
  }

  static bool is_unknown(const PlanResource& resource, std::string_view attribute) {
    return TerraformPlan::is_unknown(resource, attribute);
  }

  // The resources of `type` the configuration's references for `attribute` lead to.
  std::vector<const PlanResource*> referenced(const PlanResource& from, std::string_view attribute,
                                              std::string_view type) const {
    return plan_->referenced(from, attribute, [&](const PlanResource& r) { return r.type == type; });
  }

  // What `attribute` (a string or a list of strings) names among resources of `type`.
  Named named(const PlanResource& resource, std::string_view attribute, std::string_view type) const {
    Named out;
    const JsonValue* value = field(*resource.values, attribute);
    bool pending = is_unknown(resource, attribute);
    if (value != nullptr && value->is_string()) out.names.push_back(value->text);
    if (value != nullptr && value->is_array())
      for (const auto& item : value->items) {
        if (item.is_string()) out.names.push_back(item.text);
        else pending = pending || resource.expressions != nullptr;  // an element known only at apply time
      }
    if (!pending) return out;
    out.resources = referenced(resource, attribute, type);
    out.unknown = out.resources.empty();
    return out;
  }

  std::vector<RawHolder*> holders_of(const Named& names, std::string_view type) {
    std::vector<RawHolder*> out;
    for (const auto& resource : plan_->resources()) {
      RawHolder* holder = holder_of(resource);
      if (holder != nullptr && resource.type == type &&
          (std::find(names.names.begin(), names.names.end(), holder->name) != names.names.end() ||
           std::find(names.resources.begin(), names.resources.end(), &resource) != names.resources.end()))
        out.push_back(holder);
    }
    return out;
  }

  std::string reference_key(const PlanResource& policy) const { return fmt::format("{}#{}", path_, policy.address); }

  // An aws_iam_policy of the plan as a managed policy: its document taken from the loose policies.
  Attachment managed_from_plan(const PlanResource& policy) {
    Attachment out{std::string(text_field(*policy.values, "name")), reference_key(policy), {}};
    if (out.name.empty()) out.name = policy.address;
    if (managed_.count(out.arn)) return out;
    const JsonValue* document = field(*policy.values, "policy");
    const ModelPolicy* taken = document != nullptr ? take(*document) : nullptr;
    if (taken == nullptr) {
      out.unknown = fmt::format("the document of {} is known only at apply time", policy.address);
      return out;
    }
    managed_[out.arn] = taken;
    return out;
  }

  // The plan's aws_iam_policy a known ARN names: by its ARN, else by the name the ARN ends with
  // (the provider assigns the ARN at apply time).
  const PlanResource* plan_policy_with_arn(std::string_view arn) const {
    const auto parts = split_arn(arn);
    if (!parts || parts->account == "aws" || !parts->resource.starts_with("policy/")) return nullptr;
    const std::string_view name = parts->resource.substr(parts->resource.rfind('/') + 1);
    for (const auto& resource : plan_->resources()) {
      if (resource.type != "aws_iam_policy") continue;
      const std::string_view known = text_field(*resource.values, "arn");
      if (known == arn || (known.empty() && text_field(*resource.values, "name") == name)) return &resource;
    }
    return nullptr;
  }

  // The managed policies an ARN attribute (policy_arn, managed_policy_arns, permissions_boundary) names.
  std::vector<Attachment> attachments(const PlanResource& resource, std::string_view attribute) {
    std::vector<Attachment> out;
    const Named arns = named(resource, attribute, "aws_iam_policy");
    for (const auto& arn : arns.names) {
      if (const PlanResource* policy = plan_policy_with_arn(arn)) out.push_back(managed_from_plan(*policy));
      else out.push_back({arn.substr(arn.rfind('/') + 1), arn, {}});
    }
    for (const PlanResource* policy : arns.resources) out.push_back(managed_from_plan(*policy));
    if (arns.unknown)
      out.push_back({"(unknown)", "(unknown)",
                     fmt::format("the {} of {} is known only at apply time and names no policy of the plan", attribute,
                                 resource.address)});
    return out;
  }

  const ModelPolicy* take(const JsonValue& document) {
    const auto found = policies_.find(document.pointer.str());
    if (found == policies_.end()) return nullptr;
    const ModelPolicy* policy = found->second;
    policies_.erase(found);
    return policy;
  }

  // An inline policy document for `holders`, or the reason it is unknown.
  void add_inline(const PlanResource& resource, const JsonValue* document, const std::vector<RawHolder*>& holders,
                  std::string_view what) {
    if (holders.empty()) return;  // held by no principal of the plan: audited on its own
    const ModelPolicy* policy = document != nullptr ? take(*document) : nullptr;
    for (RawHolder* holder : holders) {
      if (policy != nullptr) holder->inline_policies.push_back(policy);
      else holder->unknown.push_back(fmt::format("the document of {}{} is known only at apply time", resource.address, what));
    }
  }

  void read_holder_attributes(const PlanResource& resource) {
    RawHolder& holder = *holder_of(resource);
    for (auto& boundary : attachments(resource, "permissions_boundary")) {
      holder.boundary_arn = boundary.arn;
      holder.boundary_unknown = boundary.unknown;
    }
    if (resource.type != "aws_iam_role") return;
    for (auto& attachment : attachments(resource, "managed_policy_arns")) holder.attached.push_back(std::move(attachment));
    if (const JsonValue* blocks = field(*resource.values, "inline_policy"); blocks != nullptr && blocks->is_array())
      for (const auto& block : blocks->items)
        add_inline(resource, field(block, "policy"), {&holder}, fmt::format(" inline_policy {}", text_field(block, "name")));
    if (is_unknown(resource, "inline_policy"))
      holder.unknown.push_back(fmt::format("the inline_policy blocks of {} are known only at apply time", resource.address));
  }

  // Resources that link holders and policies.
  void link(const PlanResource& resource) {
    const std::string& type = resource.type;
    if (type == "aws_iam_user_policy" || type == "aws_iam_group_policy" || type == "aws_iam_role_policy") {
      const std::string holder_type = type.substr(0, type.size() - std::string_view("_policy").size());
      const std::string attribute = holder_type.substr(std::string_view("aws_iam_").size());
      add_inline(resource, field(*resource.values, "policy"), holders_of(named(resource, attribute, holder_type), holder_type), "");
      return;
    }
    if (type == "aws_iam_user_policy_attachment" || type == "aws_iam_group_policy_attachment" ||
        type == "aws_iam_role_policy_attachment" || type == "aws_iam_policy_attachment") {
      std::vector<RawHolder*> targets;
      for (const auto& [attribute, holder_type] : kTargets) {
        const Named names = named(resource, attribute, holder_type);
        for (RawHolder* holder : holders_of(names, holder_type)) targets.push_back(holder);
      }
      if (targets.empty()) return;
      for (const auto& attachment : attachments(resource, "policy_arn"))
        for (RawHolder* holder : targets) holder->attached.push_back(attachment);
      return;
    }
    if (type == "aws_iam_group_membership") return member_of(resource, "group", "users");
    if (type == "aws_iam_user_group_membership") return member_of(resource, "groups", "user");
  }

  // Users that a membership resource puts in groups.
  void member_of(const PlanResource& resource, std::string_view group_attribute, std::string_view user_attribute) {
    const Named groups = named(resource, group_attribute, "aws_iam_group");
    std::vector<std::string> names = groups.names;
    for (const PlanResource* group : groups.resources) names.push_back(holder_of(*group)->name);
    for (RawHolder* user : holders_of(named(resource, user_attribute, "aws_iam_user"), "aws_iam_user")) {
      for (const auto& name : names)
        if (std::find(user->groups.begin(), user->groups.end(), name) == user->groups.end()) user->groups.push_back(name);
      if (groups.unknown)
        user->unknown.push_back(fmt::format("{} puts it in a group known only at apply time", resource.address));
    }
  }

  static constexpr std::pair<std::string_view, std::string_view> kTargets[] = {
      {"user", "aws_iam_user"}, {"group", "aws_iam_group"}, {"role", "aws_iam_role"},
      {"users", "aws_iam_user"}, {"groups", "aws_iam_group"}, {"roles", "aws_iam_role"}};

  const std::string& path_;
  std::map<std::string, const ModelPolicy*>& policies_;
  const TerraformPlan* plan_ = nullptr;  // while read() runs
  std::map<const PlanResource*, RawHolder*> holders_by_resource_;
  std::deque<RawHolder> holders_;
  std::map<std::string, const ModelPolicy*> managed_;
};

}  // namespace

PlanHolders read_plan_holders(const std::string& path, const JsonValue& root,
                              std::map<std::string, const ModelPolicy*>& policies) {
  return PlanReader(path, policies).read(root);
}

}  // namespace seslint::audit
