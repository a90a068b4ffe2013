#pragma once
// The policy AST. Every node points back into the JSON tree it came from, so it has that value's
// span and JSON pointer. The AST is tolerant: elements of the wrong JSON type are left out here
// and reported by the structure rules, which look at the JSON nodes themselves.
#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/condition_operators.hpp"
#include "seslint/json.hpp"

namespace seslint {

namespace eval {
class ReachSession;
}

enum class PolicyKind { Identity, Resource, SesIdentity, Trust };
std::string_view to_string(PolicyKind kind);
std::optional<PolicyKind> parse_policy_kind(std::string_view text);  // "identity", "resource", "ses-identity", "trust"

// Who holds a policy. Advice meant for long-lived access keys (SMTP credentials are derived from an
// IAM user's key) is not given to a role or an AWS service (docs/architecture.md, "Principal context").
enum class PrincipalKind {
  Unknown,
  User,         // an IAM user or a group's users: long-lived access keys, SMTP credentials possible
  Role,         // a role assumed by accounts, users or federated identities: temporary credentials
  ServiceRole,  // a role only AWS services assume (Lambda, Step Functions, ...)
  Service,      // an AWS service principal named in a resource or SES identity policy
};
std::string_view to_string(PrincipalKind kind);  // "unknown", "user", "role", "service-role", "service"
std::optional<PrincipalKind> parse_principal_kind(std::string_view text);

struct Holder {
  PrincipalKind kind = PrincipalKind::Unknown;
  bool smtp_shaped = false;          // not declared: read from the policy's shape (only ses:SendRawEmail)
  std::vector<std::string> trusted;  // a role: the principals its trust policy names
};

enum class Effect { Allow, Deny, Invalid };

// A string value with its JSON node (span, pointer).
struct StringNode {
  std::string_view text;
  const JsonValue* node = nullptr;
};

// Action/NotAction or Resource/NotResource: a string or an array of strings.
struct ValueList {
  const JsonMember* member = nullptr;
  bool negated = false;  // NotAction / NotResource
  std::vector<StringNode> values;
};

struct PrincipalEntry {
  const JsonMember* member = nullptr;  // "AWS", "Service", "Federated", "CanonicalUser", ...
  std::vector<StringNode> values;
};

struct Principal {
  const JsonMember* member = nullptr;
  bool negated = false;   // NotPrincipal
  bool wildcard = false;  // "Principal": "*"
  std::vector<PrincipalEntry> entries;
};

struct ConditionOperator {
  const JsonMember* member = nullptr;  // key = the operator text, value = the key block
  ParsedOperator parsed;
};

struct ConditionValue {
  std::string text;  // strings as decoded; numbers as written; booleans "true"/"false"
  const JsonValue* node = nullptr;
};

// One key under one operator: "StringLike": {"ses:FromAddress": ["a@x", "b@x"]}.
struct ConditionClause {
  std::size_t operator_index = 0;      // into Statement::operators
  const JsonMember* key_member = nullptr;
  std::vector<ConditionValue> values;  // scalars only; nested containers are left to IAM004
};

enum class StatementElement {
  Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition, Count
};
std::string_view to_string(StatementElement element);

struct Statement {
  std::size_t index = 0;  // position in the Statement array (0 when Statement is one object)
  const JsonValue* node = nullptr;
  // Each known element as it appears (the last one, if repeated), or nullptr.
  std::array<const JsonMember*, static_cast<std::size_t>(StatementElement::Count)> elements{};
  std::optional<StringNode> sid;
  Effect effect = Effect::Invalid;
  std::optional<Principal> principal;  // from Principal, else NotPrincipal
  std::optional<ValueList> action;     // from Action, else NotAction
  std::optional<ValueList> resource;   // from Resource, else NotResource
  std::vector<ConditionOperator> operators;
  std::vector<ConditionClause> clauses;

  const JsonMember* element(StatementElement which) const { return elements[static_cast<std::size_t>(which)]; }
  const ConditionOperator& operator_of(const ConditionClause& clause) const { return operators[clause.operator_index]; }
  // A short name for messages: "statement 'SendMail'", else "statement 2" (counted from 1).
  std::string label() const;
};

struct Policy {
  const JsonValue* root = nullptr;
  const JsonMember* version = nullptr;
  const JsonMember* id = nullptr;
  const JsonMember* statement_member = nullptr;
  std::vector<Statement> statements;
  PolicyKind kind = PolicyKind::Identity;
  bool kind_declared = false;  // set by --policy-type or by the container it came from
  std::string attached_identity;  // SES identity policies: the identity it is attached to, when the container says
  Holder holder;                  // who holds it (set by the linter: container, declaration or shape)
  // The reachability work the rules share on this policy (seslint/reach.hpp), made on first use.
  mutable std::shared_ptr<eval::ReachSession> reach_cache;

  // The Version text when it is a string, else empty.
  std::string_view version_text() const;
};

// Builds the AST from a parsed JSON root. `declared` forces the kind; otherwise it is inferred.
Policy build_policy(const JsonValue& root, std::optional<PolicyKind> declared);
// The inferred kind: resource if any statement has Principal/NotPrincipal, ses-identity if such a
// policy's actions are all ses: actions or its Resource names SES identities, trust if every
// statement has Principal/NotPrincipal and only actions a role trust policy takes (is_trust_action),
// identity otherwise.
PolicyKind infer_policy_kind(const Policy& policy);

// The holder a policy's own text shows: for a trust policy, the role it guards (role_holder); for a
// resource or SES identity policy, the principals its
// Allow statements name (all AWS services: Service; an IAM user ARN: User); for an identity policy,
// User when it is SMTP-shaped (its only sending grant is ses:SendRawEmail, beside at most read-only
// ses:Get*/List* actions), else Unknown.
Holder infer_holder(const Policy& policy);
// An action only a role trust policy grants: sts:AssumeRole* (the WithSAML/WithWebIdentity forms and
// patterns starting so), sts:TagSession, sts:SetSourceIdentity, sts:SetContext.
bool is_trust_action(std::string_view action);

// A role's holder from its trust policy (a JSON object, or nullptr when unknown): ServiceRole when
// every principal its Allow statements trust is an AWS service, else Role.
Holder role_holder(const JsonValue* trust_policy);

}  // namespace seslint
