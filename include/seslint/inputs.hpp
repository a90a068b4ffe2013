#pragma once
// Containers: the files policies arrive in. A plain policy file, AWS CLI exports
// (iam get-account-authorization-details and friends, ses/sesv2 identity policies), CloudFormation
// templates (JSON or YAML) and Terraform plans. Each input is recognised by its shape, and every
// policy in it becomes a PolicySite: a JSON value with file positions, a logical name and what the
// container says about it.
#include <deque>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/document.hpp"
#include "seslint/json.hpp"

namespace seslint {

enum class InputType { Auto, Policy, AwsCli, CloudFormation, Terraform };
std::optional<InputType> parse_input_type(std::string_view text);  // "auto", "policy", "aws-cli", ...
std::string_view to_string(InputType type);

// The text a tree was parsed from, so that a policy held as a JSON string can be mapped back to
// file positions. `base` is the file offset of text[0] (non-zero for streamed slices).
struct SourceWindow {
  std::string_view text;
  std::size_t base = 0;
  bool yaml = false;  // YAML scalars have no JSON escapes to follow: positions map to the scalar's start
};

struct PolicySite {
  const JsonValue* root = nullptr;      // the policy, in the input's tree or in Extraction storage
  const ParseResult* parse = nullptr;   // set when the policy was a JSON string: its own errors and duplicates
  std::string_view source;              // the decoded string, for policies that were strings
  PolicyOrigin origin;
};

// An SES email identity record (sesv2 get-email-identity) for the identity hygiene rules.
struct IdentitySite {
  const JsonValue* record = nullptr;
  std::string name;  // logical name
};

// A managed policy attached by ARN: CloudFormation ManagedPolicyArns, Terraform policy attachments,
// account exports' AttachedManagedPolicies. `arn` is the string naming it.
struct AttachmentSite {
  const JsonValue* arn = nullptr;
  std::string principal;  // logical name of the user, group or role it is attached to
};

// What an authorization-details export is called in results (whole or streamed).
inline constexpr std::string_view kAuthorizationDetails = "iam get-account-authorization-details";

struct Extraction {
  bool recognised = false;       // false: neither a policy nor a known container
  InputType type = InputType::Policy;
  std::string container;         // what it was recognised as, e.g. "iam get-account-authorization-details"
  std::vector<PolicySite> policies;
  std::vector<IdentitySite> identities;
  std::vector<AttachmentSite> attachments;
  std::deque<ParseResult> embedded;  // storage: policies parsed from JSON strings
  std::deque<JsonValue> rewritten;   // storage: CloudFormation policies with intrinsics resolved
};

struct ExtractOptions {
  InputType type = InputType::Auto;
  bool include_aws_managed = false;  // authorization details: lint AWS-managed policies too
  ParseOptions parse;
};

// A template resource's Metadata {seslint: {ignore: [...]}} (also for resources that are not policies).
std::vector<InlineIgnore> cloudformation_metadata_ignores(const JsonValue& resource);

// Finds the policies in a parsed input.
Extraction extract_policies(const JsonValue& root, const SourceWindow& source, const ExtractOptions& options);

// iam get-account-authorization-details, streamed: the four big arrays element by element, so that
// memory holds one element however large the export is.
struct StreamedEntry {
  std::string_view list_key;     // "UserDetailList", "GroupDetailList", "RoleDetailList" or "Policies"
  const ParseResult& parsed;     // the element, parsed on its own with file positions and pointers
  SourceWindow window;           // its text and file offset
  std::optional<std::string_view> line_prefix;  // the text before it on its first line (for excerpts); nullopt when very long
};
// One element cut out of an export, not yet parsed, owning its text (so that parsing and linting
// can run on another thread than the reading).
struct StreamedElement {
  std::string_view list_key;  // one of the four list names (static storage)
  std::size_t index = 0;      // in its list
  Position start;             // of its first byte in the file
  std::string text;
  std::optional<std::string> line_prefix;  // see StreamedEntry
  StreamedEntry entry(const ParseResult& parsed) const;  // views into this element and `parsed`
};
// Whether a file's first bytes open an authorization-details export ({"UserDetailList": [ ...).
bool starts_like_authorization_details(std::string_view head);
// Calls on_entry for each element; returns a syntax error in the export's own structure, if any
// (an element's errors are in its ParseResult).
std::optional<ParseError> stream_authorization_details(std::istream& in, const ParseOptions& options,
                                                       const std::function<void(const StreamedEntry&)>& on_entry);
// The same, element by element, unparsed (parse each with parse_streamed_element).
std::optional<ParseError> stream_authorization_elements(std::istream& in,
                                                        const std::function<void(StreamedElement)>& on_element);
ParseResult parse_streamed_element(const StreamedElement& element, const ParseOptions& options);
// The policies of one streamed element.
Extraction extract_authorization_entry(const StreamedEntry& entry, const ExtractOptions& options);

// Parses a policy held as a JSON string value; positions and pointers refer to the outer file
// (escape-aware: "\u00e9" is six characters of the file, one of the policy).
ParseResult parse_embedded_json(const JsonValue& string_value, const SourceWindow& source, const ParseOptions& options);

// Parses YAML into the same position-aware tree (first document only). CloudFormation short
// tags become their long form: "!Sub x" reads as {"Fn::Sub": "x"}, "!Ref x" as {"Ref": "x"}.
ParseResult parse_yaml(std::string_view source, const ParseOptions& options = {});

}  // namespace seslint
