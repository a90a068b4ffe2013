// Mail Manager resources in AWS CLI output (one get-* response, recognised by its ID key and a
// member only that response has) and in CloudFormation templates (AWS::SES::MailManager*).
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "mailmanager/support.hpp"
#include "seslint/mailmanager_run.hpp"

namespace seslint::mm {
namespace {

struct Shape {
  Kind kind;
  std::string_view cfn_type;
  std::string_view command;
  std::string_view id_key;
  std::string_view arn_key;
  std::string_view name_key;
  std::array<std::string_view, 2> body_keys;  // one of them must be there too
};

constexpr std::array<Shape, 7> kShapes = {{
    {Kind::TrafficPolicy, "AWS::SES::MailManagerTrafficPolicy", "mailmanager get-traffic-policy", "TrafficPolicyId",
     "TrafficPolicyArn", "TrafficPolicyName", {"PolicyStatements", "DefaultAction"}},
    {Kind::RuleSet, "AWS::SES::MailManagerRuleSet", "mailmanager get-rule-set", "RuleSetId", "RuleSetArn", "RuleSetName",
     {"Rules", "Rules"}},
    {Kind::IngressPoint, "AWS::SES::MailManagerIngressPoint", "mailmanager get-ingress-point", "IngressPointId",
     "IngressPointArn", "IngressPointName", {"Type", "RuleSetId"}},
    {Kind::Relay, "AWS::SES::MailManagerRelay", "mailmanager get-relay", "RelayId", "RelayArn", "RelayName",
     {"ServerName", "Authentication"}},
    {Kind::Archive, "AWS::SES::MailManagerArchive", "mailmanager get-archive", "ArchiveId", "ArchiveArn", "ArchiveName",
     {"Retention", "ArchiveState"}},
    {Kind::AddonInstance, "AWS::SES::MailManagerAddonInstance", "mailmanager get-addon-instance", "AddonInstanceId",
     "AddonInstanceArn", "AddonName", {"AddonSubscriptionId", "AddonSubscriptionId"}},
    {Kind::AddonSubscription, "AWS::SES::MailManagerAddonSubscription", "mailmanager get-addon-subscription",
     "AddonSubscriptionId", "AddonSubscriptionArn", "AddonName", {"AddonName", "AddonName"}},
}};

const Shape& shape_of(Kind kind) {
  for (const auto& shape : kShapes)
    if (shape.kind == kind) return shape;
  return kShapes.front();
}

void add_key(Resource& resource, const Text& text) {
  if (text.known && !text.value.empty()) resource.keys.push_back(text.value);
}

}  // namespace

std::string_view cloudformation_type(Kind kind) { return shape_of(kind).cfn_type; }
std::string_view cli_command(Kind kind) { return shape_of(kind).command; }

std::optional<Kind> kind_of_cloudformation_type(std::string_view type) {
  for (const auto& shape : kShapes)
    if (shape.cfn_type == type) return shape.kind;
  return std::nullopt;
}

bool read_cli_output(const JsonValue& root, Configuration& out) {
  if (!root.is_object()) return false;
  for (const auto& shape : kShapes) {
    if (shape.kind == Kind::AddonSubscription) continue;  // its keys also appear in get-addon-instance
    const Text id = text_member(&root, shape.id_key);
    if (!id.known || (member(&root, shape.body_keys[0]) == nullptr && member(&root, shape.body_keys[1]) == nullptr))
      continue;
    Resource& resource = out.resources.emplace_back();
    resource.kind = shape.kind;
    resource.node = &root;
    resource.name = fmt::format("{} {}", shape.command, id.value);
    add_key(resource, id);
    add_key(resource, text_member(&root, shape.arn_key));
    add_key(resource, text_member(&root, shape.name_key));
    build_resource(resource);
    return true;
  }
  return false;
}

bool read_cloudformation(const JsonValue& root, Configuration& out) {
  const JsonValue* resources = member(&root, "Resources");
  if (resources == nullptr || !resources->is_object()) return false;
  bool found = false;
  for (const auto& entry : resources->members) {
    const Text type = text_member(&entry.value, "Type");
    const auto kind = type.known ? kind_of_cloudformation_type(type.value) : std::nullopt;
    if (!kind) continue;
    found = true;
    Resource& resource = out.resources.emplace_back();
    resource.kind = *kind;
    resource.node = member(&entry.value, "Properties");
    resource.name = fmt::format("{} {}", type.value, entry.key);
    resource.keys.push_back(entry.key);
    resource.from_template = true;
    resource.written_in = "template";
    resource.template_parameters = member(&root, "Parameters");
    resource.template_entry = &entry.value;
    build_resource(resource);
  }
  return found;
}

namespace {

const Resource* find_in(const std::deque<Resource>& resources, Kind kind, const std::string& key) {
  for (const auto& resource : resources)
    if (resource.kind == kind && std::find(resource.keys.begin(), resource.keys.end(), key) != resource.keys.end())
      return &resource;
  return nullptr;
}

// Ref and Fn::GetAtt name a logical ID of the same template: never another file's resource.
bool template_reference(const Text& reference) { return reference.node != nullptr && is_intrinsic(*reference.node); }

const Text& reference_to(const Resource& ingress, Kind kind) {
  return kind == Kind::TrafficPolicy ? ingress.ingress.traffic_policy : ingress.ingress.rule_set;
}

}  // namespace

const Resource* Configuration::resolve(Kind kind, const Text& reference) const {
  if (!reference.known || reference.value.empty()) return nullptr;
  if (const Resource* local = find_in(resources, kind, reference.value)) return local;
  if (run == nullptr || template_reference(reference)) return nullptr;
  for (const auto& file : run->files())
    if (file->path != path)
      if (const Resource* found = find_in(file->config.resources, kind, reference.value)) return found;
  return nullptr;
}

std::vector<const Resource*> Configuration::ingresses_using(const Resource& target) const {
  std::vector<const Resource*> out;
  for (const auto& resource : resources)
    if (resource.kind == Kind::IngressPoint && resolve(target.kind, reference_to(resource, target.kind)) == &target)
      out.push_back(&resource);
  // Ingress points of other files that name this resource by ID (and hold no resource of that ID themselves).
  if (run == nullptr || target.from_template) return out;
  for (const auto& file : run->files()) {
    if (file->path == path) continue;
    for (const auto& resource : file->config.resources) {
      if (resource.kind != Kind::IngressPoint) continue;
      const Text& reference = reference_to(resource, target.kind);
      if (!reference.known || template_reference(reference) ||
          std::find(target.keys.begin(), target.keys.end(), reference.value) == target.keys.end())
        continue;
      if (find_in(file->config.resources, target.kind, reference.value) == nullptr) out.push_back(&resource);
    }
  }
  return out;
}

// Every ID key ends in "Id": one scan for that, then a look back at each hit, instead of a scan of
// the whole file per shape (the pre-pass, when a run has one, reads every file of the run).
constexpr bool id_keys_end_in_id() {
  for (const auto& shape : kShapes)
    if (!shape.id_key.ends_with("Id")) return false;
  return true;
}
static_assert(id_keys_end_in_id());

bool may_hold_cli_output(std::string_view source) {
  for (std::size_t at = source.find("Id", 1); at != std::string_view::npos; at = source.find("Id", at + 1)) {
    const std::string_view before = source.substr(0, at + 2);
    if (std::any_of(kShapes.begin(), kShapes.end(), [&](const Shape& shape) { return before.ends_with(shape.id_key); }))
      return true;
  }
  return false;
}

void RunResources::link(Found found) const {
  for (auto& file : found)
    if (file != nullptr) {
      file->config.run = this;
      file->config.path = file->path;
      files_.push_back(std::move(file));
    }
}

// Nothing may escape call_once: with the static C++ runtime seslint ships with, an exception
// thrown through it aborts the process. A gather that fails (out of memory; the reads themselves
// catch their own) links nothing.
void RunResources::link_once(const std::function<Found()>& find) const {
  std::call_once(gathered_, [&]() noexcept {
    try {
      if (find) link(find());
    } catch (...) {
      files_.clear();
    }
  });
}

const std::vector<std::unique_ptr<RunFile>>& RunResources::files() const {
  link_once(gather_);
  return files_;
}

void RunResources::adopt(Found found) {
  link_once([&] { return std::move(found); });
}

namespace {
thread_local const Subject* g_current = nullptr;
}  // namespace

SubjectScope::SubjectScope(Subject subject) : subject_(subject), outer_(g_current) { g_current = &subject_; }
SubjectScope::~SubjectScope() { g_current = outer_; }
const Subject* SubjectScope::current() { return g_current; }

}  // namespace seslint::mm
