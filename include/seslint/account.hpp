#pragma once
// The account model for `seslint audit`: who holds which policies (users, groups, roles, managed
// policies, permissions boundaries) and which SES identities exist with which sending-authorization
// policies. Built from everything the linter reads; several files make one model.
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/inputs.hpp"
#include "seslint/json.hpp"
#include "seslint/policy.hpp"

namespace seslint::audit {

enum class PrincipalKind { User, Role, Account, Service, Federated, Unknown };
std::string_view to_string(PrincipalKind kind);

// One policy document of the model, with a name for `via`.
struct ModelPolicy {
  std::string label;  // "managed policy MarketingSend", "inline policy SendMail", "identity x policy P"
  std::string path;   // the file it came from
  Policy policy;
};

// A policy as one principal holds it: directly or through a group.
struct HeldPolicy {
  const ModelPolicy* policy = nullptr;
  std::string via;  // "group/mailers managed policy MarketingSend"
};

struct ModelPrincipal {
  std::string arn;   // IAM ARN, account ID, service principal, "*" or a name for a policy holder
  std::string name;  // "user/alice", "role/ci", "222233334444"
  PrincipalKind kind = PrincipalKind::Unknown;
  std::vector<HeldPolicy> policies;         // identity policies, inline and managed, own and groups'
  const ModelPolicy* boundary = nullptr;    // permissions boundary
  std::vector<std::string> undetermined;    // why its permissions cannot be known from the input
  bool delegate = false;                    // known only from an SES identity policy's Principal
};

struct SesIdentityModel {
  std::string name;  // "acme-corp.io" or "ops@acme-corp.io"
  std::string arn;
  bool arn_assumed = false;  // no input named its ARN: region us-east-1 and the account's ID assumed
  std::vector<const ModelPolicy*> policies;  // sending-authorization policies attached to it
  const JsonValue* record = nullptr;         // sesv2 get-email-identity, when given
};

struct AccountModel {
  std::string account_id;  // from the principals' ARNs; empty when none
  std::vector<ModelPrincipal> principals;
  std::vector<SesIdentityModel> identities;
  std::vector<std::string> errors;  // files that could not be read or parsed ("path: reason")
  std::vector<std::string> notes;   // inputs read but not used ("path: not a policy or container")

  std::vector<std::pair<std::string, std::string_view>> inputs;  // path, text: each file read

  // Storage the policies point into.
  std::deque<std::string> sources;
  std::deque<ParseResult> trees;
  std::deque<Extraction> extractions;
  std::deque<ModelPolicy> policies;
};

// Reads the files (authorization-details exports, SES identity policy outputs, email identity
// records, CloudFormation, Terraform plans, plain policies) into one model.
AccountModel load_account(const std::vector<std::string>& paths);
// The same from texts already in memory: (path, text) pairs.
AccountModel load_account_sources(std::vector<std::pair<std::string, std::string>> files);

}  // namespace seslint::audit
