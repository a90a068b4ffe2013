// Builds the Mail Manager model of one resource from its JSON object. Shapes are read leniently:
// whatever is missing or malformed stays absent here and is MM023's to report.
#include <fmt/format.h>

#include "mailmanager/support.hpp"

namespace seslint::mm {

bool is_intrinsic(const JsonValue& value) {
  if (value.templated && !value.is_object()) return true;  // a Terraform value known only at apply time
  if (!value.is_object() || value.members.size() != 1) return false;
  const std::string_view key = value.members.front().key;
  return key == "Ref" || key.starts_with("Fn::");
}

const JsonValue* member(const JsonValue* object, std::string_view key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  const JsonMember* found = object->find(key);
  return found == nullptr ? nullptr : &found->value;
}

Text text_of(const JsonValue* value) {
  Text out;
  out.node = value;
  if (value == nullptr) return out;
  switch (value->kind) {
    case JsonKind::String:
    case JsonKind::Number:
      out.value = value->text;
      out.known = !value->templated;
      break;
    case JsonKind::Bool:
      out.value = value->boolean ? "true" : "false";
      out.known = true;
      break;
    default: break;
  }
  return out;
}

Text text_member(const JsonValue* object, std::string_view key) { return text_of(member(object, key)); }

const JsonMember* single_member(const JsonValue* object) {
  if (object == nullptr || !object->is_object() || object->members.size() != 1) return nullptr;
  return &object->members.front();
}

namespace {

std::vector<Text> texts_of(const JsonValue* list) {
  std::vector<Text> out;
  if (list == nullptr) return out;
  if (!list->is_array()) {
    out.push_back(text_of(list));
    return out;
  }
  for (const auto& item : list->items) out.push_back(text_of(&item));
  return out;
}

Condition read_condition(const JsonValue& node) {
  Condition out;
  out.node = &node;
  const JsonMember* only = single_member(&node);
  if (only == nullptr || is_intrinsic(node)) return out;
  out.type = only->key;
  out.body = &only->value;
  out.op = text_member(out.body, "Operator");
  if (const JsonValue* values = member(out.body, "Values")) {
    out.values_node = values;
    out.values = texts_of(values);
  } else if (const JsonValue* value = member(out.body, "Value")) {
    out.values_node = value;
    out.values.push_back(text_of(value));
  }
  const JsonMember* evaluate = single_member(member(out.body, "Evaluate"));
  if (evaluate == nullptr) return out;
  out.subject = evaluate->key;
  if (evaluate->key == "Analysis") {
    out.analyzer = reference_of(member(&evaluate->value, "Analyzer"));  // an add-on instance: Ref / GetAtt too
    out.result_field = text_member(&evaluate->value, "ResultField");
  } else if (evaluate->key == "IsInAddressList") {
    out.attribute = text_member(&evaluate->value, "Attribute");
    out.address_lists = texts_of(member(&evaluate->value, "AddressLists"));
  } else {
    out.attribute = text_of(&evaluate->value);
  }
  return out;
}

std::vector<Condition> read_conditions(const JsonValue* list) {
  std::vector<Condition> out;
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& item : list->items) out.push_back(read_condition(item));
  return out;
}

void read_traffic_policy(const JsonValue& root, TrafficPolicy& out) {
  out.default_action = text_member(&root, "DefaultAction");
  out.max_message_size = text_member(&root, "MaxMessageSizeBytes");
  out.statements_node = member(&root, "PolicyStatements");
  if (out.statements_node == nullptr || !out.statements_node->is_array()) return;
  for (std::size_t i = 0; i < out.statements_node->items.size(); ++i) {
    const JsonValue& item = out.statements_node->items[i];
    Statement statement;
    statement.node = &item;
    statement.index = i;
    statement.action = text_member(&item, "Action");
    statement.conditions_node = member(&item, "Conditions");
    statement.conditions = read_conditions(statement.conditions_node);
    out.statements.push_back(std::move(statement));
  }
}

void read_rule_set(const JsonValue& root, RuleSet& out) {
  out.rules_node = member(&root, "Rules");
  if (out.rules_node == nullptr || !out.rules_node->is_array()) return;
  for (std::size_t i = 0; i < out.rules_node->items.size(); ++i) {
    const JsonValue& item = out.rules_node->items[i];
    Rule rule;
    rule.node = &item;
    rule.index = i;
    rule.name = text_member(&item, "Name");
    rule.conditions_node = member(&item, "Conditions");
    rule.unless_node = member(&item, "Unless");
    rule.actions_node = member(&item, "Actions");
    rule.conditions = read_conditions(rule.conditions_node);
    rule.unless = read_conditions(rule.unless_node);
    if (rule.actions_node != nullptr && rule.actions_node->is_array())
      for (const auto& action_node : rule.actions_node->items) {
        Action action;
        action.node = &action_node;
        if (const JsonMember* only = single_member(&action_node); only != nullptr && !is_intrinsic(action_node)) {
          action.type = only->key;
          action.body = &only->value;
        }
        rule.actions.push_back(action);
      }
    out.rules.push_back(std::move(rule));
  }
}

// Fn::GetAtt's logical ID when the attribute is the resource's ID or ARN (RelayId, RuleSetArn, ...),
// the values a reference field takes; any other attribute (a name, an A record) is no reference.
std::optional<std::string> id_attribute_target(std::string_view logical_id, std::string_view attribute) {
  if (logical_id.empty() || !(attribute.ends_with("Id") || attribute.ends_with("Arn"))) return std::nullopt;
  return std::string(logical_id);
}

// Fn::GetAtt as ["Relay", "RelayId"] or "Relay.RelayId"; Fn::Sub as "${Relay}" or "${Relay.RelayArn}"
// and nothing else (any other text around it makes an unknown value).
std::optional<std::string> intrinsic_target(const JsonMember& call) {
  const JsonValue& args = call.value;
  auto dotted = [](std::string_view text) -> std::optional<std::string> {
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) return text.empty() ? std::nullopt : std::optional(std::string(text));
    return id_attribute_target(text.substr(0, dot), text.substr(dot + 1));
  };
  if (call.key == "Ref" && args.is_string() && !args.text.empty()) return args.text;
  if (call.key == "Fn::GetAtt") {
    if (args.is_array() && args.items.size() == 2 && args.items[0].is_string() && args.items[1].is_string())
      return id_attribute_target(args.items[0].text, args.items[1].text);
    if (args.is_string() && args.text.find('.') != std::string::npos) return dotted(args.text);
  }
  if (call.key == "Fn::Sub" && args.is_string()) {
    const std::string_view text = args.text;
    if (text.starts_with("${") && text.ends_with("}") && text.find_first_of("${}", 2) == text.size() - 1 &&
        text.find('!') == std::string_view::npos)
      return dotted(text.substr(2, text.size() - 3));
  }
  return std::nullopt;
}

}  // namespace

// A reference to another resource: a plain ID or ARN, or Ref / Fn::GetAtt (an ID or ARN attribute) /
// Fn::Sub "${...}" of a logical ID. Any other intrinsic is unknown. A logical ID that names no
// resource (a template parameter) resolves to nothing, so it is never a claim either way.
Text reference_of(const JsonValue* value) {
  if (value == nullptr || !is_intrinsic(*value)) return text_of(value);
  Text out;
  out.node = value;
  if (!value->is_object()) return out;  // unknown
  if (auto target = intrinsic_target(value->members.front())) {
    out.value = std::move(*target);
    out.known = true;
  }
  return out;
}

namespace {

void read_ingress(const JsonValue& root, IngressPoint& out) {
  out.type = text_member(&root, "Type");
  out.tls_policy = text_member(&root, "TlsPolicy");
  out.rule_set = reference_of(member(&root, "RuleSetId"));
  out.traffic_policy = reference_of(member(&root, "TrafficPolicyId"));
  out.network = member(&root, "NetworkConfiguration");
  if (const JsonValue* public_network = member(out.network, "PublicNetworkConfiguration"))
    out.ip_type = text_member(public_network, "IpType");
  out.private_network = member(out.network, "PrivateNetworkConfiguration") != nullptr;
  out.auth_config = member(&root, "IngressPointConfiguration");
  if (out.auth_config == nullptr) out.auth_config = member(&root, "IngressPointAuthConfiguration");
  out.smtp_password = text_member(out.auth_config, "SmtpPassword");
  out.secret_arn = text_member(out.auth_config, "SecretArn");
  out.trust_store = member(member(out.auth_config, "TlsAuthConfiguration"), "TrustStore");
}

void read_relay(const JsonValue& root, Relay& out) {
  out.server_name = text_member(&root, "ServerName");
  out.server_port = text_member(&root, "ServerPort");
  out.authentication = member(&root, "Authentication");
  out.no_authentication = member(out.authentication, "NoAuthentication") != nullptr;
}

}  // namespace

void build_resource(Resource& resource) {
  if (resource.node == nullptr || !resource.node->is_object()) return;
  const JsonValue& root = *resource.node;
  switch (resource.kind) {
    case Kind::TrafficPolicy: read_traffic_policy(root, resource.traffic_policy); break;
    case Kind::RuleSet: read_rule_set(root, resource.rule_set); break;
    case Kind::IngressPoint: read_ingress(root, resource.ingress); break;
    case Kind::Relay: read_relay(root, resource.relay); break;
    case Kind::Archive:
      resource.archive.kms_key = text_member(&root, "KmsKeyArn");
      resource.archive.retention = text_member(member(&root, "Retention"), "RetentionPeriod");
      break;
    case Kind::AddonInstance:
    case Kind::AddonSubscription: break;
  }
}

bool Condition::unknown() const {
  if (type.empty() || !op.known) return true;
  if (subject == "Analysis" && (!analyzer.known || !result_field.known)) return true;
  // DmarcExpression has no Evaluate member, so no attribute to know.
  if (subject != "Analysis" && subject != "IsInAddressList" && type != "DmarcExpression" && !attribute.known) return true;
  for (const auto& value : values)
    if (!value.known) return true;
  for (const auto& list : address_lists)
    if (!list.known) return true;
  return false;
}

Text Action::field(std::string_view key) const { return text_member(body, key); }
Text Action::reference(std::string_view key) const { return reference_of(member(body, key)); }

std::string Rule::label() const {
  if (name.known && !name.value.empty())
    if (std::string shown = quote(name); shown.starts_with('\'')) return "rule " + shown;  // else masked: the number
  return fmt::format("rule {}", index + 1);
}

std::string Resource::location(std::string_view pointer) const {
  if (kind == Kind::RuleSet)
    for (const auto& rule : rule_set.rules)
      if (pointer_within(pointer, rule.node->pointer)) return fmt::format("{} {}", name, rule.label());
  if (kind == Kind::TrafficPolicy)
    for (const auto& statement : traffic_policy.statements)
      if (pointer_within(pointer, statement.node->pointer))
        return fmt::format("{} statement {}", name, statement.index + 1);
  return name;
}

}  // namespace seslint::mm
