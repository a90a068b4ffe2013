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
#include "seslint/arn.hpp"

namespace seslint::audit {
namespace {

using inputs::field;
using inputs::text_field;

struct PlanResource {
  std::string address;         // as planned: "module.mail.aws_iam_user.alice[0]"
  std::string config_address;  // without instance keys: "module.mail.aws_iam_user.alice"
  std::string module;          // "module.mail." or ""
  std::string type;
  const JsonValue* values = nullptr;
  const JsonValue* expressions = nullptr;    // the configuration's, when the plan has one
  const JsonValue* after_unknown = nullptr;  // resource_changes: what is known only at apply time
  RawHolder* holder = nullptr;               // for users, groups and roles
};

// "module.a[0].aws_iam_user.u[\"x\"]" -> "module.a.aws_iam_user.u"
std::string without_keys(std::string_view address) {
  std::string out;
  bool in_key = false, quoted = false, escaped = false;
  for (char c : address) {
    if (!in_key) {
      if (c == '[') in_key = true;
      else out += c;
    } else if (escaped) {
      escaped = false;
    } else if (quoted) {
      if (c == '\\') escaped = true;
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ']') {
      in_key = false;
    }
  }
  return out;
}

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
    std::map<std::string, const JsonValue*> expressions, after_unknown;
    if (const JsonValue* configuration = field(root, "configuration"))
      if (const JsonValue* module = field(*configuration, "root_module")) collect_expressions(*module, "", expressions);
    if (const JsonValue* changes = field(root, "resource_changes"); changes != nullptr && changes->is_array())
      for (const auto& change : changes->items)
        if (const JsonValue* body = field(change, "change"))
          if (const JsonValue* unknown = field(*body, "after_unknown"))
            after_unknown.emplace(text_field(change, "address"), unknown);
    for (std::string_view section : {"planned_values", "values"})
      if (const JsonValue* values = field(root, section))
        if (const JsonValue* module = field(*values, "root_module")) collect_resources(*module);
    for (auto& resource : resources_) {
      const auto e = expressions.find(resource.config_address);
      if (e != expressions.end()) resource.expressions = e->second;
      const auto u = after_unknown.find(resource.address);
      if (u != after_unknown.end()) resource.after_unknown = u->second;
      by_config_address_.emplace(resource.config_address, &resource);
      if (is_holder_type(resource.type)) add_holder(resource);
    }
    for (const auto& resource : resources_) {
      if (resource.holder != nullptr) read_holder_attributes(resource);
      else link(resource);
    }
    PlanHolders out;
    for (auto& holder : holders_) out.holders.push_back(std::move(holder));
    out.managed = std::move(managed_);
    return out;
  }

 private:
  void collect_expressions(const JsonValue& module, const std::string& prefix,
                           std::map<std::string, const JsonValue*>& out) const {
    if (const JsonValue* list = field(module, "resources"); list != nullptr && list->is_array())
      for (const auto& resource : list->items)
        if (const JsonValue* expressions = field(resource, "expressions"))
          out.emplace(prefix + std::string(text_field(resource, "address")), expressions);
    if (const JsonValue* calls = field(module, "module_calls"); calls != nullptr && calls->is_object())
      for (const auto& call : calls->members)
        if (const JsonValue* child = field(call.value, "module"))
          collect_expressions(*child, fmt::format("{}module.{}.", prefix, call.key), out);
  }

  void collect_resources(const JsonValue& module) {
    if (const JsonValue* list = field(module, "resources"); list != nullptr && list->is_array())
      for (const auto& item : list->items) {
        const JsonValue* values = field(item, "values");
        if (values == nullptr || text_field(item, "mode") != "managed") continue;
        PlanResource& resource = resources_.emplace_back();
        resource.address = std::string(text_field(item, "address"));
        resource.config_address = without_keys(resource.address);
        resource.type = std::string(text_field(item, "type"));
        const std::string tail = fmt::format("{}.{}", resource.type, text_field(item, "name"));
        resource.module = resource.config_address.ends_with(tail)
                              ? resource.config_address.substr(0, resource.config_address.size() - tail.size())
                              : std::string();
        resource.values = values;
      }
    if (const JsonValue* children = field(module, "child_modules"); children != nullptr && children->is_array())
      for (const auto& child : children->items) collect_resources(child);
  }

  void add_holder(PlanResource& resource) {
    RawHolder& holder = holders_.emplace_back();
    holder.kind = holder_kind(resource.type);
    const std::string_view name = text_field(*resource.values, "name");
    holder.name = name.empty() ? resource.address : std::string(name);
    holder.arn = std::string(text_field(*resource.values, "arn"));
    resource.holder = &holder;
  }

  // Whether the configuration sets `attribute` to a value known only at apply time.
  static bool is_unknown(const PlanResource& resource, std::string_view attribute) {
    const JsonValue* value = field(*resource.values, attribute);
    const JsonValue* flagged = resource.after_unknown != nullptr ? field(*resource.after_unknown, attribute) : nullptr;
    const bool pending = value == nullptr || (flagged != nullptr && flagged->kind == JsonKind::Bool && flagged->boolean);
    return pending && resource.expressions != nullptr && field(*resource.expressions, attribute) != nullptr;
  }

  // The resources of `type` the configuration's references for `attribute` lead to (the same
  // instance key as `from` when there are several).
  std::vector<const PlanResource*> referenced(const PlanResource& from, std::string_view attribute,
                                              std::string_view type) const {
    std::vector<const PlanResource*> out;
    if (from.expressions == nullptr) return out;
    const JsonValue* expression = field(*from.expressions, attribute);
    const JsonValue* references = expression != nullptr ? field(*expression, "references") : nullptr;
    if (references == nullptr || !references->is_array()) return out;
    for (const auto& reference : references->items) {
      if (!reference.is_string()) continue;
      const auto [first, last] = by_config_address_.equal_range(from.module + reference.text);
      std::vector<const PlanResource*> found;
      for (auto it = first; it != last; ++it)
        if (it->second->type == type) found.push_back(it->second);
      if (found.size() > 1) {  // count/for_each: the instance with the referring resource's key
        const auto open = from.address.rfind('[');
        const std::string key = open == std::string::npos ? std::string() : from.address.substr(open);
        for (const PlanResource* candidate : found)
          if (!key.empty() && candidate->address.ends_with(key)) found = {candidate};
      }
      for (const PlanResource* candidate : found)
        if (std::find(out.begin(), out.end(), candidate) == out.end()) out.push_back(candidate);
    }
    return out;
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
    for (const auto& resource : resources_)
      if (resource.holder != nullptr && resource.type == type &&
          (std::find(names.names.begin(), names.names.end(), resource.holder->name) != names.names.end() ||
           std::find(names.resources.begin(), names.resources.end(), &resource) != names.resources.end()))
        out.push_back(resource.holder);
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
    for (const auto& resource : resources_) {
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
    const auto found = policies_.find(document.pointer);
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
    RawHolder& holder = *resource.holder;
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
    for (const PlanResource* group : groups.resources) names.push_back(group->holder->name);
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
  std::deque<PlanResource> resources_;
  std::multimap<std::string, const PlanResource*> by_config_address_;
  std::deque<RawHolder> holders_;
  std::map<std::string, const ModelPolicy*> managed_;
};

}  // namespace

PlanHolders read_plan_holders(const std::string& path, const JsonValue& root,
                              std::map<std::string, const ModelPolicy*>& policies) {
  return PlanReader(path, policies).read(root);
}

}  // namespace seslint::audit
