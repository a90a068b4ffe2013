#include "rules/support/mailmanager.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace seslint::rules {

bool fully_known(const mm::TrafficPolicy& policy) {
  if (!policy.default_action.known) return false;
  return std::all_of(policy.statements.begin(), policy.statements.end(), [](const mm::Statement& statement) {
    return statement.action.known && std::none_of(statement.conditions.begin(), statement.conditions.end(),
                                                  [](const mm::Condition& c) { return c.unknown(); });
  });
}

const mm::Resource* traffic_policy_of(const mm::Resource& ingress, const mm::Configuration& config) {
  return config.resolve(mm::Kind::TrafficPolicy, ingress.ingress.traffic_policy);
}

std::vector<std::size_t> statements_with(const mm::TrafficPolicy& policy, std::string_view action) {
  std::vector<std::size_t> out;
  for (const auto& statement : policy.statements)
    if (statement.action.is(action)) out.push_back(statement.index);
  return out;
}

std::string describe(const mm::Resource& resource) {
  std::string_view what = resource.kind == mm::Kind::TrafficPolicy ? "traffic policy"
                          : resource.kind == mm::Kind::RuleSet     ? "rule set"
                          : resource.kind == mm::Kind::IngressPoint ? "ingress point"
                                                                    : "resource";
  return fmt::format("{} '{}'", what, resource.name);
}

}  // namespace seslint::rules

namespace seslint::rules {

std::vector<const mm::Resource*> open_public_ingresses(const mm::Resource& target, const mm::Configuration& config) {
  std::vector<const mm::Resource*> out;
  for (const mm::Resource* ingress : config.ingresses_using(target))
    if (ingress->ingress.public_open()) out.push_back(ingress);
  return out;
}

bool private_server(std::string_view server) {
  if (const auto address = parse_ip_network(server)) {
    static const char* const kPrivate[] = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
                                           "100.64.0.0/10", "fc00::/7", "::1/128"};
    for (const char* block : kPrivate)
      if (const auto network = parse_ip_network(block); network && network->contains(*address)) return true;
    return false;
  }
  for (std::string_view suffix : {".internal", ".local", ".lan", ".corp", ".home.arpa", ".intranet"})
    if (server.ends_with(suffix)) return true;
  return false;
}

bool checks_authentication(const std::vector<mm::Condition>& conditions) {
  return std::any_of(conditions.begin(), conditions.end(), [](const mm::Condition& c) {
    if (c.type == "DmarcExpression") return true;
    if (c.type != "VerdictExpression" || !c.op.is("EQUALS")) return false;
    return std::any_of(c.values.begin(), c.values.end(), [](const mm::Text& v) { return v.is("PASS"); });
  });
}

}  // namespace seslint::rules

namespace seslint::rules {

bool receives_internet_mail(const mm::Resource& rule_set, const mm::Configuration& config) {
  const auto ingresses = config.ingresses_using(rule_set);
  return ingresses.empty() ||
         std::any_of(ingresses.begin(), ingresses.end(), [](const mm::Resource* i) { return i->ingress.type.is("OPEN"); });
}

bool trusted_action(std::string_view type) {
  for (std::string_view t : {"Archive", "DeliverToMailbox", "DeliverToQBusiness", "InvokeLambda", "WriteToS3", "Relay"})
    if (type == t) return true;
  return false;
}

const mm::Action* first_trusted_action(const mm::Rule& rule) {
  for (const auto& action : rule.actions)
    if (trusted_action(action.type)) return &action;
  return nullptr;
}

std::vector<std::string> admitted_verdicts(const mm::Condition& c) {
  if (c.type != "VerdictExpression" || c.subject != "Attribute" || mm::rule_attribute_key(c).empty()) return {};
  std::vector<std::string> out;
  for (const char* verdict : {"PASS", "FAIL", "GRAY", "PROCESSING_FAILED"}) {
    const bool listed = std::any_of(c.values.begin(), c.values.end(), [&](const mm::Text& v) { return v.is(verdict); });
    if (listed == c.op.is("EQUALS")) out.emplace_back(verdict);
  }
  return out;
}

bool weak_verdict_check(const mm::Condition& c) {
  const auto admitted = admitted_verdicts(c);
  auto has = [&](std::string_view v) { return std::find(admitted.begin(), admitted.end(), v) != admitted.end(); };
  return has("PASS") && !has("FAIL") && (has("GRAY") || has("PROCESSING_FAILED"));
}

bool verdict_condition(const mm::Condition& c) {
  return c.type == "DmarcExpression" ||
         (c.type == "VerdictExpression" && (c.attribute.is("SPF") || c.attribute.is("DKIM")));
}

bool spoofable_trust(const mm::Condition& c) {
  if (c.unknown()) return false;
  const bool header = c.subject == "MimeHeaderAttribute" &&
                      (c.attribute.value.starts_with("X-") || c.attribute.value.starts_with("x-"));
  bool sender_field = false;
  for (std::string_view a : {"FROM", "SENDER", "MAIL_FROM", "HELO", "SUBJECT"}) sender_field = sender_field || c.attribute.is(a);
  if (c.type == "StringExpression")
    return (header || (c.subject == "Attribute" && sender_field)) &&
           (c.op.is("EQUALS") || c.op.is("STARTS_WITH") || c.op.is("ENDS_WITH") || c.op.is("CONTAINS"));
  return c.type == "BooleanExpression" && c.subject == "IsInAddressList" && sender_field && c.op.is("IS_TRUE");
}

bool drops_failures(const mm::Rule& rule) {
  return mm::drops(rule) && std::any_of(rule.conditions.begin(), rule.conditions.end(), [](const mm::Condition& c) {
           if (c.type != "VerdictExpression") return false;
           const bool fail = std::any_of(c.values.begin(), c.values.end(), [](const mm::Text& v) { return v.is("FAIL"); });
           const bool pass = std::any_of(c.values.begin(), c.values.end(), [](const mm::Text& v) { return v.is("PASS"); });
           return (c.op.is("EQUALS") && fail) || (c.op.is("NOT_EQUALS") && pass);
         });
}

bool condition_lists_known(const mm::Rule& rule) {
  return (rule.conditions_node == nullptr || rule.conditions_node->is_array()) &&
         (rule.unless_node == nullptr || rule.unless_node->is_array());
}

bool known_up_to(const mm::RuleSet& rule_set, std::size_t index) {
  auto known = [](const std::vector<mm::Condition>& conditions) {
    return std::none_of(conditions.begin(), conditions.end(),
                        [](const mm::Condition& c) { return mm::rule_attribute_key(c).empty(); });
  };
  for (std::size_t k = 0; k <= index && k < rule_set.rules.size(); ++k) {
    const mm::Rule& rule = rule_set.rules[k];
    const bool actions_known = rule.actions_node != nullptr && rule.actions_node->is_array() &&
                               std::none_of(rule.actions.begin(), rule.actions.end(), [](const mm::Action& a) { return a.type.empty(); });
    if (!condition_lists_known(rule) || !actions_known) return false;
    if ((k == index || mm::drops(rule)) && !(known(rule.conditions) && known(rule.unless))) return false;
  }
  return true;
}

const std::vector<std::string>& unauthenticated_verdicts() {
  static const std::vector<std::string> verdicts = {"FAIL", "GRAY", "PROCESSING_FAILED"};
  return verdicts;
}

std::optional<mm::Message> unauthenticated_message(const mm::RuleSet& rule_set, std::size_t index,
                                                   std::optional<std::size_t> unless) {
  if (!known_up_to(rule_set, index)) return std::nullopt;
  mm::RuleQuery query;
  query.rule = index;
  query.skipped_by = unless;
  query.spf = query.dkim = unauthenticated_verdicts();
  mm::MessageSearch found = mm::find_message(rule_set, query);
  if (!found.complete) return std::nullopt;
  return std::move(found.witness);
}

const JsonValue& rule_anchor(const mm::Rule& rule) { return rule.name.present() ? *rule.name.node : *rule.node; }

}  // namespace seslint::rules
