// Which values a message may quote (issue 17: messages never echo secrets). A Terraform resource
// is read into a copy of the plan's values, so a value is recognised by its position in the file,
// never by its address in memory.
#include <algorithm>

#include <fmt/format.h>

#include "seslint/mailmanager.hpp"

namespace seslint::mm {
namespace {

bool same_place(const JsonValue& a, const JsonValue& b) {
  return a.span.begin.offset == b.span.begin.offset && a.span.end.offset == b.span.end.offset;
}

bool among(const JsonValue& value, const std::vector<Text>& texts) {
  return std::any_of(texts.begin(), texts.end(), [&](const Text& t) { return t.node != nullptr && same_place(*t.node, value); });
}

// Rule-set StringExpression Values: the API model marks them sensitive.
bool compared_string(const JsonValue& value, const std::vector<Condition>& conditions) {
  return std::any_of(conditions.begin(), conditions.end(),
                     [&](const Condition& c) { return c.type == "StringExpression" && among(value, c.values); });
}

bool api_sensitive(const JsonValue& value, const Resource& resource) {
  if (resource.kind == Kind::RuleSet)
    return std::any_of(resource.rule_set.rules.begin(), resource.rule_set.rules.end(), [&](const Rule& rule) {
      return compared_string(value, rule.conditions) || compared_string(value, rule.unless);
    });
  if (resource.kind != Kind::IngressPoint) return false;
  const IngressPoint& ingress = resource.ingress;
  if (ingress.smtp_password.node != nullptr && same_place(*ingress.smtp_password.node, value)) return true;
  if (ingress.trust_store == nullptr || !ingress.trust_store->is_object()) return false;
  for (const auto& m : ingress.trust_store->members)
    if ((m.key == "CAContent" || m.key == "CrlContent") && same_place(m.value, value)) return true;
  return false;
}

// Numbers as written, strings in quotes.
std::string shown(const Text& text) {
  if (text.node != nullptr && text.node->kind == JsonKind::Number) return text.value;
  return fmt::format("'{}'", text.value);
}

}  // namespace

bool is_sensitive(const JsonValue& value, const Configuration& config) {
  if (std::any_of(config.sensitive.begin(), config.sensitive.end(),
                  [&](const JsonValue* marked) { return same_place(*marked, value); }))
    return true;
  return std::any_of(config.resources.begin(), config.resources.end(),
                     [&](const Resource& resource) { return api_sensitive(value, resource); });
}

std::string quote(const Text& text, const Configuration& config) {
  if (!text.known) return "(a template value)";
  if (text.node != nullptr && is_sensitive(*text.node, config)) return "(a sensitive value)";
  return shown(text);
}

bool sensitive(const Text& text) {
  const Subject* subject = SubjectScope::current();
  return subject != nullptr && subject->config != nullptr && text.node != nullptr && is_sensitive(*text.node, *subject->config);
}

std::string quote(const Text& text) {
  if (const Subject* subject = SubjectScope::current(); subject != nullptr && subject->config != nullptr)
    return quote(text, *subject->config);
  if (!text.known) return "(a template value)";
  return shown(text);
}

}  // namespace seslint::mm
