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
