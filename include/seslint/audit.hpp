#pragma once
// Who can send as which SES identity, with which From addresses, from which networks: computed per
// identity and principal of an account model with the evaluator and the reachability engine.
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "seslint/account.hpp"
#include "seslint/eval.hpp"
#include "seslint/finding.hpp"

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
  std::vector<const ModelPolicy*> granting;  // the same policies, unordered
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

// The lint findings (seslint lint, AWS managed policies included) inside each policy that grants a
// sender of the report: for the HTML report.
using PolicyFindings = std::map<const ModelPolicy*, std::vector<Finding>>;
PolicyFindings lint_granting_policies(const AccountModel& model, const AuditReport& report);

// A self-contained HTML page: a sortable, filterable table per identity, its DKIM and MAIL FROM
// status (from the email identity record, when given) and the findings of the granting policies.
void write_audit_html(std::ostream& out, const AccountModel& model, const AuditReport& report,
                      const PolicyFindings& findings);
// `compact`: one line without indentation (the HTML report embeds it).
void write_audit_json_compact(std::ostream& out, const AccountModel& model, const AuditReport& report);

// `seslint simulate` on an account: the principal of that ARN (an account also as its root ARN).
const ModelPrincipal* find_principal(const AccountModel& model, std::string_view arn);

struct SimulatedStatement {
  const ModelPolicy* policy = nullptr;
  const Statement* statement = nullptr;
};

struct AccountSimulation {
  eval::Decision decision = eval::Decision::ImplicitlyDenied;
  std::vector<SimulatedStatement> deciding;  // the Denies that applied, else the Allows that did
  std::string note;                          // why a permissions boundary changed the decision
};

// Evaluates `request` (its principal is replaced by the principal's) with the principal's policies,
// its permissions boundary and the SES identity policies of the identity whose ARN is the resource.
AccountSimulation simulate_in_account(const AccountModel& model, const ModelPrincipal& principal, eval::Request request);

// Whether any sender may use a From address (resp. a network) outside what the policies name.
bool any_unrestricted_from(const AuditReport& report);
bool any_unrestricted_network(const AuditReport& report);

}  // namespace seslint::audit
