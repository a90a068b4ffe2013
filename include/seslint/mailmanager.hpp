#pragma once
// SES Mail Manager: traffic policies, rule sets, ingress points and the resources they reference,
// read from AWS CLI output (mailmanager get-*), CloudFormation (AWS::SES::MailManager*) and Terraform
// plans (aws_mailmanager_*, awscc_ses_mail_manager_*) into one model. Every node keeps its JSON value, so findings carry the source span and JSON pointer.
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/json.hpp"

namespace seslint::mm {

enum class Kind { TrafficPolicy, RuleSet, IngressPoint, Relay, Archive, AddonInstance, AddonSubscription };
std::string_view cloudformation_type(Kind kind);  // "AWS::SES::MailManagerTrafficPolicy"
std::string_view cli_command(Kind kind);          // "mailmanager get-traffic-policy"
std::optional<Kind> kind_of_cloudformation_type(std::string_view type);

// A scalar as written: known text, or a template value (intrinsic) known only at deploy time.
struct Text {
  const JsonValue* node = nullptr;  // nullptr: absent
  std::string value;                // strings as decoded, numbers as written, booleans as true/false
  bool known = false;               // false for intrinsics and non-scalars
  bool present() const { return node != nullptr; }
  bool is(std::string_view text) const { return known && value == text; }
};

// One member of a condition union: {"IpExpression": {"Evaluate": ..., "Operator": ..., "Values": [...]}}.
struct Condition {
  const JsonValue* node = nullptr;  // the union object
  std::string type;                 // the member name; "" when the union has no single member
  const JsonValue* body = nullptr;  // the member's value
  // What the expression evaluates: an Attribute, an add-on Analysis, an address list, a MIME
  // header, a client-certificate field; `subject` names which ("Attribute", "Analysis", ...).
  std::string subject;
  Text attribute;     // Attribute / MimeHeaderAttribute / ClientCertificateAttribute
  Text analyzer;      // Analysis.Analyzer
  Text result_field;  // Analysis.ResultField
  std::vector<Text> address_lists;
  Text op;
  const JsonValue* values_node = nullptr;  // Values (list) or Value (singular)
  std::vector<Text> values;
  bool unknown() const;  // some part is a template value
};

struct Statement {
  const JsonValue* node = nullptr;
  std::size_t index = 0;
  Text action;  // ALLOW | DENY
  const JsonValue* conditions_node = nullptr;
  std::vector<Condition> conditions;
};

struct TrafficPolicy {
  Text default_action;
  Text max_message_size;
  const JsonValue* statements_node = nullptr;
  std::vector<Statement> statements;
};

struct Action {
  const JsonValue* node = nullptr;  // the union object
  std::string type;                 // Drop, Relay, Archive, Send, ... ("" when not exactly one member)
  const JsonValue* body = nullptr;
  Text field(std::string_view key) const;
  // A field naming another resource (Relay, TargetArchive): a template's Ref, Fn::GetAtt of its ID
  // or ARN, or Fn::Sub "${Id}" reads as that logical ID; any other intrinsic is unknown.
  Text reference(std::string_view key) const;
};

struct Rule {
  const JsonValue* node = nullptr;
  std::size_t index = 0;
  Text name;
  const JsonValue* conditions_node = nullptr;
  const JsonValue* unless_node = nullptr;
  const JsonValue* actions_node = nullptr;
  std::vector<Condition> conditions;
  std::vector<Condition> unless;
  std::vector<Action> actions;
  std::string label() const;  // "rule 'archive-authenticated'" or "rule 3" (1-based)
};

struct RuleSet {
  const JsonValue* rules_node = nullptr;
  std::vector<Rule> rules;
};

struct IngressPoint {
  Text type;        // OPEN | AUTH | MTLS
  Text tls_policy;  // REQUIRED | OPTIONAL | FIPS; absent: the region's default
  const JsonValue* network = nullptr;
  Text ip_type;                 // IPV4 | DUAL_STACK for a public network
  bool private_network = false;  // PrivateNetworkConfiguration
  Text rule_set;                // a reference: ID, ARN or CloudFormation logical ID
  Text traffic_policy;
  const JsonValue* auth_config = nullptr;  // IngressPointConfiguration or IngressPointAuthConfiguration
  Text smtp_password;
  Text secret_arn;
  const JsonValue* trust_store = nullptr;
  bool public_open() const { return type.is("OPEN") && !private_network; }
};

struct Relay {
  Text server_name;
  Text server_port;
  const JsonValue* authentication = nullptr;
  bool no_authentication = false;
};

struct Archive {
  Text kms_key;
  Text retention;
};

struct Resource {
  Kind kind = Kind::TrafficPolicy;
  const JsonValue* node = nullptr;  // the CLI output's root or the template's Properties
  std::string name;                 // for findings: "AWS::SES::MailManagerRuleSet Inbound", "mailmanager get-rule-set rs-1"
  std::vector<std::string> keys;    // what references to it may say: ID, ARN, name, logical ID
  bool from_template = false;       // CloudFormation: values may be intrinsics
  std::string_view written_in = "input";  // for messages: "input", "template", "plan" or "state"
  const JsonValue* template_parameters = nullptr;  // the template's Parameters (NoEcho checks)
  const JsonValue* template_entry = nullptr;       // the template's resource entry (its Metadata ignores)
  TrafficPolicy traffic_policy;
  RuleSet rule_set;
  IngressPoint ingress;
  Relay relay;
  Archive archive;
  // The resource's name with the rule or statement `pointer` lies in ("... rule 'x'").
  std::string location(std::string_view pointer) const;
};

class RunResources;  // seslint/mailmanager_run.hpp

// The Mail Manager resources of one file; references between them resolve here first, then (by ID,
// ARN or name, never by a template's logical ID) in the other files of the run.
struct Configuration {
  std::deque<Resource> resources;
  std::deque<JsonValue> storage;  // trees a reader built (a Terraform resource in CloudFormation's shape)
  std::vector<const JsonValue*> sensitive;  // scalars the input marks sensitive (Terraform): masked in excerpts
  const RunResources* run = nullptr;  // the run's get-* outputs; nullptr for a file linted alone
  std::string path;                   // this file, which `run` may hold too: skipped there
  const Resource* resolve(Kind kind, const Text& reference) const;
  // The ingress points whose traffic policy or rule set is `target`.
  std::vector<const Resource*> ingresses_using(const Resource& target) const;
};

// Values that messages never quote. The input marks some (a Terraform plan's sensitive_values, in
// Configuration::sensitive); the API marks others, whatever the input says: the strings rule-set
// conditions compare (StringExpression Values), the SMTP password, and a trust store's CA and CRL
// content. This is the one place that decides; quote() is the one way a message shows a value.
bool is_sensitive(const JsonValue& value, const Configuration& config);
// `text` for a message: 'value' (a number as written), "(a sensitive value)", or "(a template
// value)" when not known.
std::string quote(const Text& text, const Configuration& config);
// The same, with the configuration of the resource being linted (SubjectScope); outside any scope
// only the API's marks apply, and nothing is known of them, so the value is shown.
std::string quote(const Text& text);
// Whether `text` is sensitive in the configuration of the resource being linted (SubjectScope): for
// messages that show something derived from a value (its network, a plus-tagged form).
bool sensitive(const Text& text);

// The resource being linted on this thread: the Linter opens a scope around the engine's run of a
// Mail Manager document (one resource), and the MM rules read it. Policy documents run outside any
// scope, so the MM rules stay silent on them; Mail Manager documents carry no policy, JSON root or
// parse result, so the policy rules find nothing in them.
struct Subject {
  const Resource* resource = nullptr;
  const Configuration* config = nullptr;
};
class SubjectScope {
 public:
  explicit SubjectScope(Subject subject);
  ~SubjectScope();
  SubjectScope(const SubjectScope&) = delete;
  SubjectScope& operator=(const SubjectScope&) = delete;
  static const Subject* current();  // nullptr outside a scope

 private:
  Subject subject_;
  const Subject* outer_;
};

// Readers: each returns false when `root` holds no Mail Manager resource of its kind.
// AWS CLI / boto3 output of one get-* call.
bool read_cli_output(const JsonValue& root, Configuration& out);
// The AWS::SES::MailManager* resources of a CloudFormation template (root: the template).
bool read_cloudformation(const JsonValue& root, Configuration& out);
// The aws_mailmanager_* and awscc_ses_mail_manager_* resources of `terraform show -json` (a plan or a
// state), rewritten into CloudFormation's shape with their positions in the plan kept.
bool read_terraform(const JsonValue& root, Configuration& out);

// Builds the model of one resource from its JSON object (CLI output root or template Properties).
void build_resource(Resource& resource);

}  // namespace seslint::mm
