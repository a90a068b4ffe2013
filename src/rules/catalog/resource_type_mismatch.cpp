// IAM207 resource-type-mismatch: an action named exactly whose resource types none of the
// statement's resources can be (ses:SendRawEmail on a configuration-set ARN only), or an action
// without resource types given specific ARNs only (it is authorized only with Resource "*").
#include <algorithm>
#include <span>
#include <utility>

#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"
#include "seslint/eval.hpp"

namespace seslint::rules {
namespace {

// The resource types a statement must name for the action: the required ones when the reference
// marks some (ses:SendRawEmail always acts on an identity, and on a configuration set only if one
// is used), otherwise all of them. Into `out`, which the caller reuses across a statement's actions.
void needed_types(const aws::Service& service, const aws::Action& action, std::vector<const aws::ResourceType*>& out) {
  const bool any_required = std::any_of(action.resources.begin(), action.resources.end(),
                                        [](const aws::ActionResource& ref) { return ref.required; });
  out.clear();
  for (const auto& ref : action.resources)
    if (ref.required || !any_required) out.push_back(&service.resources[ref.type]);
}

// A template's value (CloudFormation intrinsic) with its unknown parts ("{AWS.AccountId}", a whole
// "{Ref}") as '*': to say a statement never grants an action, an unknown value may be anything.
// Other values are used as written, without a copy; `storage` holds a template's rewritten text.
bool is_template(const StringNode& resource) { return resource.node != nullptr && resource.node->templated; }

std::string_view as_written(const StringNode& resource, std::string& storage) {
  if (!is_template(resource)) return resource.text;
  storage.clear();
  for (std::size_t i = 0; i < resource.text.size(); ++i) {
    const auto close = resource.text[i] == '{' ? resource.text.find('}', i) : std::string_view::npos;
    storage += close == std::string_view::npos ? resource.text[i] : '*';
    if (close != std::string_view::npos) i = close;
  }
  return storage;
}

// The resource fits exactly one of the types' ARN formats.
bool resource_fits(const std::vector<const aws::ResourceType*>& types, const StringNode& resource) {
  std::string storage;
  const std::string_view pattern = as_written(resource, storage);
  for (const auto* type : types)
    for (const auto& format : type->arn_formats)
      if (catalog::arn_patterns_overlap(pattern, format)) return true;
  return false;
}

// A statement's resources, written out and split once, and whether any is of a type set: a
// statement's actions mostly share a few type sets (every s3 object action needs "object"). One per
// thread, refilled for each statement: its buffers keep their room.
class StatementResources {
 public:
  // Empties it and reads `resources`; false when one is "*" (or a template's value that may be):
  // then nothing more is read, as every type fits.
  bool reset(const std::vector<StringNode>& resources) {
    templates_.clear();
    patterns_.clear();
    probes_.clear();
    seen_types_.clear();
    answers_.clear();
    // patterns_ views into templates_, so it is sized once (and, without templates, not at all).
    templates_.reserve(static_cast<std::size_t>(std::count_if(resources.begin(), resources.end(), is_template)));
    for (const auto& resource : resources) {
      if (!is_template(resource)) {
        patterns_.push_back(resource.text);
      } else {
        as_written(resource, templates_.emplace_back());
        patterns_.push_back(templates_.back());
      }
      if (patterns_.back() == "*") return false;
    }
    for (const auto pattern : patterns_) probes_.emplace_back(pattern);
    return true;
  }
  // Some resource is of one of the types, whatever its region and account fields say (a wrong
  // region or account is IAM028's cause, not a type mismatch).
  bool any_of_type(const std::vector<const aws::ResourceType*>& types) {
    const std::span<const aws::ResourceType* const> wanted(types);
    for (const auto& answer : answers_)
      if (std::ranges::equal(std::span(seen_types_).subspan(answer.first, answer.count), wanted)) return answer.fits;
    bool fits = false;
    for (std::size_t i = 0; i < probes_.size() && !fits; ++i) fits = probes_[i].overlaps_any_type(types);
    answers_.push_back({seen_types_.size(), types.size(), fits});
    seen_types_.insert(seen_types_.end(), types.begin(), types.end());
    return fits;
  }

 private:
  // A type set asked about: seen_types_[first, first + count), and the answer.
  struct Answer {
    std::size_t first, count;
    bool fits;
  };
  std::vector<std::string> templates_;
  std::vector<std::string_view> patterns_;
  std::vector<catalog::PlacementFreeArn> probes_;
  std::vector<const aws::ResourceType*> seen_types_;
  std::vector<Answer> answers_;
};

std::string type_names(const std::vector<const aws::ResourceType*>& types) {
  std::string out;
  for (const auto* type : types) out += fmt::format("{}{}", out.empty() ? "" : ", ", type->name);
  return out;
}

// Another statement of the same effect names the action on "*" or on a resource of a needed type.
bool covered_elsewhere(const Policy& policy, const Statement& here, std::string_view action,
                       const std::vector<const aws::ResourceType*>& types) {
  for (const auto& other : policy.statements) {
    if (&other == &here || other.effect != here.effect || !other.action || !other.resource) continue;
    bool listed = false;
    for (const auto& value : other.action->values) listed = listed || eval::action_matches(value.text, action);
    if (listed == other.action->negated) continue;
    if (other.resource->negated) return true;  // NotResource: some resource of the type is in it
    for (const auto& resource : other.resource->values)
      if (resource.text == "*" || resource_fits(types, resource)) return true;
  }
  return false;
}

class ResourceTypeMismatch final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    if (!statement.action || statement.action->negated || !statement.resource || statement.resource->negated) return;
    if (statement.resource->values.empty()) return;
    thread_local StatementResources resources;
    if (!resources.reset(statement.resource->values)) return;
    thread_local std::vector<const aws::ResourceType*> types;
    const auto& facts = catalog::action_facts(*statement.action, out.aws());
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const StringNode& value = statement.action->values[i];
      if (!facts[i].exact() || facts[i].action == nullptr) continue;
      const aws::Service* service = facts[i].service;
      const aws::Action* action = facts[i].action;
      const std::string_view outcome = statement.effect == Effect::Deny ? "the Deny never applies to it"
                                                                        : "the statement never grants it";
      if (action->resources.empty()) {
        if (covered_elsewhere(policy, statement, value.text, {})) continue;
        out.report(*value.node,
                   fmt::format("{} in {} takes no resource types, so IAM authorizes it only with Resource \"*\"; "
                               "with the specific resources given here {}",
                               quoted(value.text), statement.label(), outcome),
                   "move the action to a statement with \"Resource\": \"*\"");
        continue;
      }
      needed_types(*service, *action, types);
      const bool fits = resources.any_of_type(types);
      // A policy may authorize one call's resources in several statements (ec2:RunInstances, or
      // SendRawEmail's identity in one statement and its configuration set in another), and a
      // dead entry next to a live grant of the same action is harmless: report only grants that
      // leave the action without a fitting resource in the whole policy.
      if (fits || covered_elsewhere(policy, statement, value.text, types)) continue;
      out.report(*value.node,
                 fmt::format("{} in {} needs {} resources, and none of the statement's resources is one, so {}",
                             quoted(value.text), statement.label(), type_names(types), outcome),
                 "add a resource of a type the action takes, or move the action to the statement that has one");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_resource_type_mismatch() { return std::make_unique<ResourceTypeMismatch>(); }
}  // namespace seslint::rules
