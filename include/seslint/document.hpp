#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "seslint/json.hpp"
#include "seslint/policy.hpp"

namespace seslint {

// A rule the container says not to report on this policy (CloudFormation Metadata: seslint: ignore).
struct InlineIgnore {
  std::string rule;    // as written: an ID or a rule name
  std::string reason;  // empty when none was given
  Position where{};    // of the entry, for a note when it names no rule
};

// What the container a policy sits in says about it.
struct PolicyOrigin {
  std::string name;                  // logical name, e.g. "role/ci-deployer inline policy SendMail"; empty for a plain file
  std::optional<PolicyKind> kind;    // known from where the policy sits (trust policy, SES identity policy, ...)
  std::string ses_identity;          // the SES identity the policy is attached to (name or ARN), when known
  std::optional<std::size_t> size_limit;  // characters AWS accepts for this policy (IAM011); nullopt: by kind
  std::string size_limit_what;            // "a role's inline policies", for the message
  bool aws_managed = false;               // AWS-managed policies: no customer quota applies
  std::vector<InlineIgnore> ignores;      // suppressed rules
  std::optional<Holder> holder;           // who holds an identity policy, when the container says (user, role)
  std::string account;                    // the account of the role a trust policy guards, when the container says
};

// One policy document on its way through the pipeline: bytes -> JSON tree -> policy AST.
struct Document {
  std::string path;
  std::string_view source;             // the text `root` was parsed from on its own; empty when it is part of a container
  const ParseResult* parse = nullptr;  // parse errors and duplicate keys to report with this document
  const JsonValue* root = nullptr;     // the policy's JSON value (nullptr when nothing parsed)
  std::optional<Policy> policy;        // set when root is an object
  PolicyOrigin origin;
  const JsonValue* email_identity = nullptr;  // an SES email identity record (sesv2 get-email-identity)
  const JsonValue* managed_policy_arn = nullptr;  // a managed policy attached by ARN (the ARN string)
};

}  // namespace seslint
