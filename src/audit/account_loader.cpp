// Reads inputs into the account model. Authorization-details exports are read for their structure
// (group membership, attachments, boundaries), which the lint path does not need; every other input
// goes through the linter's container readers and contributes SES identity policies, email identity
// records and policies whose holder the input does not say.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit/raw_holders.hpp"
#include "inputs/container_support.hpp"
#include "rules/support/managed_policies.hpp"
#include "seslint/account.hpp"
#include "seslint/arn.hpp"
#include "seslint/lint.hpp"

namespace seslint::audit {

std::string_view to_string(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::User: return "user";
    case PrincipalKind::Role: return "role";
    case PrincipalKind::Account: return "account";
    case PrincipalKind::Service: return "service";
    case PrincipalKind::Federated: return "federated";
    case PrincipalKind::Unknown: break;
  }
  return "unknown";
}

namespace {

using inputs::field;
using inputs::text_field;

constexpr std::string_view kAwsManagedPrefix = "arn:aws:iam::aws:policy/";

class Loader {
 public:
  explicit Loader(AccountModel& model) : model_(model) {}

  void read(const std::string& path, std::string text) {
    const std::string& source = model_.sources.emplace_back(std::move(text));
    model_.inputs.emplace_back(path, source);
    ParseResult& parsed = model_.trees.emplace_back(
        path.ends_with(".yaml") || path.ends_with(".yml") ? parse_yaml(source) : parse_json(source));
    if (!parsed.root) {
      const auto where = parsed.error ? parsed.error->where : Position{};
      model_.errors.push_back(fmt::format("{}:{}:{}: {}", path, where.line, where.column,
                                          parsed.error ? parsed.error->message : "cannot parse"));
      return;
    }
    const SourceWindow window{source, 0, path.ends_with(".yaml") || path.ends_with(".yml")};
    if (is_authorization_details(*parsed.root)) {
      read_authorization_details(path, *parsed.root, window);
      return;
    }
    read_other(path, *parsed.root, window);
  }

  void finish() {
    std::map<std::string, const RawHolder*> groups;
    for (const auto& group : groups_) groups[group.name] = &group;
    for (const auto& holder : principals_)
      if (const auto arn = split_arn(holder.arn); arn && account_.empty()) account_ = std::string(arn->account);
    if (account_.empty()) account_ = identity_account();
    for (const auto& holder : principals_) add_principal(holder, groups);
    add_identities();
    add_delegates();
  }

 private:
  static bool is_authorization_details(const JsonValue& root) {
    return field(root, "UserDetailList") != nullptr || field(root, "RoleDetailList") != nullptr ||
           field(root, "GroupDetailList") != nullptr;
  }

  const ModelPolicy* add_policy(const std::string& path, const JsonValue& value, const SourceWindow& window,
                                std::string label, std::optional<PolicyKind> kind) {
    Extraction& storage = model_.extractions.emplace_back();
    ExtractOptions options;
    inputs::SiteSink sink(storage, window, options);
    sink.add(value, {});
    if (storage.policies.empty() || storage.policies.front().root == nullptr ||
        !storage.policies.front().root->is_object()) {
      model_.errors.push_back(fmt::format("{}: {}: the policy document is not a JSON object", path, label));
      return nullptr;
    }
    return &model_.policies.emplace_back(
        ModelPolicy{std::move(label), path, build_policy(*storage.policies.front().root, kind)});
  }

  void read_holder(const std::string& path, const JsonValue& entry, const SourceWindow& window, RawHolder holder,
                   std::string_view name_key, std::string_view list_key) {
    holder.name = std::string(text_field(entry, name_key));
    holder.arn = std::string(text_field(entry, "Arn"));
    if (const JsonValue* list = field(entry, list_key); list != nullptr && list->is_array())
      for (const auto& item : list->items)
        if (const JsonValue* document = field(item, "PolicyDocument"))
          if (const ModelPolicy* policy = add_policy(path, *document, window,
                                                     fmt::format("inline policy {}", text_field(item, "PolicyName")),
                                                     PolicyKind::Identity))
            holder.inline_policies.push_back(policy);
    if (const JsonValue* list = field(entry, "AttachedManagedPolicies"); list != nullptr && list->is_array())
      for (const auto& item : list->items)
        holder.attached.push_back(
            {std::string(text_field(item, "PolicyName")), std::string(text_field(item, "PolicyArn")), {}});
    if (const JsonValue* boundary = field(entry, "PermissionsBoundary"))
      holder.boundary_arn = std::string(text_field(*boundary, "PermissionsBoundaryArn"));
    if (const JsonValue* list = field(entry, "GroupList"); list != nullptr && list->is_array())
      for (const auto& item : list->items)
        if (item.is_string()) holder.groups.push_back(item.text);
    if (holder.kind == PrincipalKind::Unknown) {
      groups_.push_back(std::move(holder));
    } else {
      principals_.push_back(std::move(holder));
    }
  }

  void read_authorization_details(const std::string& path, const JsonValue& root, const SourceWindow& window) {
    struct Shape {
      std::string_view list, name, policies;
      PrincipalKind kind;
    };
    constexpr Shape shapes[] = {{"UserDetailList", "UserName", "UserPolicyList", PrincipalKind::User},
                                {"GroupDetailList", "GroupName", "GroupPolicyList", PrincipalKind::Unknown},
                                {"RoleDetailList", "RoleName", "RolePolicyList", PrincipalKind::Role}};
    for (const auto& shape : shapes)
      if (const JsonValue* list = field(root, shape.list); list != nullptr && list->is_array())
        for (const auto& entry : list->items) {
          RawHolder holder;
          holder.kind = shape.kind;
          read_holder(path, entry, window, std::move(holder), shape.name, shape.policies);
        }
    if (const JsonValue* list = field(root, "Policies"); list != nullptr && list->is_array())
      for (const auto& policy : list->items) {
        const std::string arn(text_field(policy, "Arn"));
        const JsonValue* version = inputs::default_version(policy);
        const JsonValue* document = version != nullptr ? field(*version, "Document") : nullptr;
        if (arn.empty() || document == nullptr) continue;
        const bool aws_managed = arn.starts_with(kAwsManagedPrefix);
        if (const ModelPolicy* added = add_policy(
                path, *document, window,
                fmt::format("{} {}", aws_managed ? "AWS managed policy" : "managed policy", text_field(policy, "PolicyName")),
                PolicyKind::Identity))
          managed_[arn] = added;
      }
  }

  void read_other(const std::string& path, const JsonValue& root, const SourceWindow& window) {
    Extraction& extraction = model_.extractions.emplace_back(extract_policies(root, window, ExtractOptions{}));
    if (!extraction.recognised) {
      model_.notes.push_back(fmt::format("{}: not a policy or a known container", path));
      return;
    }
    for (const auto& record : extraction.identities) {
      const std::string_view name = text_field(*record.record, "EmailIdentity");
      if (!name.empty()) records_[std::string(name)] = record.record;
    }
    std::map<std::string, const ModelPolicy*> by_pointer;  // identity policies, by their JSON pointer
    for (const auto& site : extraction.policies) {
      if (site.root == nullptr || !site.root->is_object()) continue;
      Policy policy = build_policy(*site.root, site.origin.kind);
      const std::string label = site.origin.name.empty() ? fmt::format("policy {}", path) : site.origin.name;
      if (policy.kind == PolicyKind::SesIdentity) {
        const ModelPolicy& added = model_.policies.emplace_back(ModelPolicy{label, path, std::move(policy)});
        identity_policies_.push_back({std::string(ses_identity_name(site.origin.ses_identity)), &added});
      } else if (policy.kind == PolicyKind::Identity) {
        by_pointer[site.root->pointer.str()] = &model_.policies.emplace_back(ModelPolicy{label, path, std::move(policy)});
      }
    }
    if (const JsonValue* resources = field(root, "Resources"); resources != nullptr && resources->is_object())
      read_template_principals(path, *resources, by_pointer);
    if (extraction.container.starts_with("Terraform")) {
      PlanHolders plan = read_plan_holders(path, root, by_pointer);
      managed_.insert(plan.managed.begin(), plan.managed.end());
      for (auto& holder : plan.holders)
        (holder.kind == PrincipalKind::Unknown ? groups_ : principals_).push_back(std::move(holder));
    }
    // What no user, group or role of the input holds is audited as its own holder.
    for (const auto& [pointer, policy] : by_pointer) {
      ModelPrincipal holder;
      holder.arn = policy->label == fmt::format("policy {}", path) ? path : fmt::format("{}: {}", path, policy->label);
      holder.name = holder.arn;
      holder.policies.push_back({policy, policy->label});
      loose_.push_back(std::move(holder));
    }
  }

  // CloudFormation users, groups and roles with their inline policies, and the AWS::IAM::Policy,
  // ManagedPolicy, UserPolicy, GroupPolicy and RolePolicy resources attached to them (by Ref or by
  // name), become the account's principals. The policies they take are removed from `policies`.
  void read_template_principals(const std::string& path, const JsonValue& resources,
                                std::map<std::string, const ModelPolicy*>& policies) {
    auto take = [&](const std::string& pointer) -> const ModelPolicy* {
      const auto found = policies.find(pointer);
      if (found == policies.end()) return nullptr;
      const ModelPolicy* policy = found->second;
      policies.erase(found);
      return policy;
    };
    std::map<std::string, RawHolder> holders;  // by logical ID
    std::map<std::string, const JsonValue*> memberships;  // a user's Groups, by logical ID
    for (const auto& member : resources.members) {
      const std::string& id = member.key;
      const JsonValue& resource = member.value;
      const std::string_view type = text_field(resource, "Type");
      const JsonValue* properties = field(resource, "Properties");
      if (properties == nullptr) continue;
      RawHolder holder;
      std::string_view name_key;
      if (type == "AWS::IAM::User") holder.kind = PrincipalKind::User, name_key = "UserName";
      else if (type == "AWS::IAM::Group") holder.kind = PrincipalKind::Unknown, name_key = "GroupName";
      else if (type == "AWS::IAM::Role") holder.kind = PrincipalKind::Role, name_key = "RoleName";
      else continue;
      const JsonValue* name = field(*properties, name_key);
      holder.name = name != nullptr && name->is_string() ? name->text.str() : id;
      if (const JsonValue* list = field(*properties, "Policies"); list != nullptr && list->is_array())
        for (std::size_t i = 0; i < list->items.size(); ++i)
          if (const ModelPolicy* policy = take(fmt::format("/Resources/{}/Properties/Policies/{}/PolicyDocument", id, i)))
            holder.inline_policies.push_back(policy);
      if (const JsonValue* list = field(*properties, "ManagedPolicyArns"); list != nullptr && list->is_array())
        for (const auto& item : list->items) holder.attached.push_back(template_attachment(path, item));
      if (const JsonValue* boundary = field(*properties, "PermissionsBoundary"))
        holder.boundary_arn = template_attachment(path, *boundary).arn;
      if (const JsonValue* groups = field(*properties, "Groups"); groups != nullptr && groups->is_array())
        memberships.emplace(id, groups);
      holders.emplace(id, std::move(holder));
    }
    // Group names after every group is known: a user's Groups names them by Ref or by name.
    for (const auto& [id, groups] : memberships)
      for (const auto& item : groups->items) {
        const RawHolder* group = referenced_holder(holders, item);
        holders[id].groups.push_back(group != nullptr ? group->name : item.is_string() ? item.text.str() : "(unresolved)");
      }
    for (const auto& member : resources.members) {
      const std::string& id = member.key;
      const JsonValue& resource = member.value;
      const std::string_view type = text_field(resource, "Type");
      const JsonValue* properties = field(resource, "Properties");
      const bool managed = type == "AWS::IAM::ManagedPolicy";
      if (properties == nullptr || !(managed || type == "AWS::IAM::Policy" || type == "AWS::IAM::UserPolicy" ||
                                     type == "AWS::IAM::GroupPolicy" || type == "AWS::IAM::RolePolicy"))
        continue;
      std::vector<RawHolder*> targets;
      for (const char* key : {"Users", "Groups", "Roles"})
        if (const JsonValue* list = field(*properties, key); list != nullptr && list->is_array())
          for (const auto& item : list->items)
            if (RawHolder* holder = referenced_holder(holders, item)) targets.push_back(holder);
      for (const char* key : {"UserName", "GroupName", "RoleName"})
        if (const JsonValue* item = field(*properties, key))
          if (RawHolder* holder = referenced_holder(holders, *item)) targets.push_back(holder);
      const std::string reference = template_reference(path, id);
      const bool referenced = managed && std::any_of(holders.begin(), holders.end(), [&](const auto& entry) {
        const RawHolder& h = entry.second;
        return h.boundary_arn == reference ||
               std::any_of(h.attached.begin(), h.attached.end(), [&](const Attachment& a) { return a.arn == reference; });
      });
      if (targets.empty() && !referenced) continue;  // held by no principal of the template: audited on its own
      const ModelPolicy* policy = take(fmt::format("/Resources/{}/Properties/PolicyDocument", id));
      if (policy == nullptr) continue;
      if (managed) managed_[reference] = policy;
      for (RawHolder* holder : targets) {
        if (managed) holder->attached.push_back({id, reference, {}});
        else holder->inline_policies.push_back(policy);
      }
    }
    for (auto& [id, holder] : holders)
      (holder.kind == PrincipalKind::Unknown ? groups_ : principals_).push_back(std::move(holder));
  }

  // Without an export, a template's users and roles are taken to be in the account of the SES
  // identity ARNs the policies name (a template deploys into one account); empty if none names one.
  std::string identity_account() const {
    for (const auto& policy : model_.policies)
      for (const auto& statement : policy.policy.statements)
        if (statement.resource)
          for (const auto& value : statement.resource->values)
            if (const auto arn = split_arn(value.text);
                arn && arn->service == "ses" && arn->account.find_first_of("*?$") == std::string_view::npos &&
                !arn->account.empty())
              return std::string(arn->account);
    return {};
  }

  // A template's managed policy is attached by {"Ref": LogicalId}; its ARN is not known.
  static std::string template_reference(const std::string& path, std::string_view id) {
    return fmt::format("{}#{}", path, id);
  }

  static Attachment template_attachment(const std::string& path, const JsonValue& item) {
    if (item.is_string()) return {std::string(item.text.substr(item.text.rfind('/') + 1)), item.text, {}};
    const JsonValue* ref = field(item, "Ref");
    if (ref != nullptr && ref->is_string()) return {ref->text, template_reference(path, ref->text), {}};
    return {"(unresolved)", "(an intrinsic function seslint does not resolve)", {}};
  }

  // {"Ref": LogicalId} or the name a user, group or role is given.
  static RawHolder* referenced_holder(std::map<std::string, RawHolder>& holders, const JsonValue& item) {
    const JsonValue* ref = field(item, "Ref");
    if (ref != nullptr && ref->is_string()) {
      const auto found = holders.find(ref->text);
      return found != holders.end() ? &found->second : nullptr;
    }
    if (item.is_string())
      for (auto& [id, holder] : holders)
        if (holder.name == item.text) return &holder;
    return nullptr;
  }

  // An AWS managed policy the export does not hold, from rules/aws-managed-policies.json: that data
  // lists only unconditional grants (every action, or the listed send actions on every identity),
  // so the document made from it allows nothing the real one does not.
  const ModelPolicy* builtin_managed(const std::string& arn, bool administrator_only) {
    const rules::managed::ManagedPolicy* known = rules::managed::find_aws_managed(arn);
    if (known == nullptr || (administrator_only && known->grant != rules::managed::Grant::Administrator))
      return nullptr;
    const auto made = builtin_.find(arn);
    if (made != builtin_.end()) return made->second;
    const bool administrator = known->grant == rules::managed::Grant::Administrator;
    nlohmann::json statement = {{"Effect", "Allow"}, {"Resource", "*"}};
    statement["Action"] = administrator ? nlohmann::json("*") : nlohmann::json(known->actions);
    const nlohmann::json document = {{"Version", "2012-10-17"}, {"Statement", nlohmann::json::array({statement})}};
    const std::string& source = model_.sources.emplace_back(document.dump());
    const ParseResult& parsed = model_.trees.emplace_back(parse_json(source));
    std::string actions;
    for (const auto& action : known->actions) actions += (actions.empty() ? "" : ", ") + action;
    const std::string label = fmt::format(
        "AWS managed policy {} (built-in data, not in the input: {})", known->name,
        administrator ? "every action" : fmt::format("{} on any identity, other actions unknown", actions));
    const ModelPolicy* added = &model_.policies.emplace_back(
        ModelPolicy{label, "built-in rules/aws-managed-policies.json", build_policy(*parsed.root, PolicyKind::Identity)});
    builtin_[arn] = added;
    return added;
  }

  // Resolves a managed-policy attachment; records why not in `principal`.
  void attach(ModelPrincipal& principal, const Attachment& attachment, std::string_view holder) {
    if (!attachment.unknown.empty()) {
      principal.undetermined.push_back(fmt::format("{} has a managed policy attached: {}", holder, attachment.unknown));
      return;
    }
    auto found = managed_.find(attachment.arn);
    const ModelPolicy* policy = found != managed_.end() ? found->second : builtin_managed(attachment.arn, false);
    if (policy != nullptr) {
      principal.policies.push_back({policy, fmt::format("{} {}", holder, policy->label)});
      return;
    }
    principal.undetermined.push_back(fmt::format(
        "{} has {} policy {} attached, and its document is not in the input", holder,
        attachment.arn.starts_with(kAwsManagedPrefix) ? "AWS managed" : "managed", attachment.arn));
  }

  void add_principal(const RawHolder& holder, const std::map<std::string, const RawHolder*>& groups) {
    ModelPrincipal principal;
    // A template's user or role: its ARN in the account an export of the same run names, if any.
    principal.arn = !holder.arn.empty() ? holder.arn
                                        : fmt::format("arn:aws:iam::{}:{}/{}", account_.empty() ? "ACCOUNT" : account_,
                                                      to_string(holder.kind), holder.name);
    principal.kind = holder.kind;
    principal.name = fmt::format("{}/{}", to_string(holder.kind), holder.name);
    for (const ModelPolicy* policy : holder.inline_policies)
      principal.policies.push_back({policy, fmt::format("{} {}", principal.name, policy->label)});
    for (const auto& attachment : holder.attached) attach(principal, attachment, principal.name);
    for (const auto& reason : holder.unknown) principal.undetermined.push_back(fmt::format("{}: {}", principal.name, reason));
    for (const auto& group_name : holder.groups) {
      const auto group = groups.find(group_name);
      const std::string via = fmt::format("group/{}", group_name);
      if (group == groups.end()) {
        principal.undetermined.push_back(fmt::format("{} is a member of {}, which is not in the input", principal.name, via));
        continue;
      }
      for (const ModelPolicy* policy : group->second->inline_policies)
        principal.policies.push_back({policy, fmt::format("{} {}", via, policy->label)});
      for (const auto& attachment : group->second->attached) attach(principal, attachment, via);
      for (const auto& reason : group->second->unknown) principal.undetermined.push_back(fmt::format("{}: {}", via, reason));
    }
    if (!holder.boundary_unknown.empty()) {
      principal.undetermined.push_back(fmt::format("{} has a permissions boundary: {}", principal.name, holder.boundary_unknown));
    } else if (!holder.boundary_arn.empty()) {
      // As a boundary, built-in data is exact only for a policy that allows every action.
      const auto found = managed_.find(holder.boundary_arn);
      principal.boundary = found != managed_.end() ? found->second : builtin_managed(holder.boundary_arn, true);
      if (principal.boundary == nullptr) {
        principal.undetermined.push_back(fmt::format("{} has the permissions boundary {}, and its document is not in the input",
                                                     principal.name, holder.boundary_arn));
      }
    }
    if (const auto arn = split_arn(holder.arn); arn && model_.account_id.empty()) model_.account_id = std::string(arn->account);
    model_.principals.push_back(std::move(principal));
  }

  // Identities: those the inputs name (records, identity policies) and SES identity ARNs in any
  // policy's Resource.
  void add_identities() {
    std::map<std::string, std::string> arns;  // name -> ARN, first seen
    for (const auto& policy : model_.policies)
      for (const auto& statement : policy.policy.statements)
        if (statement.resource && !statement.resource->negated)
          for (const auto& value : statement.resource->values) {
            const auto arn = split_arn(value.text);
            if (!arn || arn->service != "ses" || !arn->resource.starts_with("identity/")) continue;
            const std::string_view name = ses_identity_name(value.text);
            if (name.empty() || name.find_first_of("*?$") != std::string_view::npos ||
                arn->region.find_first_of("*?") != std::string_view::npos ||
                arn->account.find_first_of("*?") != std::string_view::npos)
              continue;
            arns.emplace(std::string(name), std::string(value.text));
          }
    std::map<std::string, SesIdentityModel> identities;
    auto identity = [&](const std::string& name) -> SesIdentityModel& {
      SesIdentityModel& entry = identities[name];
      entry.name = name;
      return entry;
    };
    for (const auto& [name, arn] : arns) identity(name).arn = arn;
    for (const auto& [name, record] : records_) identity(name).record = record;
    for (const auto& [name, policy] : identity_policies_) {
      std::string named = name;
      if (named.empty())  // the output does not name it: its policies' Resource does
        for (const auto& statement : policy->policy.statements)
          if (statement.resource)
            for (const auto& value : statement.resource->values)
              if (named.empty() && arns.count(std::string(ses_identity_name(value.text))))
                named = std::string(ses_identity_name(value.text));
      if (named.empty()) {
        model_.errors.push_back(fmt::format("{}: {}: no identity is named by the output or the policy's Resource",
                                            policy->path, policy->label));
        continue;
      }
      identity(named).policies.push_back(policy);
    }
    std::string region = "us-east-1";
    for (const auto& [name, arn] : arns)
      if (const auto parts = split_arn(arn)) region = std::string(parts->region);
    for (auto& [name, entry] : identities) {
      if (entry.arn.empty()) {
        entry.arn = fmt::format("arn:aws:ses:{}:{}:identity/{}", region,
                                model_.account_id.empty() ? "111122223333" : model_.account_id, name);
        entry.arn_assumed = true;
      }
      model_.identities.push_back(std::move(entry));
    }
    for (auto& holder : loose_) model_.principals.push_back(std::move(holder));
  }

  // Principals that identity policies name and the model does not hold: other accounts, outside
  // users and roles, service principals, everyone. Same-account roots delegate to the account's own
  // IAM policies, which the model's users and roles already carry.
  void add_delegates() {
    std::set<std::string> known;
    for (const auto& principal : model_.principals) known.insert(principal.arn);
    for (const auto& identity : model_.identities)
      for (const ModelPolicy* policy : identity.policies)
        for (const auto& statement : policy->policy.statements) {
          if (!statement.principal || statement.principal->negated || statement.effect != Effect::Allow) continue;
          if (statement.principal->wildcard) add_delegate("*", PrincipalKind::Account, known);
          for (const auto& entry : statement.principal->entries)
            for (const auto& value : entry.values) add_delegate_value(entry.member->key, std::string(value.text), known);
        }
  }

  void add_delegate_value(std::string_view type, std::string value, std::set<std::string>& known) {
    if (type == "Service") return add_delegate(value, PrincipalKind::Service, known);
    if (type == "Federated") return add_delegate(value, PrincipalKind::Federated, known);
    if (type != "AWS") return;
    if (value == "*") return add_delegate(value, PrincipalKind::Account, known);
    const auto arn = split_arn(value);
    const std::string account = arn ? std::string(arn->account) : value;
    const bool root = !arn || arn->resource == "root";
    if (root && account == model_.account_id) return;
    PrincipalKind kind = PrincipalKind::Account;
    if (!root) kind = arn->resource.starts_with("user/") ? PrincipalKind::User
                      : arn->resource.starts_with("role/") ? PrincipalKind::Role : PrincipalKind::Unknown;
    add_delegate(root ? account : value, kind, known);
  }

  void add_delegate(const std::string& name, PrincipalKind kind, std::set<std::string>& known) {
    if (!known.insert(name).second) return;
    ModelPrincipal principal;
    principal.arn = name;
    principal.name = name;
    principal.kind = kind;
    principal.delegate = true;
    model_.principals.push_back(std::move(principal));
  }

  AccountModel& model_;
  std::deque<RawHolder> groups_, principals_;
  std::map<std::string, const ModelPolicy*> managed_;
  std::map<std::string, const ModelPolicy*> builtin_;  // AWS managed policies made from the built-in data
  std::vector<std::pair<std::string, const ModelPolicy*>> identity_policies_;
  std::map<std::string, const JsonValue*> records_;
  std::vector<ModelPrincipal> loose_;
  std::string account_;  // of the export's principals, for the ARNs of a template's
};

}  // namespace

AccountModel load_account_sources(std::vector<std::pair<std::string, std::string>> files) {
  AccountModel model;
  Loader loader(model);
  for (auto& [path, text] : files) loader.read(path, std::move(text));
  loader.finish();
  return model;
}

AccountModel load_account(const std::vector<std::string>& paths) {
  std::vector<std::string> errors;
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& input : expand_input_paths(paths, errors)) {
    std::ifstream in(input.path, std::ios::binary);
    if (!in) {
      errors.push_back(fmt::format("{}: cannot open", input.path));
      continue;
    }
    files.emplace_back(input.path, std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
  AccountModel model = load_account_sources(std::move(files));
  model.errors.insert(model.errors.begin(), errors.begin(), errors.end());
  return model;
}

}  // namespace seslint::audit
