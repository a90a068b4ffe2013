// IAM112 privilege-escalation: an identity policy that lets its holder raise its own privileges
// (the paths in docs/rules/IAM112.md, after the public catalogues of escalation paths). A path
// counts only when the evaluator allows every one of its actions on a resource that makes it real:
// its own user, any role or group the policy does not single out, another user, a role passed to
// the service the path needs. Denies and conditions are honoured; probes are few and bounded.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/pinned_condition.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/service_action_values.hpp"
#include "seslint/arn.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

// The made-up names probes use; they never reach a message.
constexpr std::string_view kHolder = "seslint-holder";
constexpr std::string_view kFresh = "seslint-probe";
constexpr std::string_view kDefaultAccount = "111122223333";
constexpr std::string_view kAdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
constexpr std::size_t kMaxAccounts = 3;
constexpr std::size_t kMaxVehicleResources = 6;

// What a path's key action must be allowed on to be real.
enum class Target {
  OwnUser,    // the holder's own user ("user/${aws:username}" counts)
  OtherUser,  // a user other than the holder, not singled out by name
  AnyGroup,   // a group not singled out (its own, or the administrators')
  AnyRole,    // a role not singled out (its own, or an administrator role)
  AnyPolicy,  // a customer-managed policy not singled out (one attached to the holder)
};

struct DirectPath {
  std::string_view action;
  Target target;
  std::string_view description;
};

constexpr std::array<DirectPath, 12> kDirectPaths = {{
    {"iam:CreatePolicyVersion", Target::AnyPolicy,
     "iam:CreatePolicyVersion on any customer-managed policy rewrites the policies attached to it"},
    {"iam:PutUserPolicy", Target::OwnUser, "iam:PutUserPolicy on its own user writes it any permissions"},
    {"iam:AttachUserPolicy", Target::OwnUser, "iam:AttachUserPolicy on its own user attaches AdministratorAccess"},
    {"iam:PutGroupPolicy", Target::AnyGroup, "iam:PutGroupPolicy on any group (its own included) writes it any permissions"},
    {"iam:AttachGroupPolicy", Target::AnyGroup,
     "iam:AttachGroupPolicy on any group (its own included) attaches AdministratorAccess"},
    {"iam:PutRolePolicy", Target::AnyRole, "iam:PutRolePolicy on any role (its own included) writes it any permissions"},
    {"iam:AttachRolePolicy", Target::AnyRole,
     "iam:AttachRolePolicy on any role (its own included) attaches AdministratorAccess"},
    {"iam:AddUserToGroup", Target::AnyGroup, "iam:AddUserToGroup on any group puts it in the administrators' group"},
    {"iam:UpdateAssumeRolePolicy", Target::AnyRole,
     "iam:UpdateAssumeRolePolicy on any role lets it make an administrator role trust it"},
    {"iam:CreateAccessKey", Target::OtherUser, "iam:CreateAccessKey on other users gives it their access keys"},
    {"iam:CreateLoginProfile", Target::OtherUser, "iam:CreateLoginProfile on other users lets it sign in as them"},
    {"iam:UpdateLoginProfile", Target::OtherUser, "iam:UpdateLoginProfile on other users lets it sign in as them"},
}};

// iam:PassRole on any role to a service, plus the actions that make the service run the holder's
// code as that role. Routes of one service are alternatives: the first that holds is reported.
struct PassRoleRoute {
  std::string_view service_principal;  // iam:PassedToService
  std::string_view vehicle;            // "a new Lambda function"
  std::array<std::string_view, 2> actions;
};

constexpr std::array<PassRoleRoute, 16> kPassRoleRoutes = {{
    {"lambda.amazonaws.com", "a new Lambda function", {"lambda:CreateFunction", "lambda:InvokeFunction"}},
    {"lambda.amazonaws.com", "a new Lambda function", {"lambda:CreateFunction", "lambda:CreateEventSourceMapping"}},
    {"lambda.amazonaws.com", "a new Lambda function", {"lambda:CreateFunction", "lambda:AddPermission"}},
    {"ec2.amazonaws.com", "a new EC2 instance", {"ec2:RunInstances", ""}},
    {"cloudformation.amazonaws.com", "a new CloudFormation stack", {"cloudformation:CreateStack", ""}},
    {"glue.amazonaws.com", "a new Glue development endpoint", {"glue:CreateDevEndpoint", ""}},
    {"glue.amazonaws.com", "a new Glue job", {"glue:CreateJob", "glue:StartJobRun"}},
    {"glue.amazonaws.com", "a new Glue job", {"glue:CreateJob", "glue:CreateTrigger"}},
    {"codebuild.amazonaws.com", "a new CodeBuild project", {"codebuild:CreateProject", "codebuild:StartBuild"}},
    {"codebuild.amazonaws.com", "a new CodeBuild project", {"codebuild:CreateProject", "codebuild:StartBuildBatch"}},
    {"sagemaker.amazonaws.com", "a new SageMaker notebook instance", {"sagemaker:CreateNotebookInstance", ""}},
    {"sagemaker.amazonaws.com", "a new SageMaker training job", {"sagemaker:CreateTrainingJob", ""}},
    {"sagemaker.amazonaws.com", "a new SageMaker processing job", {"sagemaker:CreateProcessingJob", ""}},
    {"ecs-tasks.amazonaws.com", "a new ECS task", {"ecs:RegisterTaskDefinition", "ecs:RunTask"}},
    {"ecs-tasks.amazonaws.com", "a new ECS task", {"ecs:RegisterTaskDefinition", "ecs:StartTask"}},
    {"ecs-tasks.amazonaws.com", "a new ECS service", {"ecs:RegisterTaskDefinition", "ecs:CreateService"}},
}};

bool is_full_wildcard(std::string_view action) { return action == "*" || action == "*:*"; }

// Does an Allow statement name the action by a pattern of its own service (not "*", not NotAction:
// IAM101 and IAM102 speak for those)? The value that does, or nullptr.
const StringNode* naming_value(const Statement& statement, std::string_view action) {
  if (statement.effect != Effect::Allow || !statement.action || statement.action->negated) return nullptr;
  for (const auto& value : statement.action->values)
    if (!is_full_wildcard(value.text) && eval::action_matches(value.text, action)) return &value;
  return nullptr;
}

// Could any Allow statement grant the action at all (by name, "*" or NotAction)? A cheap filter.
bool may_be_allowed(const Policy& policy, std::string_view action) {
  return std::any_of(policy.statements.begin(), policy.statements.end(), [&](const Statement& statement) {
    if (statement.effect != Effect::Allow || !statement.action) return false;
    const auto& values = statement.action->values;
    const bool listed = std::any_of(values.begin(), values.end(),
                                    [&](const StringNode& value) { return eval::action_matches(value.text, action); });
    return listed != statement.action->negated;
  });
}

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// '*' and policy variables become made-up text, '?' one letter: a resource the pattern covers.
std::string instance_of(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '$' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      const auto close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        out += kHolder;
        i = close;
        continue;
      }
    }
    if (pattern[i] == '*') out += kFresh;
    else out += pattern[i] == '?' ? 'x' : pattern[i];
  }
  return out;
}


struct Hit {
  const Statement* statement = nullptr;
  const StringNode* value = nullptr;  // the Action value that names the key action
};

class Prober {
 public:
  Prober(const Policy& policy, const aws::Catalog& catalog) : policy_(policy), catalog_(catalog), set_{{&policy}, nullptr} {
    std::set<std::string> seen;
    for (const auto& statement : policy.statements) {
      if (statement.effect != Effect::Allow || !statement.resource || statement.resource->negated) continue;
      for (const auto& value : statement.resource->values) {
        const auto arn = split_arn(value.text);
        if (arn && is_account_id(arn->account) && accounts_.size() < kMaxAccounts && seen.insert(std::string(arn->account)).second)
          accounts_.emplace_back(arn->account);
      }
    }
    if (accounts_.empty()) accounts_.emplace_back(kDefaultAccount);
  }

  // The statement that lets the holder call `action` on the target, if the evaluator allows it.
  std::optional<Hit> direct(std::string_view action, Target target) const {
    for (const auto& account : accounts_) {
      const std::string own_user = fmt::format("arn:aws:iam::{}:user/{}", account, kHolder);
      std::string resource;
      switch (target) {
        case Target::OwnUser: resource = own_user; break;
        case Target::OtherUser: resource = fmt::format("arn:aws:iam::{}:user/{}", account, kFresh); break;
        case Target::AnyGroup: resource = fmt::format("arn:aws:iam::{}:group/{}", account, kFresh); break;
        case Target::AnyRole: resource = fmt::format("arn:aws:iam::{}:role/{}", account, kFresh); break;
        case Target::AnyPolicy: resource = fmt::format("arn:aws:iam::{}:policy/{}", account, kFresh); break;
      }
      // Attaching is escalation only when AdministratorAccess may be attached: iam:PolicyARN
      // conditions that allow only some policies (AmazonSSMManagedInstanceCore) stop the path.
      const bool attaches = action.find("Attach") != std::string_view::npos;
      if (auto hit = allowed(action, resource, account, attaches ? Pinned{"iam:PolicyARN", kAdministratorAccess} : Pinned{}))
        return hit;
    }
    return std::nullopt;
  }

  // iam:PassRole on a role the policy does not single out, passed to `service_principal`.
  std::optional<Hit> pass_role(std::string_view service_principal) const {
    for (const auto& account : accounts_)
      if (auto hit = allowed("iam:PassRole", fmt::format("arn:aws:iam::{}:role/{}", account, kFresh), account,
                             Pinned{"iam:PassedToService", service_principal}))
        return hit;
    return std::nullopt;
  }

  // Whether `action` is allowed on some resource of its kind (which one does not matter: the holder
  // creates it).
  bool allowed_somewhere(std::string_view action) const {
    if (action.empty()) return true;
    const auto known = somewhere_.find(action);
    if (known != somewhere_.end()) return known->second;
    bool found = false;
    if (may_be_allowed(policy_, action))
      for (const auto& account : accounts_)
        for (const auto& resource : vehicle_resources(action, account))
          found = found || allowed(action, resource, account, Pinned{}).has_value();
    somewhere_.emplace(std::string(action), found);
    return found;
  }

 private:
  // A context key the request must carry with this value (iam:PassedToService, iam:PolicyARN).
  struct Pinned {
    std::string_view key;
    std::string_view value;
  };

  std::optional<Hit> allowed(std::string_view action, const std::string& resource, const std::string& account,
                             Pinned pinned) const {
    if (!may_apply(action, resource, pinned)) return std::nullopt;  // no Allow can: spare the enumeration
    eval::ReachQuery query{std::string(action), resource, fmt::format("arn:aws:iam::{}:user/{}", account, kHolder),
                           account, {}, {}};
    query.extra_values["aws:username"] = {std::string(kHolder)};
    if (!pinned.key.empty()) {
      query.extra_values[std::string(pinned.key)] = {std::string(pinned.value)};
      query.predicate = [pinned](const eval::Request& request) {
        const auto* values = request.context.find(pinned.key);
        return values != nullptr && values->size() == 1 && iequals(values->front(), pinned.value);
      };
    }
    eval::ReachOptions options;
    options.max_requests = kMaxRequests;
    const auto result = eval::find_allowed_request(set_, query, options);
    if (!result.witness) return std::nullopt;
    for (const auto& decided : eval::evaluate(set_, *result.witness).deciding)
      if (const StringNode* value = naming_value(*decided.statement, action)) return Hit{decided.statement, value};
    return Hit{};  // allowed, but only through "*" or NotAction
  }

  // Could an Allow statement apply to the action on the resource, conditions on other keys than
  // the pinned one aside? Values with policy variables might, so they count. Most policies that
  // allow iam:PassRole allow it to one service (an iam:PassedToService condition): probes for the
  // other services end here rather than in a search.
  bool may_apply(std::string_view action, const std::string& resource, Pinned pinned) const {
    const eval::Request request{std::string(action), resource, "", "", {}};
    const auto& granting = granting_statements(action);
    return std::any_of(granting.begin(), granting.end(), [&](const Statement* statement) {
      if (!pinned.key.empty() && !may_admit_pinned(*statement, pinned.key, pinned.value)) return false;
      if (statement->resource->negated) return true;
      const auto& resources = statement->resource->values;
      return std::any_of(resources.begin(), resources.end(), [&](const StringNode& v) {
        return v.text.find("${") != std::string_view::npos || eval::resource_matches(policy_, v.text, request);
      });
    });
  }

  // The Allow statements with a Resource whose Action (or NotAction) grants the action, found once
  // per action: the probes of one action (a service or account each) share them.
  const std::vector<const Statement*>& granting_statements(std::string_view action) const {
    const auto known = granting_.find(action);
    if (known != granting_.end()) return known->second;
    std::vector<const Statement*> found;
    for (const auto& statement : policy_.statements) {
      if (statement.effect != Effect::Allow || !statement.action || !statement.resource) continue;
      const auto& actions = statement.action->values;
      const bool action_hit = std::any_of(actions.begin(), actions.end(),
                                          [&](const StringNode& v) { return eval::action_matches(v.text, action); });
      if (action_hit != statement.action->negated) found.push_back(&statement);
    }
    return granting_.emplace(std::string(action), std::move(found)).first->second;
  }

  // Resources to try a service action on: the catalog's ARN format for it and the policy's own
  // Resource patterns of that service, filled in.
  std::vector<std::string> vehicle_resources(std::string_view action, std::string_view account) const {
    std::vector<std::string> out;
    auto add = [&](std::string resource) {
      if (out.size() < kMaxVehicleResources && std::find(out.begin(), out.end(), resource) == out.end())
        out.push_back(std::move(resource));
    };
    const auto colon = action.find(':');
    const std::string_view prefix = action.substr(0, colon);
    const aws::Service* service = catalog_.service(prefix);
    const aws::Action* known = service != nullptr ? service->action(action.substr(colon + 1)) : nullptr;
    if (known == nullptr || known->resources.empty()) {
      add("*");
    } else {
      for (const auto& resource : known->resources)
        if (resource.required && !service->resources[resource.type].arn_formats.empty())
          add(catalog::made_up_arn(service->resources[resource.type].arn_formats.front(), account));
      if (out.empty()) add(catalog::made_up_arn(service->resources[known->resources.front().type].arn_formats.front(), account));
    }
    for (const auto& statement : policy_.statements) {
      if (statement.effect != Effect::Allow || !statement.resource || statement.resource->negated) continue;
      for (const auto& value : statement.resource->values) {
        const auto arn = split_arn(value.text);
        if (arn && iequals(arn->service, prefix)) add(instance_of(value.text));
      }
    }
    return out;
  }

  static constexpr std::size_t kMaxRequests = 1'000;
  mutable std::map<std::string, bool, std::less<>> somewhere_;  // allowed_somewhere, per action
  mutable std::map<std::string, std::vector<const Statement*>, std::less<>> granting_;  // granting_statements, per action
  const Policy& policy_;
  const aws::Catalog& catalog_;
  eval::PolicySet set_;
  std::vector<std::string> accounts_;
};

class PrivilegeEscalation final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity) return;
    const Prober prober(policy, out.aws());
    const ServiceActionValues iam_values(policy, "iam");  // every path's key action is an IAM one
    // Paths grouped by the Action value that grants their key action, in the order found.
    std::vector<Found> found;
    auto add = [&](const Hit& hit, std::string name, std::string description) {
      for (auto& each : found)
        if (each.hit.value == hit.value) {
          each.names.push_back(std::move(name));
          return;
        }
      found.push_back({hit, {std::move(name)}, std::move(description)});
    };
    for (const auto& path : kDirectPaths) {
      if (!iam_values.named(path.action)) continue;
      const auto hit = prober.direct(path.action, path.target);
      if (hit && hit->value != nullptr) add(*hit, std::string(path.action), std::string(path.description));
    }
    if (iam_values.named("iam:PassRole")) {
      std::string_view service, done_service;
      std::optional<Hit> hit;
      for (const auto& route : kPassRoleRoutes) {
        if (route.service_principal == done_service) continue;
        if (route.service_principal != service) {  // iam:PassRole to this service first: one query per service
          service = route.service_principal;
          hit = prober.pass_role(service);
        }
        if (!hit || hit->value == nullptr) continue;
        if (!prober.allowed_somewhere(route.actions[0]) || !prober.allowed_somewhere(route.actions[1])) continue;
        done_service = route.service_principal;
        const std::string with = route.actions[1].empty()
                                     ? std::string(route.actions[0])
                                     : fmt::format("{} and {}", route.actions[0], route.actions[1]);
        add(*hit, fmt::format("iam:PassRole with {}", route.actions[0]),
            fmt::format("iam:PassRole on any role with {} runs its code as that role in {}", with, route.vehicle));
      }
    }
    for (const auto& each : found) report(out, each);
  }

 private:
  struct Found {
    Hit hit;
    std::vector<std::string> names;  // "iam:PutUserPolicy", "iam:PassRole with lambda:CreateFunction"
    std::string description;         // of the first path
  };

  // One finding per Action value: a single path is described, several are counted and named.
  static void report(Reporter& out, const Found& found) {
    const std::string where = fmt::format("{} in {}", quoted(found.hit.value->text), found.hit.statement->label());
    const std::string message =
        found.names.size() == 1
            ? fmt::format("{} lets its holder raise its own privileges: {}", where, found.description)
            : fmt::format("{} lets its holder raise its own privileges by {} paths ({}); e.g. {}", where,
                          found.names.size(), short_list(found.names), found.description);
    out.report(*found.hit.value->node, message,
               "scope these actions to the resources the holder must manage, away from itself and from roles and "
               "users more privileged than it");
  }
};

}  // namespace
std::unique_ptr<Rule> make_privilege_escalation() { return std::make_unique<PrivilegeEscalation>(); }
}  // namespace seslint::rules
