// Mail Manager resources in a Terraform plan or state (`terraform show -json`): the aws provider's
// aws_mailmanager_* (snake_case, nested structures as blocks: lists of one object, repeated blocks
// for lists) and the awscc provider's awscc_ses_mail_manager_* (CloudFormation's properties in
// snake_case, nested objects as objects, unset members null). Each resource's values are rewritten
// into the CloudFormation shape, every node keeping its span and JSON pointer in the plan, so that
// one model and one set of rules serve all inputs. A value known only at apply time (after_unknown)
// becomes a template value; one that names another resource of the plan is followed through the
// configuration's references to that resource's address. See docs/inputs.md for the mapping.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "inputs/container_support.hpp"
#include "inputs/terraform_plan.hpp"
#include "mailmanager/support.hpp"

namespace seslint::mm {
namespace {

using inputs::PlanResource;
using inputs::TerraformPlan;

struct TerraformShape {
  Kind kind;
  std::string_view aws_type;
  std::string_view awscc_type;
  std::string_view name_key;  // the CloudFormation name property; the aws provider calls it `name`
  std::array<std::string_view, 7> properties;  // the top-level CloudFormation properties kept
};

constexpr std::array<TerraformShape, 7> kShapes = {{
    {Kind::TrafficPolicy, "aws_mailmanager_traffic_policy", "awscc_ses_mail_manager_traffic_policy", "TrafficPolicyName",
     {"DefaultAction", "MaxMessageSizeBytes", "PolicyStatements"}},
    {Kind::RuleSet, "aws_mailmanager_rule_set", "awscc_ses_mail_manager_rule_set", "RuleSetName", {"Rules"}},
    {Kind::IngressPoint, "aws_mailmanager_ingress_point", "awscc_ses_mail_manager_ingress_point", "IngressPointName",
     {"Type", "TlsPolicy", "RuleSetId", "TrafficPolicyId", "NetworkConfiguration", "IngressPointConfiguration",
      "StatusToUpdate"}},
    {Kind::Relay, "aws_mailmanager_relay", "awscc_ses_mail_manager_relay", "RelayName",
     {"ServerName", "ServerPort", "Authentication"}},
    {Kind::Archive, "aws_mailmanager_archive", "awscc_ses_mail_manager_archive", "ArchiveName", {"KmsKeyArn", "Retention"}},
    {Kind::AddonInstance, "aws_mailmanager_addon_instance", "awscc_ses_mail_manager_addon_instance", "AddonName",
     {"AddonSubscriptionId"}},
    {Kind::AddonSubscription, "aws_mailmanager_addon_subscription", "awscc_ses_mail_manager_addon_subscription",
     "AddonName", {}},
}};

const TerraformShape* shape_of_type(std::string_view type) {
  for (const auto& shape : kShapes)
    if (shape.aws_type == type || shape.awscc_type == type) return &shape;
  return nullptr;
}

bool is_type_of(Kind kind, std::string_view type) {
  const TerraformShape* shape = shape_of_type(type);
  return shape != nullptr && shape->kind == kind;
}

// CloudFormation properties that hold lists; any other list of objects is a block: its one object.
bool holds_list(std::string_view key) {
  static constexpr std::string_view kLists[] = {"PolicyStatements", "Rules",  "Conditions",   "Unless",
                                                "Actions",          "Values", "AddressLists", "ReplaceWith"};
  return std::find(std::begin(kLists), std::end(kLists), key) != std::end(kLists);
}

// The property that names another resource, and which kind it names.
std::optional<Kind> referenced_kind(std::string_view key, std::string_view parent_key) {
  if (key == "RuleSetId") return Kind::RuleSet;
  if (key == "TrafficPolicyId") return Kind::TrafficPolicy;
  if (key == "TargetArchive") return Kind::Archive;
  if (key == "Analyzer") return Kind::AddonInstance;
  if (key == "Relay" && parent_key == "Relay") return Kind::Relay;
  return std::nullopt;
}

// snake_case -> PascalCase, with the names the providers spell otherwise.
std::string property_name(std::string_view key, std::string_view parent_key, const TerraformShape& shape) {
  if (parent_key.empty() && key == "name") return std::string(shape.name_key);
  if (key == "policy_statement") return "PolicyStatements";
  if (key == "rule") return "Rules";
  if (key == "condition") return "Conditions";
  if (key == "action") return parent_key == "PolicyStatements" ? "Action" : "Actions";
  if (key == "ca_content") return "CAContent";
  std::string out;
  bool upper = true;
  for (char c : key) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// A copy of `from` without its children: kind, text and position.
JsonValue shell_of(const JsonValue& from) {
  JsonValue out;
  out.kind = from.kind;
  out.boolean = from.boolean;
  out.templated = from.templated;
  out.span = from.span;
  out.text = from.text;
  out.pointer = from.pointer;
  return out;
}

// A value known only at apply time, placed where the plan leaves it out.
JsonValue unknown_at(const JsonValue& where) {
  JsonValue out = shell_of(where);
  out.kind = JsonKind::String;
  out.text.clear();
  out.templated = true;
  return out;
}

// after_unknown and sensitive_values mirror values, with true where a value is unknown or sensitive.
bool marked_true(const JsonValue* mark) { return mark != nullptr && mark->kind == JsonKind::Bool && mark->boolean; }

// A configuration expression ({"references": [...]} or {"constant_value": ...}) rather than a block body.
bool is_expression(const JsonValue* expression) {
  return expression != nullptr && expression->is_object() &&
         (expression->find("references") != nullptr || expression->find("constant_value") != nullptr);
}

// The configuration of a member or item: blocks have their own; an attribute's one expression
// covers everything inside it.
const JsonValue* expression_member(const JsonValue* expression, std::string_view key) {
  if (expression == nullptr || is_expression(expression)) return expression;
  return mm::member(expression, key);
}
const JsonValue* expression_item(const JsonValue* expression, std::size_t index) {
  if (expression == nullptr || is_expression(expression)) return expression;
  return expression->is_array() && index < expression->items.size() ? &expression->items[index] : nullptr;
}
const JsonValue* item_of(const JsonValue* list, std::size_t index) {
  return list != nullptr && list->is_array() && index < list->items.size() ? &list->items[index] : nullptr;
}

class Rewriter {
 public:
  Rewriter(const TerraformPlan& plan, const PlanResource& resource, const TerraformShape& shape)
      : plan_(plan), resource_(resource), shape_(shape) {}

  JsonValue resource_properties() {
    JsonValue out = object(*resource_.values, resource_.after_unknown, resource_.expressions, "");
    std::erase_if(out.members, [&](const JsonMember& m) {
      return m.key != shape_.name_key &&
             std::find(shape_.properties.begin(), shape_.properties.end(), m.key) == shape_.properties.end();
    });
    return out;
  }

 private:
  JsonValue object(const JsonValue& values, const JsonValue* unknown, const JsonValue* expression,
                   std::string_view parent_key) {
    JsonValue out = shell_of(values);
    if (!values.is_object()) return out;
    for (const auto& m : values.members) {
      if (m.key.ends_with("_wo") || m.key.ends_with("_wo_version")) continue;  // write-only: never in a plan
      add(out, m.key, m.key_span, &m.value, mm::member(unknown, m.key), expression_member(expression, m.key), parent_key);
    }
    if (unknown != nullptr && unknown->is_object())  // unknown members the plan leaves out altogether
      for (const auto& m : unknown->members)
        if (values.find(m.key) == nullptr && marked_true(&m.value))
          add(out, m.key, values.opening(), nullptr, &m.value, expression_member(expression, m.key), parent_key);
    return out;
  }

  void add(JsonValue& out, std::string_view snake, const Span& key_span, const JsonValue* value,
           const JsonValue* unknown, const JsonValue* expression, std::string_view parent_key) {
    const std::string key = property_name(snake, parent_key, shape_);
    std::optional<JsonValue> rewritten;
    const bool absent = value == nullptr || value->kind == JsonKind::Null;
    if (const auto kind = referenced_kind(key, parent_key); kind && absent)
      rewritten = reference(*kind, value != nullptr ? *value : out, unknown, expression);
    else if (absent)
      rewritten = marked_true(unknown) ? std::optional(unknown_at(value != nullptr ? *value : out)) : std::nullopt;
    else
      rewritten = member_value(key, *value, unknown, expression);
    if (rewritten) out.members.push_back({key, key_span, std::move(*rewritten)});
  }

  std::optional<JsonValue> member_value(const std::string& key, const JsonValue& value, const JsonValue* unknown,
                                        const JsonValue* expression) {
    if (value.is_object()) return object(value, unknown, expression, key);
    if (value.is_string() && (key == "Drop" || key == "NoAuthentication")) {  // awscc: an empty object as a string
      JsonValue out = shell_of(value);
      out.kind = JsonKind::Object;
      out.text.clear();
      return out;
    }
    if (!value.is_array()) return shell_of(value);
    if (!holds_list(key)) {  // a block: its one object
      if (value.items.empty()) return std::nullopt;
      if (value.items.size() == 1)
        return member_value(key, value.items.front(), item_of(unknown, 0), expression_item(expression, 0));
    }
    JsonValue out = shell_of(value);
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      const JsonValue& item = value.items[i];
      if (item.is_object())
        out.items.push_back(object(item, item_of(unknown, i), expression_item(expression, i), key));
      else if (item.kind == JsonKind::Null && marked_true(item_of(unknown, i)))
        out.items.push_back(unknown_at(item));
      else
        out.items.push_back(shell_of(item));
    }
    return out;
  }

  // A reference the plan does not know yet: the one resource of the plan its configuration names,
  // by address; otherwise unknown. Absent and not configured: absent.
  std::optional<JsonValue> reference(Kind kind, const JsonValue& where, const JsonValue* unknown,
                                     const JsonValue* expression) {
    const auto targets =
        plan_.referenced(resource_, expression, [&](const PlanResource& r) { return is_type_of(kind, r.type); });
    if (targets.size() == 1) {  // located at the configuration's expression, which names it
      JsonValue out = unknown_at(expression != nullptr ? *expression : where);
      out.templated = false;
      out.text = targets.front()->address;
      return out;
    }
    if (marked_true(unknown) || !targets.empty()) return unknown_at(where);
    return std::nullopt;
  }

  const TerraformPlan& plan_;
  const PlanResource& resource_;
  const TerraformShape& shape_;
};

void add_key(Resource& resource, const JsonValue& values, std::string_view key) {
  const JsonValue* value = mm::member(&values, key);
  if (value != nullptr && value->is_string() && !value->text.empty() &&
      std::find(resource.keys.begin(), resource.keys.end(), value->text) == resource.keys.end())
    resource.keys.push_back(value->text);
}

// What references to a resource may say: its address, and the ID, ARN and name the plan knows.
void add_keys(Resource& resource, const PlanResource& planned) {
  resource.keys.push_back(planned.address);
  const std::string_view type = planned.type;
  const std::string_view stem = type.starts_with("awscc_ses_mail_manager_")
                                    ? type.substr(std::string_view("awscc_ses_mail_manager_").size())
                                    : std::string_view();
  for (std::string_view key : {"id", "arn"}) add_key(resource, *planned.values, key);
  if (!stem.empty())
    for (std::string_view suffix : {"_id", "_arn", "_name"}) add_key(resource, *planned.values, std::string(stem) + std::string(suffix));
  else
    add_key(resource, *planned.values, "name");
}

// The scalars of `values` that `marks` (sensitive_values, the same shape with true where sensitive) marks.
void collect_sensitive(const JsonValue& values, const JsonValue* marks, bool marked, std::vector<const JsonValue*>& out) {
  marked = marked || marked_true(marks);
  if (values.is_object()) {
    for (const auto& m : values.members) collect_sensitive(m.value, mm::member(marks, m.key), marked, out);
  } else if (values.is_array()) {
    for (std::size_t i = 0; i < values.items.size(); ++i) collect_sensitive(values.items[i], item_of(marks, i), marked, out);
  } else if (marked && (values.is_string() || values.kind == JsonKind::Number)) {
    out.push_back(&values);
  }
}

// Whether a module (or one of its children) plans a Mail Manager resource: most plans hold none,
// and need no reading of their configuration.
bool plans_mail_manager(const JsonValue* module) {
  if (const JsonValue* list = mm::member(module, "resources"); list != nullptr && list->is_array())
    for (const auto& item : list->items)
      if (shape_of_type(text_member(&item, "type").value) != nullptr) return true;
  if (const JsonValue* children = mm::member(module, "child_modules"); children != nullptr && children->is_array())
    for (const auto& child : children->items)
      if (plans_mail_manager(&child)) return true;
  return false;
}

}  // namespace

bool read_terraform(const JsonValue& root, Configuration& out) {
  if (!plans_mail_manager(mm::member(mm::member(&root, "planned_values"), "root_module")) &&
      !plans_mail_manager(mm::member(mm::member(&root, "values"), "root_module")))
    return false;
  const TerraformPlan plan(root);
  const std::string_view written_in = mm::member(&root, "planned_values") != nullptr ? "plan" : "state";
  bool found = false;
  for (const auto& planned : plan.resources()) {
    const TerraformShape* shape = shape_of_type(planned.type);
    if (shape == nullptr || !planned.values->is_object()) continue;
    found = true;
    Resource& resource = out.resources.emplace_back();
    resource.kind = shape->kind;
    resource.node = &out.storage.emplace_back(Rewriter(plan, planned, *shape).resource_properties());
    resource.name = planned.address;
    resource.written_in = written_in;
    add_keys(resource, planned);
    collect_sensitive(*planned.values, mm::member(planned.item, "sensitive_values"), false, out.sensitive);
    build_resource(resource);
  }
  return found;
}

}  // namespace seslint::mm
