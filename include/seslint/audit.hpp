#pragma once
// Who can send as which SES identity, with which From addresses, from which networks: computed per
// identity and principal of an account model with the evaluator and the reachability engine.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "seslint/account.hpp"
#include "seslint/eval.hpp"

namespace seslint::audit {

// Values a condition key may take in allowed requests. `any`: an allowed request carries a value
// outside every value and pattern the policies name (or none at all where that is possible).
struct ValueScope {
  bool any = false;
  std::vector<std::string> values;    // exact values named by the policies that an allowed request can carry
  std::vector<std::string> patterns;  // wildcard patterns likewise
};

struct NetworkScope {
  bool any = false;  // an allowed request from a network outside every range, endpoint and VPC named
  std::vector<std::string> source_ip, source_vpce, source_vpc;
};

struct Sender {
  const ModelPrincipal* principal = nullptr;
  std::vector<std::string> via;      // the policies whose statements allowed the witnesses
  std::vector<std::string> actions;  // send actions it is allowed, sorted
  ValueScope from;
  NetworkScope network;
  ValueScope recipients;
  eval::Request witness;             // an allowed request (evaluated)
};

struct Undetermined {
  const ModelPrincipal* principal = nullptr;
  std::string reason;
};

struct IdentityAudit {
  const SesIdentityModel* identity = nullptr;
  std::vector<Sender> senders;
  std::vector<Undetermined> undetermined;
};

struct AuditOptions {
  std::size_t max_requests = 20'000;  // per reachability query; past it the answer is undetermined
};

struct AuditReport {
  std::vector<IdentityAudit> identities;
};

AuditReport audit_account(const AccountModel& model, const AuditOptions& options = {});

// The send actions audited (SES v1 and v2 API names; SMTP is ses:SendRawEmail).
const std::vector<std::string>& send_actions();

// Formatters: docs/audit.md describes each.
void write_audit_text(std::ostream& out, const AccountModel& model, const AuditReport& report);
void write_audit_markdown(std::ostream& out, const AccountModel& model, const AuditReport& report);
void write_audit_json(std::ostream& out, const AccountModel& model, const AuditReport& report);

// Whether any sender may use a From address (resp. a network) outside what the policies name.
bool any_unrestricted_from(const AuditReport& report);
bool any_unrestricted_network(const AuditReport& report);

}  // namespace seslint::audit
