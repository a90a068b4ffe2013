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

ordered_json identity_json(const IdentityAudit& audit) {
  ordered_json senders = ordered_json::array(), undetermined = ordered_json::array();
  for (const auto& s : audit.senders) senders.push_back(sender(s));
  for (const auto& u : audit.undetermined)
    undetermined.push_back({{"principal", u.principal->arn}, {"kind", to_string(u.principal->kind)}, {"reason", u.reason}});
  return {{"identity", audit.identity->name},
          {"arn", audit.identity->arn},
          {"arnAssumed", audit.identity->arn_assumed},
          {"senders", senders},
          {"undetermined", undetermined}};
}

}  // namespace

// One identity's tree at a time (an account's report can hold tens of thousands of senders), laid
// out exactly as dump(2) of the whole document would be.
void write_audit_json(std::ostream& out, const AccountModel& model, const AuditReport& report) {
  out << "{\n  \"version\": 1,\n  \"account\": " << ordered_json(model.account_id).dump() << ",\n  \"identities\": ";
  if (report.identities.empty()) out << "[]";
  for (std::size_t i = 0; i < report.identities.size(); ++i) {
    out << (i == 0 ? "[\n    " : ",\n    ");
    const std::string text = identity_json(report.identities[i]).dump(2);
    for (char c : text) {
      out << c;
      if (c == '\n') out << "    ";
    }
    if (i + 1 == report.identities.size()) out << "\n  ]";
  }
  out << ",\n  \"errors\": ";
  for (char c : ordered_json(model.errors).dump(2)) {
    out << c;
    if (c == '\n') out << "  ";
  }
  out << "\n}\n";
}

void write_audit_json_compact(std::ostream& out, const AccountModel& model, const AuditReport& report) {
  out << "{\"version\":1,\"account\":" << ordered_json(model.account_id).dump() << ",\"identities\":[";
  for (std::size_t i = 0; i < report.identities.size(); ++i)
    out << (i == 0 ? "" : ",") << identity_json(report.identities[i]).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  out << "],\"errors\":" << ordered_json(model.errors).dump(-1, ' ', false, ordered_json::error_handler_t::replace) << "}";
}

}  // namespace seslint::audit
