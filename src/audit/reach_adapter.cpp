#include "audit/reach_adapter.hpp"

#include <algorithm>

#include "seslint/ip.hpp"
#include "seslint/text_match.hpp"

namespace seslint::audit {
namespace {

bool boundary_allows(const SendScope& scope, const eval::Request& request) {
  if (scope.boundary == nullptr) return true;
  eval::PolicySet bounded;
  bounded.identity.push_back(scope.boundary);
  if (eval::evaluate(bounded, request).decision == eval::Decision::Allowed) return true;
  if (!scope.boundary_bypass_for_resource_grant || scope.policies.resource == nullptr) return false;
  eval::PolicySet resource_only;
  resource_only.resource = scope.policies.resource;
  return eval::evaluate(resource_only, request).decision == eval::Decision::Allowed;
}

// The engine varies only the keys of the policies in the PolicySet: the boundary's constants are
// handed over as extra values (an instance of each pattern, an address inside each range).
void add_boundary_constants(const Policy& boundary, std::map<std::string, std::vector<std::string>>& extra) {
  for (const auto& statement : boundary.statements)
    for (const auto& clause : statement.clauses) {
      auto& values = extra[clause.key_member->key];
      for (const auto& value : clause.values) {
        if (const auto network = parse_ip_network(value.text)) {
          IpNetwork address = network->network();
          address.prefix = address.bits();
          address.explicit_prefix = false;
          values.push_back(address.to_string());
          continue;
        }
        std::string instance;
        for (char c : value.text)
          if (c != '*') instance += c == '?' ? 'x' : c;
        values.push_back(instance);
      }
    }
}

}  // namespace

bool allowed(const SendScope& scope, const eval::Request& request) {
  return eval::evaluate(scope.policies, request).decision == eval::Decision::Allowed && boundary_allows(scope, request);
}

ReachAnswer reach(const SendScope& scope, const std::string& action, const std::string& resource,
                  std::map<std::string, std::vector<std::string>> extra_values,
                  const std::function<bool(const eval::Request&)>& predicate, std::size_t max_requests) {
  eval::ReachQuery query;
  query.action = action;
  query.resource = resource;
  query.principal = scope.principal;
  query.account_id = scope.account_id;
  if (scope.boundary != nullptr) add_boundary_constants(*scope.boundary, extra_values);
  query.extra_values = std::move(extra_values);
  query.predicate = [&](const eval::Request& request) {
    return (!predicate || predicate(request)) && boundary_allows(scope, request);
  };
  eval::ReachOptions options;
  options.max_requests = max_requests;
  auto result = eval::find_allowed_request(scope.policies, query, options);
  return {std::move(result.witness), result.exhaustive};
}

}  // namespace seslint::audit
