#pragma once
// The IAM policy evaluator: identity policies, an optional resource policy (SES sending
// authorization, same- and cross-account) and a request in, a decision and the statements that
// decided it out. Semantics: docs/evaluator.md (facts §2; the oracle notes where AWS is silent).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/glob.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/policy.hpp"

namespace seslint::eval {

enum class Decision { Allowed, ImplicitlyDenied, ExplicitlyDenied };
std::string_view to_string(Decision decision);

// Request context: keys are case-insensitive; a key holds one value or, for multivalued keys
// (ses:Recipients, aws:TagKeys, ...), a set that may be empty.
class Context {
 public:
  void set(std::string_view key, std::vector<std::string> values);
  void erase(std::string_view key);
  const std::vector<std::string>* find(std::string_view key) const;
  const std::map<std::string, std::vector<std::string>>& entries() const { return values_; }  // lower-case keys

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

// Whether a context key is multivalued (ArrayOf...). Until the AWS catalog lands this is the list
// of documented multivalued global and SES keys.
bool is_multivalued_key(std::string_view key);

struct Request {
  std::string action;      // "ses:SendRawEmail" (any case)
  std::string resource;    // an ARN
  std::string principal;   // IAM ARN or service principal; default: user "oracle" in account_id
  std::string account_id;  // the resource owner; default: the resource ARN's account
  Context context;
};

// Fills the defaults the batch format uses and drops context keys the action never carries: SES
// keys per the SES table (facts §4), other services' keys per the AWS catalog (when it knows the
// action). Global keys are always kept.
void normalize(Request& request, const aws::Catalog& catalog = aws::Catalog::builtin());

struct DecidingStatement {
  const Policy* policy = nullptr;
  const Statement* statement = nullptr;
  bool resource_policy = false;
};

struct Result {
  Decision decision = Decision::ImplicitlyDenied;
  std::vector<DecidingStatement> deciding;  // the Denies that applied, else the Allows that did
};

struct PolicySet {
  std::vector<const Policy*> identity;
  const Policy* resource = nullptr;  // e.g. the SES identity policy on the identity in the request
  // Linting a resource policy on its own: the caller's identity policies are taken to allow what a
  // cross-account request needs, and nothing more, so the resource policy alone decides.
  bool assume_cross_account_identity_allow = false;
};

Result evaluate(const PolicySet& policies, const Request& request);


// Building blocks, exposed for the reachability API and for tests.
bool action_matches(std::string_view pattern, std::string_view action);
bool resource_matches(const Policy& policy, std::string_view pattern, const Request& request);
bool condition_holds(const Policy& policy, const Statement& statement, const Request& request);
bool clause_holds(const Policy& policy, const Statement& statement, const ConditionClause& clause, const Request& request);
// clause_holds given the request's values for the clause's key (nullptr: absent) and whether one
// request value matches any of the clause's values: for callers that index the values.
bool clause_holds_given(const Statement& statement, const ConditionClause& clause,
                        const std::vector<std::string>* values, const std::function<bool(std::string_view)>& any_match);
bool resource_applies(const Policy& policy, const Statement& statement, const Request& request, bool resource_policy);

// How a statement takes part in the decision on a request when its Resource and Condition apply:
// a Deny, an identity-policy Allow, or a resource-policy Allow naming the caller or its account.
enum class StatementRole { None, Deny, IdentityAllow, ResourceAllowSpecific, ResourceAllowAccount };
StatementRole statement_role(const Statement& statement, const Request& request, bool resource_policy);
struct ApplicableRoles {
  bool deny = false, identity_allow = false, resource_specific = false, resource_account = false;
};
// The decision when statements of these roles apply (the last step of evaluate).
Decision combine(const PolicySet& policies, const Request& request, const ApplicableRoles& roles);
// ARN matching for Resource and Arn* operators: segment by segment, wildcards not crossing ':'.
bool arn_glob_match(const GlobPattern& pattern, std::string_view arn);

}  // namespace seslint::eval
