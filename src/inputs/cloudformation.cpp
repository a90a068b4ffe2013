// CloudFormation templates (JSON, or YAML read into the same tree): policies in AWS::IAM::Policy,
// ManagedPolicy, Role (AssumeRolePolicyDocument and Policies), User, Group, and any PolicyDocument
// property of any resource. Intrinsic functions are values known only at deploy time: they become
// strings marked `templated` in which each part known only at deploy time (Fn::Sub's ${...}, a Ref,
// an unknown Fn::Join part) is one unknown *specific* value, never a wildcard; literal parts stay.
#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "inputs/container_support.hpp"

namespace seslint::inputs {
namespace {

bool is_intrinsic(const JsonValue& value) {
  if (!value.is_object() || value.members.size() != 1) return false;
  const std::string_view key = value.members.front().key;
  return key == "Ref" || key.substr(0, 4) == "Fn::";
}

// A string the template computes; `templated` when part of it is known only at deploy time (then
// findings about the value itself are not reported, except those that rest on its literal parts).
JsonValue templated_string(const JsonValue& at, std::string text, bool unknown_parts = true) {
  JsonValue out;
  out.kind = JsonKind::String;
  out.span = at.span;
  out.pointer = at.pointer;
  out.text = std::move(text);
  out.templated = unknown_parts;
  return out;
}

// A value chosen at deploy time: one specific value nobody knows yet, so it must restrict (match no
// probe, admit no wildcard), never widen, in a Resource, Action, Principal or condition alike.
// Braces keep it apart from ${...}; ':' and '/' become '.' so that it stays inside one ARN field
// ("{AWS.AccountId}" for AWS::AccountId).
std::string unknown_value(std::string_view name) {
  std::string out = "{";
  for (char c : name)
    if (c != ':' && c != '/')
      out += c;
    else if (out.back() != '.')
      out += '.';
  return out + "}";
}

// Fn::Sub of a whole policy as JSON text: the strings in which a ${...} was left unknown.
bool has_unknown_value(std::string_view text) {
  for (auto open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    std::size_t end = open + 1;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                                 text[end] == '.' || text[end] == '-'))
      ++end;
    if (end > open + 1 && end < text.size() && text[end] == '}') return true;
  }
  return false;
}

void mark_unknown_parts(JsonValue& value) {
  if (value.is_string()) value.templated = value.templated || has_unknown_value(value.text);
  for (auto& item : value.items) mark_unknown_parts(item);
  for (auto& member : value.members) mark_unknown_parts(member.value);
}

// "arn:aws:ses:${AWS::Region}:${AWS::AccountId}:*" -> "arn:aws:ses:{AWS::Region}:{AWS::AccountId}:*":
// the literal '*' still covers every identity of that (unknown) account and region;
// "${!aws:username}" is Fn::Sub's escape for a literal "${aws:username}". `unknown` tells whether a
// part is known only at deploy time.
std::string substitute(std::string_view text, const JsonValue* variables, bool& unknown) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto open = text.find("${", i);
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    const std::string_view name = text.substr(open + 2, close - open - 2);
    if (!name.empty() && name.front() == '!') {
      out.append("${").append(name.substr(1)).append("}");
    } else {
      const JsonValue* bound = variables != nullptr ? field(*variables, name) : nullptr;
      const bool known = bound != nullptr && bound->is_string() && !bound->templated;
      unknown = unknown || !known;
      out.append(known ? std::string(bound->text) : unknown_value(name));
    }
    i = close + 1;
  }
  return out;
}

class Resolver {
 public:
  // `parameters`: the template's Parameters, whose AllowedValues say what a Ref may become.
  explicit Resolver(const JsonValue* parameters = nullptr) : parameters_(parameters) {}

  // Appends what `value` stands for: nothing (AWS::NoValue), one value, or, for Fn::If inside an
  // array, the values of both branches (either may be deployed).
  void resolve_into(const JsonValue& value, std::vector<JsonValue>& out, bool in_array) const {
    if (is_intrinsic(value)) return intrinsic_into(value, out, in_array);
    JsonValue copy;
    copy.kind = value.kind;
    copy.boolean = value.boolean;
    copy.span = value.span;
    copy.text = value.text;
    copy.pointer = value.pointer;
    copy.templated = value.templated;
    for (const auto& item : value.items) resolve_into(item, copy.items, true);
    for (const auto& member : value.members) {
      std::vector<JsonValue> resolved;
      resolve_into(member.value, resolved, false);
      if (resolved.empty()) continue;
      if (resolved.size() > 1) {  // a Ref with AllowedValues: any of them
        JsonValue list;
        list.kind = JsonKind::Array;
        list.span = member.value.span;
        list.pointer = member.value.pointer;
        list.templated = true;
        list.items = std::move(resolved);
        resolved.clear();
        resolved.push_back(std::move(list));
      }
      copy.members.push_back({member.key, member.key_span, std::move(resolved.front())});
    }
    out.push_back(std::move(copy));
  }

 private:
  void intrinsic_into(const JsonValue& value, std::vector<JsonValue>& out, bool in_array) const {
    const JsonMember& call = value.members.front();
    const JsonValue& arg = call.value;
    if (call.key == "Ref") {
      if (arg.is_string() && arg.text == "AWS::NoValue") return;
      if (arg.is_string()) return parameter_into(value, arg.text, out);
      out.push_back(templated_string(value, unknown_value(call.key)));
    } else if (call.key == "Fn::If" && arg.is_array() && arg.items.size() == 3) {
      const std::size_t before = out.size();
      resolve_into(arg.items[1], out, in_array);
      if (in_array || out.size() == before) resolve_into(arg.items[2], out, in_array);
    } else if (call.key == "Fn::Sub") {
      const JsonValue* text = arg.is_array() && !arg.items.empty() ? &arg.items[0] : &arg;
      std::vector<JsonValue> variables;
      if (arg.is_array() && arg.items.size() > 1) resolve_into(arg.items[1], variables, false);
      bool unknown = !text->is_string();
      std::string substituted =
          text->is_string() ? substitute(text->text, variables.empty() ? nullptr : &variables[0], unknown)
                            : unknown_value(call.key);
      out.push_back(templated_string(value, std::move(substituted), unknown));
    } else if (call.key == "Fn::Join" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() &&
               arg.items[1].is_array()) {
      std::vector<JsonValue> parts;
      for (const auto& part : arg.items[1].items) resolve_into(part, parts, true);
      std::string joined;
      bool unknown = false;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        const bool known = parts[i].is_string() && !parts[i].templated;
        unknown = unknown || !known;
        joined.append(i == 0 ? std::string_view() : arg.items[0].text.view()).append(parts[i].is_string() ? parts[i].text.str() : unknown_value("part"));
      }
      out.push_back(templated_string(value, std::move(joined), unknown));
    } else if (call.key == "Fn::Select" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() &&
               arg.items[1].is_array()) {
      const std::size_t index = static_cast<std::size_t>(std::atoi(arg.items[0].text.str().c_str()));
      if (index < arg.items[1].items.size() && !is_intrinsic(arg.items[1].items[index]))
        resolve_into(arg.items[1].items[index], out, false);
      else
        out.push_back(templated_string(value, unknown_value(call.key)));
    } else {  // GetAtt, ImportValue, FindInMap, Split, Base64, ...: known only at deploy time
      out.push_back(templated_string(value, unknown_value(call.key)));
    }
  }

  // A Ref: the parameter's AllowedValues when it lists them (each may be deployed), else one
  // unknown specific value (a pseudo parameter, a resource, a parameter without AllowedValues).
  void parameter_into(const JsonValue& at, std::string_view name, std::vector<JsonValue>& out) const {
    const JsonValue* parameter = parameters_ != nullptr ? field(*parameters_, name) : nullptr;
    const JsonValue* allowed = parameter != nullptr ? field(*parameter, "AllowedValues") : nullptr;
    const std::size_t before = out.size();
    if (allowed != nullptr && allowed->is_array())
      for (const auto& item : allowed->items)
        if (item.is_string()) out.push_back(templated_string(at, item.text));
    if (out.size() == before) out.push_back(templated_string(at, unknown_value(name)));
  }

  const JsonValue* parameters_;
};

struct InlineLimit {
  std::string_view attachment;  // "Users", "Groups", "Roles"
  const InlineQuota& quota;
};
constexpr std::array<InlineLimit, 3> kInlineLimits = {{
    {"Users", kUserInlineQuota},
    {"Groups", kGroupInlineQuota},
    {"Roles", kRoleInlineQuota},
}};

void set_inline_limit(PolicyOrigin& origin, std::string_view attachment) {
  for (const auto& limit : kInlineLimits)
    if (limit.attachment == attachment && (!origin.size_limit || limit.quota.characters < *origin.size_limit))
      set_quota(origin, limit.quota);
}

// The quota that applies to a policy of this resource type (nullopt: the rule's default by kind).
void apply_limits(PolicyOrigin& origin, std::string_view type, const JsonValue& properties, bool in_policies_list) {
  if (type == "AWS::IAM::User" || type == "AWS::IAM::UserPolicy") set_inline_limit(origin, "Users");
  if (type == "AWS::IAM::Group" || type == "AWS::IAM::GroupPolicy") set_inline_limit(origin, "Groups");
  if ((type == "AWS::IAM::Role" && in_policies_list) || type == "AWS::IAM::RolePolicy") set_inline_limit(origin, "Roles");
  if (type == "AWS::IAM::Policy")
    for (const auto& limit : kInlineLimits)
      if (field(properties, limit.attachment) != nullptr) set_inline_limit(origin, limit.attachment);
}

// Metadata: {seslint: {ignore: [IAM101, send-any-identity, {rule: SES102, reason: "..."}]}}, the
// way cfn-lint users suppress rules on one resource.
std::vector<InlineIgnore> metadata_ignores(const JsonValue& resource) {
  std::vector<InlineIgnore> out;
  const JsonValue* metadata = field(resource, "Metadata");
  const JsonValue* ours = metadata != nullptr ? field(*metadata, "seslint") : nullptr;
  const JsonValue* ignore = ours != nullptr ? field(*ours, "ignore") : nullptr;
  if (ignore == nullptr) return out;
  auto add = [&](const JsonValue& item) {
    if (item.is_string()) out.push_back({item.text, {}, item.span.begin});
    if (item.is_object())
      out.push_back({std::string(text_field(item, "rule")), std::string(text_field(item, "reason")), item.span.begin});
  };
  if (ignore->is_array()) {
    for (const auto& item : ignore->items) add(item);
  } else {
    add(*ignore);
  }
  return out;
}

// The role a RoleName/Roles entry names: {"Ref": "LogicalId"} of an AWS::IAM::Role in the template.
const JsonValue* referenced_role(const JsonValue& resources, const JsonValue& reference) {
  const JsonValue* logical_id = field(reference, "Ref");
  if (logical_id == nullptr || !logical_id->is_string()) return nullptr;
  const JsonValue* role = field(resources, logical_id->text);
  return role != nullptr && text_field(*role, "Type") == "AWS::IAM::Role" ? role : nullptr;
}

Holder template_role_holder(const JsonValue* role) {
  const JsonValue* properties = role != nullptr ? field(*role, "Properties") : nullptr;
  const JsonValue* trust = properties != nullptr ? field(*properties, "AssumeRolePolicyDocument") : nullptr;
  if (trust == nullptr) return role_holder(nullptr);
  const JsonValue resolved = resolve_intrinsics(*trust);
  return role_holder(&resolved);
}

// Who holds the policies of this resource: its user, group or role, or those it is attached to
// (users and groups first: their long-lived keys are the exposure that matters).
std::optional<Holder> holder_of(std::string_view type, const JsonValue& properties, const JsonValue& resources,
                                const JsonValue& resource) {
  const Holder user{PrincipalKind::User, false, {}};
  if (type == "AWS::IAM::User" || type == "AWS::IAM::Group" || type == "AWS::IAM::UserPolicy" ||
      type == "AWS::IAM::GroupPolicy")
    return user;
  if (type == "AWS::IAM::Role") return template_role_holder(&resource);
  if (type == "AWS::IAM::RolePolicy") {
    const JsonValue* name = field(properties, "RoleName");
    return template_role_holder(name != nullptr ? referenced_role(resources, *name) : nullptr);
  }
  if (type != "AWS::IAM::Policy" && type != "AWS::IAM::ManagedPolicy") return std::nullopt;
  for (const char* attachment : {"Users", "Groups"})
    if (const JsonValue* list = field(properties, attachment); list != nullptr && !list->items.empty()) return user;
  const JsonValue* roles = field(properties, "Roles");
  if (roles == nullptr || roles->items.empty()) return std::nullopt;
  Holder holder{PrincipalKind::ServiceRole, false, {}};
  for (const auto& reference : roles->items) {
    Holder each = template_role_holder(referenced_role(resources, reference));
    if (each.kind != PrincipalKind::ServiceRole) holder.kind = PrincipalKind::Role;
    holder.trusted.insert(holder.trusted.end(), each.trusted.begin(), each.trusted.end());
  }
  return holder;
}

class TemplateReader {
 public:
  TemplateReader(SiteSink& sink, const JsonValue& resources, const JsonValue* parameters)
      : sink_(sink), resources_(resources), parameters_(parameters) {}

  void resource(std::string_view logical_id, const JsonValue& resource) {
    type_ = text_field(resource, "Type");
    logical_id_ = logical_id;
    ignores_ = metadata_ignores(resource);
    const JsonValue* properties = field(resource, "Properties");
    if (properties == nullptr) return;
    properties_ = properties;
    holder_ = holder_of(type_, *properties, resources_, resource);
    walk(*properties, false);
    if (const JsonValue* arns = field(*properties, "ManagedPolicyArns"); arns != nullptr && arns->is_array())
      for (const auto& item : arns->items) attachment(item);
  }

 private:
  // A managed policy ARN, usually "arn:${AWS::Partition}:iam::aws:policy/<name>": the name is
  // known though the partition is not, so the resolved copy is not marked templated.
  void attachment(const JsonValue& item) {
    std::vector<JsonValue> resolved;
    Resolver{}.resolve_into(item, resolved, false);
    if (resolved.empty() || !resolved.front().is_string()) return;
    JsonValue& stored = sink_.out().rewritten.emplace_back(std::move(resolved.front()));
    stored.templated = false;
    sink_.out().attachments.push_back({&stored, fmt::format("{} {}", type_, logical_id_)});
  }

  // Finds policy-valued properties at any depth (PolicyDocument inside Policies lists, too).
  void walk(const JsonValue& value, bool in_policies_list) {
    if (value.is_array()) {
      for (const auto& item : value.items) walk(item, in_policies_list);
      return;
    }
    if (!value.is_object() || is_intrinsic(value)) return;
    for (const auto& member : value.members) {
      if (member.key == "PolicyDocument" || member.key == "AssumeRolePolicyDocument") {
        add(member, value, in_policies_list);
      } else {
        walk(member.value, in_policies_list || member.key == "Policies");
      }
    }
  }

  void add(const JsonMember& member, const JsonValue& holder, bool in_policies_list) {
    PolicyOrigin origin;
    const bool trust = member.key == "AssumeRolePolicyDocument";
    const std::string_view policy_name = text_field(holder, "PolicyName");
    origin.name = trust ? fmt::format("{} {} trust policy", type_, logical_id_)
                  : in_policies_list ? fmt::format("{} {} inline policy {}", type_, logical_id_,
                                                   policy_name.empty() ? "(unnamed)" : policy_name)
                                     : fmt::format("{} {}", type_, logical_id_);
    if (trust)
      origin.kind = PolicyKind::Trust;
    else if (type_.substr(0, 10) == "AWS::IAM::")
      origin.kind = PolicyKind::Identity;
    if (!trust) origin.holder = holder_;
    if (!trust) apply_limits(origin, type_, *properties_, in_policies_list);
    origin.ignores = ignores_;
    std::vector<JsonValue> resolved;
    Resolver{parameters_}.resolve_into(member.value, resolved, false);
    if (resolved.empty()) return;
    JsonValue& stored = sink_.out().rewritten.emplace_back(std::move(resolved.front()));
    if (stored.is_string() && stored.templated) {  // Fn::Sub of JSON text: positions go to the Fn::Sub
      const SourceWindow none{{}, 0, true};
      ParseResult& parsed = sink_.out().embedded.emplace_back(parse_embedded_json(stored, none, sink_.options().parse));
      if (parsed.root) mark_unknown_parts(*parsed.root);
      sink_.out().policies.push_back({parsed.root ? &*parsed.root : nullptr, &parsed, stored.text, std::move(origin)});
      return;
    }
    sink_.add(stored, std::move(origin));
  }

  SiteSink& sink_;
  const JsonValue& resources_;
  const JsonValue* parameters_;
  std::string_view type_, logical_id_;
  const JsonValue* properties_ = nullptr;
  std::vector<InlineIgnore> ignores_;
  std::optional<Holder> holder_;
};

bool is_template(const JsonValue& root) {
  if (field(root, "AWSTemplateFormatVersion") != nullptr) return true;
  const JsonValue* resources = field(root, "Resources");
  if (resources == nullptr || !resources->is_object() || resources->members.empty()) return false;
  return std::all_of(resources->members.begin(), resources->members.end(), [](const JsonMember& member) {
    return text_field(member.value, "Type").find("::") != std::string_view::npos;
  });
}

}  // namespace

JsonValue resolve_intrinsics(const JsonValue& value) {
  std::vector<JsonValue> out;
  Resolver{}.resolve_into(value, out, false);
  return out.empty() ? JsonValue{} : std::move(out.front());
}

bool read_cloudformation(const JsonValue& root, SiteSink& sink) {
  if (!is_template(root)) return false;
  sink.out().container = "CloudFormation template";
  const JsonValue* resources = field(root, "Resources");
  if (resources == nullptr || !resources->is_object()) return true;
  TemplateReader reader(sink, *resources, field(root, "Parameters"));
  for (const auto& member : resources->members) reader.resource(member.key, member.value);
  return true;
}

}  // namespace seslint::inputs

namespace seslint {
std::vector<InlineIgnore> cloudformation_metadata_ignores(const JsonValue& resource) {
  return inputs::metadata_ignores(resource);
}
}  // namespace seslint
