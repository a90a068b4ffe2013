// CloudFormation templates (JSON, or YAML read into the same tree): policies in AWS::IAM::Policy,
// ManagedPolicy, Role (AssumeRolePolicyDocument and Policies), User, Group, and any PolicyDocument
// property of any resource. Intrinsic functions are values known only at deploy time: they become
// strings marked `templated`, with Fn::Sub's ${...} parts (and unknown Fn::Join parts) as '*'.
#include <algorithm>
#include <array>

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
// it stands for any value and findings located on it are not reported).
JsonValue templated_string(const JsonValue& at, std::string text, bool unknown_parts = true) {
  JsonValue out;
  out.kind = JsonKind::String;
  out.span = at.span;
  out.pointer = at.pointer;
  out.text = std::move(text);
  out.templated = unknown_parts;
  return out;
}

// "arn:aws:ses:${AWS::Region}:${AWS::AccountId}:identity/${Domain}" -> "arn:aws:ses:*:*:identity/*";
// "${!aws:username}" is Fn::Sub's escape for a literal "${aws:username}". `unknown` tells whether a
// part was left as '*'.
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
      out.append(known ? std::string_view(bound->text) : "*");
    }
    i = close + 1;
  }
  return out;
}

class Resolver {
 public:
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
      if (!resolved.empty()) copy.members.push_back({member.key, member.key_span, std::move(resolved.front())});
    }
    out.push_back(std::move(copy));
  }

 private:
  void intrinsic_into(const JsonValue& value, std::vector<JsonValue>& out, bool in_array) const {
    const JsonMember& call = value.members.front();
    const JsonValue& arg = call.value;
    if (call.key == "Ref") {
      if (arg.is_string() && arg.text == "AWS::NoValue") return;
      out.push_back(templated_string(value, "*"));
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
          text->is_string() ? substitute(text->text, variables.empty() ? nullptr : &variables[0], unknown) : "*";
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
        joined.append(i == 0 ? "" : arg.items[0].text).append(parts[i].is_string() ? parts[i].text : "*");
      }
      out.push_back(templated_string(value, std::move(joined), unknown));
    } else if (call.key == "Fn::Select" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() &&
               arg.items[1].is_array()) {
      const std::size_t index = static_cast<std::size_t>(std::atoi(arg.items[0].text.c_str()));
      if (index < arg.items[1].items.size() && !is_intrinsic(arg.items[1].items[index]))
        resolve_into(arg.items[1].items[index], out, false);
      else
        out.push_back(templated_string(value, "*"));
    } else {  // GetAtt, ImportValue, FindInMap, Split, Base64, ...: known only at deploy time
      out.push_back(templated_string(value, "*"));
    }
  }
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
    if (item.is_string()) out.push_back({item.text, {}});
    if (item.is_object()) out.push_back({std::string(text_field(item, "rule")), std::string(text_field(item, "reason"))});
  };
  if (ignore->is_array()) {
    for (const auto& item : ignore->items) add(item);
  } else {
    add(*ignore);
  }
  return out;
}

class TemplateReader {
 public:
  explicit TemplateReader(SiteSink& sink) : sink_(sink) {}

  void resource(std::string_view logical_id, const JsonValue& resource) {
    type_ = text_field(resource, "Type");
    logical_id_ = logical_id;
    ignores_ = metadata_ignores(resource);
    const JsonValue* properties = field(resource, "Properties");
    if (properties == nullptr) return;
    properties_ = properties;
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
      origin.kind = PolicyKind::Resource;
    else if (type_.substr(0, 10) == "AWS::IAM::")
      origin.kind = PolicyKind::Identity;
    if (!trust) apply_limits(origin, type_, *properties_, in_policies_list);
    origin.ignores = ignores_;
    std::vector<JsonValue> resolved;
    Resolver{}.resolve_into(member.value, resolved, false);
    if (resolved.empty()) return;
    JsonValue& stored = sink_.out().rewritten.emplace_back(std::move(resolved.front()));
    if (stored.is_string() && stored.templated) {  // Fn::Sub of JSON text: positions go to the Fn::Sub
      const SourceWindow none{{}, 0, true};
      const ParseResult& parsed = sink_.out().embedded.emplace_back(parse_embedded_json(stored, none, sink_.options().parse));
      sink_.out().policies.push_back({parsed.root ? &*parsed.root : nullptr, &parsed, stored.text, std::move(origin)});
      return;
    }
    sink_.add(stored, std::move(origin));
  }

  SiteSink& sink_;
  std::string_view type_, logical_id_;
  const JsonValue* properties_ = nullptr;
  std::vector<InlineIgnore> ignores_;
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
  TemplateReader reader(sink);
  for (const auto& member : resources->members) reader.resource(member.key, member.value);
  return true;
}

}  // namespace seslint::inputs
