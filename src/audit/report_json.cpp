// `seslint audit --format json`: the shape documented in docs/audit.md, version 1.
#include <nlohmann/json.hpp>

#include "seslint/audit.hpp"

namespace seslint::audit {
namespace {

using nlohmann::ordered_json;

ordered_json value_scope(const ValueScope& scope) {
  return {{"any", scope.any}, {"values", scope.values}, {"patterns", scope.patterns}};
}

ordered_json witness(const eval::Request& request) {
  ordered_json context = ordered_json::object();
  for (const auto& [key, values] : request.context.entries()) context[key] = values;
  return {{"action", request.action}, {"resource", request.resource}, {"principal", request.principal},
          {"context", context}};
}

ordered_json sender(const Sender& s) {
  return {{"principal", s.principal->arn},
          {"kind", to_string(s.principal->kind)},
          {"via", s.via},
          {"actions", s.actions},
          {"from", value_scope(s.from)},
          {"network",
           {{"any", s.network.any},
            {"sourceIp", s.network.source_ip},
            {"sourceVpce", s.network.source_vpce},
            {"sourceVpc", s.network.source_vpc}}},
          {"recipients", value_scope(s.recipients)},
          {"witness", witness(s.witness)}};
}

}  // namespace

void write_audit_json(std::ostream& out, const AccountModel& model, const AuditReport& report) {
  ordered_json identities = ordered_json::array();
  for (const auto& audit : report.identities) {
    ordered_json senders = ordered_json::array(), undetermined = ordered_json::array();
    for (const auto& s : audit.senders) senders.push_back(sender(s));
    for (const auto& u : audit.undetermined)
      undetermined.push_back({{"principal", u.principal->arn}, {"kind", to_string(u.principal->kind)}, {"reason", u.reason}});
    identities.push_back({{"identity", audit.identity->name},
                          {"arn", audit.identity->arn},
                          {"arnAssumed", audit.identity->arn_assumed},
                          {"senders", senders},
                          {"undetermined", undetermined}});
  }
  ordered_json root = {{"version", 1}, {"account", model.account_id}, {"identities", identities},
                       {"errors", model.errors}};
  out << root.dump(2) << '\n';
}

}  // namespace seslint::audit
