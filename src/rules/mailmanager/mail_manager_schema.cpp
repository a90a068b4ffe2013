// MM023 mail-manager-schema: the shapes the Mail Manager API and CloudFormation accept: each union
// (a condition, its Evaluate, an action, a network configuration) has exactly one member, keys are
// known, enum values are in range, and each vocabulary stays in its place (SENDER_IP in traffic
// policies, SOURCE_IP in rule sets). Template values (intrinsics) are not judged.
#include <algorithm>
#include <cctype>
#include <span>

#include <fmt/format.h>

#include "mailmanager/support.hpp"
#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

using Names = std::initializer_list<std::string_view>;

bool one_of(std::string_view value, Names names) { return std::find(names.begin(), names.end(), value) != names.end(); }

std::string listed(Names names) { return fmt::format("{}", fmt::join(names, ", ")); }

struct ExpressionShape {
  std::string_view type;
  Names keys;        // besides Evaluate
  Names attributes;  // Evaluate.Attribute values
  Names evaluates;   // other Evaluate members allowed
  Names operators;
  Names values;      // allowed values (empty: free text)
};

const ExpressionShape kTrafficExpressions[] = {
    {"StringExpression", {"Evaluate", "Operator", "Values"}, {"RECIPIENT"}, {"Analysis"},
     {"EQUALS", "NOT_EQUALS", "STARTS_WITH", "ENDS_WITH", "CONTAINS"}, {}},
    {"IpExpression", {"Evaluate", "Operator", "Values"}, {"SENDER_IP"}, {}, {"CIDR_MATCHES", "NOT_CIDR_MATCHES"}, {}},
    {"Ipv6Expression", {"Evaluate", "Operator", "Values"}, {"SENDER_IPV6"}, {}, {"CIDR_MATCHES", "NOT_CIDR_MATCHES"}, {}},
    {"TlsExpression", {"Evaluate", "Operator", "Value"}, {"TLS_PROTOCOL"}, {}, {"MINIMUM_TLS_VERSION", "IS"},
     {"TLS1_2", "TLS1_3"}},
    {"BooleanExpression", {"Evaluate", "Operator"}, {}, {"Analysis", "IsInAddressList"}, {"IS_TRUE", "IS_FALSE"}, {}},
};

const ExpressionShape kRuleExpressions[] = {
    {"BooleanExpression", {"Evaluate", "Operator"}, {"READ_RECEIPT_REQUESTED", "TLS", "TLS_WRAPPED"},
     {"Analysis", "IsInAddressList"}, {"IS_TRUE", "IS_FALSE"}, {}},
    {"StringExpression", {"Evaluate", "Operator", "Values"},
     {"MAIL_FROM", "HELO", "RECIPIENT", "SENDER", "FROM", "SUBJECT", "TO", "CC"},
     {"MimeHeaderAttribute", "Analysis", "ClientCertificateAttribute"},
     {"EQUALS", "NOT_EQUALS", "STARTS_WITH", "ENDS_WITH", "CONTAINS"}, {}},
    {"NumberExpression", {"Evaluate", "Operator", "Value"}, {"MESSAGE_SIZE"}, {},
     {"EQUALS", "NOT_EQUALS", "LESS_THAN", "GREATER_THAN", "LESS_THAN_OR_EQUAL", "GREATER_THAN_OR_EQUAL"}, {}},
    {"IpExpression", {"Evaluate", "Operator", "Values"}, {"SOURCE_IP"}, {}, {"CIDR_MATCHES", "NOT_CIDR_MATCHES"}, {}},
    {"VerdictExpression", {"Evaluate", "Operator", "Values"}, {"SPF", "DKIM"}, {"Analysis"}, {"EQUALS", "NOT_EQUALS"},
     {"PASS", "FAIL", "GRAY", "PROCESSING_FAILED"}},
    {"DmarcExpression", {"Operator", "Values"}, {}, {}, {"EQUALS", "NOT_EQUALS"}, {"NONE", "QUARANTINE", "REJECT"}},
};

struct ActionShape {
  std::string_view type;
  Names required;
  Names optional;
};

const ActionShape kActions[] = {
    {"Drop", {}, {}},
    {"Relay", {"Relay"}, {"ActionFailurePolicy", "MailFrom"}},
    {"Archive", {"TargetArchive"}, {"ActionFailurePolicy"}},
    {"WriteToS3", {"RoleArn", "S3Bucket"}, {"S3Prefix", "S3SseKmsKeyId", "ActionFailurePolicy"}},
    {"Send", {"RoleArn"}, {"ActionFailurePolicy"}},
    {"AddHeader", {"HeaderName", "HeaderValue"}, {}},
    {"ReplaceRecipient", {}, {"ReplaceWith"}},
    {"DeliverToMailbox", {"MailboxArn", "RoleArn"}, {"ActionFailurePolicy"}},
    {"DeliverToQBusiness", {"ApplicationId", "IndexId", "RoleArn"}, {"ActionFailurePolicy"}},
    {"PublishToSns", {"TopicArn", "RoleArn"}, {"Encoding", "PayloadType", "ActionFailurePolicy"}},
    {"Bounce", {"RoleArn", "Sender", "StatusCode", "SmtpReplyCode", "DiagnosticMessage"}, {"Message", "ActionFailurePolicy"}},
    {"InvokeLambda", {"FunctionArn", "InvocationType", "RoleArn"}, {"RetryTimeMinutes", "ActionFailurePolicy"}},
};

// RuleStringToEvaluate.ClientCertificateAttribute (Mail Manager API reference).
const Names kCertificateFields = {"CN", "SAN_RFC822_NAME", "SAN_DNS_NAME", "SAN_DIRECTORY_NAME",
                                      "SAN_UNIFORM_RESOURCE_IDENTIFIER", "SAN_IP_ADDRESS", "SAN_REGISTERED_ID",
                                      "SERIAL_NUMBER"};

struct EnumField {
  std::string_view key;
  Names values;
};
const EnumField kActionEnums[] = {
    {"ActionFailurePolicy", {"CONTINUE", "DROP"}},
    {"MailFrom", {"REPLACE", "PRESERVE"}},
    {"InvocationType", {"EVENT", "REQUEST_RESPONSE"}},
    {"Encoding", {"UTF-8", "BASE64"}},
    {"PayloadType", {"CONTENT", "HEADERS"}},
};

class Checker {
 public:
  explicit Checker(Reporter& out) : out_(out) {}

  // An enum-valued member: absent is fine unless required.
  void enumerated(const JsonValue* object, std::string_view key, Names values, bool required = false) {
    const JsonValue* value = mm::member(object, key);
    if (value == nullptr) {
      if (required && object != nullptr && object->is_object())
        out_.report_at(out_.default_level(), object->opening(), object->pointer, fmt::format("{} is missing", key));
      return;
    }
    if (mm::is_intrinsic(*value)) return;
    if (!value->is_string() || !one_of(value->text, values))
      out_.report(*value, fmt::format("{} must be one of {}", key, listed(values)));
  }

  void unknown_keys(const JsonValue& object, Names known, std::string_view where) {
    for (const auto& m : object.members)
      if (!one_of(m.key, known))
        out_.report_key(m, fmt::format("'{}' is not a key of {} (expected {})", m.key, where, listed(known)));
  }

  // Exactly one member, from `members`; returns it or nullptr.
  const JsonMember* union_member(const JsonValue* object, std::span<const std::string_view> members, std::string_view what) {
    if (object == nullptr || mm::is_intrinsic(*object)) return nullptr;
    if (!object->is_object() || object->members.size() != 1) {
      out_.report_at(out_.default_level(), object->opening(), object->pointer,
                     fmt::format("{} must have exactly one member, not {}", what,
                                 object->is_object() ? std::to_string(object->members.size()) : "a " + std::string(to_string(object->kind))));
      return nullptr;
    }
    const JsonMember& only = object->members.front();
    if (only.key == "SDK_UNKNOWN_MEMBER") {
      out_.report_key(only, fmt::format("{} is a member this AWS SDK did not know (SDK_UNKNOWN_MEMBER): seslint cannot "
                                        "check it", what));
      return nullptr;
    }
    if (std::find(members.begin(), members.end(), only.key) == members.end()) {
      out_.report_key(only, fmt::format("'{}' is not a member of {} (expected {})", only.key, what,
                                        fmt::join(members, ", ")));
      return nullptr;
    }
    return &only;
  }

  void condition(const mm::Condition& condition, bool traffic) {
    std::span<const ExpressionShape> shapes = traffic ? std::span<const ExpressionShape>(kTrafficExpressions)
                                                      : std::span<const ExpressionShape>(kRuleExpressions);
    std::vector<std::string_view> names;
    for (const auto& shape : shapes) names.push_back(shape.type);
    const JsonMember* only = union_member(condition.node, names, traffic ? "a traffic-policy condition" : "a rule condition");
    if (only == nullptr) {
      wrong_vocabulary(condition, traffic);
      return;
    }
    const ExpressionShape& shape = *std::find_if(shapes.begin(), shapes.end(), [&](const auto& s) { return s.type == only->key; });
    const JsonValue& body = only->value;
    if (mm::is_intrinsic(body)) return;
    unknown_keys(body, shape.keys, shape.type);
    enumerated(&body, "Operator", shape.operators, true);
    for (const std::string_view key : shape.keys)
      if (key != "Operator" && mm::member(&body, key) == nullptr)
        out_.report_at(out_.default_level(), body.opening(), body.pointer, fmt::format("{} is missing from {}", key, shape.type));
    if (one_of("Evaluate", shape.keys)) evaluate(condition, shape, traffic);
    if (shape.values.size() != 0)
      for (const auto& value : condition.values)
        if (value.known && value.node->is_string() && !one_of(value.value, shape.values))
          out_.report(*value.node, fmt::format("{} is not a {} value (expected {})", mm::quote(value), shape.type,
                                               listed(shape.values)));
  }

  void action(const mm::Action& action) {
    std::vector<std::string_view> names;
    for (const auto& shape : kActions) names.push_back(shape.type);
    const JsonMember* only = union_member(action.node, names, "a rule action");
    if (only == nullptr || mm::is_intrinsic(only->value)) return;
    const ActionShape& shape = *std::find_if(std::begin(kActions), std::end(kActions), [&](const auto& s) { return s.type == only->key; });
    std::vector<std::string_view> known(shape.required);
    known.insert(known.end(), shape.optional.begin(), shape.optional.end());
    if (!only->value.is_object()) return;
    for (const auto& m : only->value.members)
      if (std::find(known.begin(), known.end(), m.key) == known.end())
        out_.report_key(m, fmt::format("'{}' is not a field of the {} action", m.key, shape.type));
    for (const std::string_view key : shape.required)
      if (mm::member(&only->value, key) == nullptr)
        out_.report_at(out_.default_level(), only->value.opening(), only->value.pointer,
                       fmt::format("the {} action needs {}", shape.type, key));
    for (const auto& field : kActionEnums) enumerated(&only->value, field.key, field.values);
  }

 private:
  void evaluate(const mm::Condition& condition, const ExpressionShape& shape, bool traffic) {
    const JsonValue* evaluate = mm::member(condition.body, "Evaluate");
    std::vector<std::string_view> members(shape.evaluates);
    if (shape.attributes.size() != 0) members.push_back("Attribute");
    const JsonMember* only = union_member(evaluate, members, fmt::format("the Evaluate of a {}", shape.type));
    if (only != nullptr && only->key == "IsInAddressList") address_list(only->value, traffic);
    if (only != nullptr && only->key == "ClientCertificateAttribute") enumerated(evaluate, only->key, kCertificateFields);
    if (only != nullptr && only->key == "MimeHeaderAttribute") mime_header(only->value);
    if (only == nullptr || only->key != "Attribute" || mm::is_intrinsic(only->value)) return;
    if (!only->value.is_string() || !one_of(only->value.text, shape.attributes))
      out_.report(only->value, fmt::format("{} is not a {} attribute {}(expected {})",
                                           only->value.is_string() ? mm::quote({&only->value, only->value.text, true}) : "this",
                                           shape.type, traffic ? "in a traffic policy " : "in a rule set ",
                                           listed(shape.attributes)));
  }

  // RuleStringToEvaluate.MimeHeaderAttribute: the API's pattern X-[a-zA-Z0-9-]{1,256}.
  void mime_header(const JsonValue& value) {
    if (mm::is_intrinsic(value)) return;
    const auto header_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-'; };
    const bool valid = value.is_string() && value.text.size() >= 3 && value.text.size() <= 258 &&
                       value.text.starts_with("X-") && std::all_of(value.text.begin() + 2, value.text.end(), header_char);
    if (!valid)
      out_.report(value, "MimeHeaderAttribute must name an X- header: 'X-' then 1 to 256 letters, digits or hyphens");
  }

  // IngressIsInAddressList tests the recipient only; RuleIsInAddressList any of six address fields
  // (Mail Manager API reference, RuleIsInAddressList.Attribute).
  void address_list(const JsonValue& body, bool traffic) {
    if (mm::is_intrinsic(body) || !body.is_object()) return;
    unknown_keys(body, {"Attribute", "AddressLists"}, "IsInAddressList");
    if (traffic)
      enumerated(&body, "Attribute", {"RECIPIENT"}, true);
    else
      enumerated(&body, "Attribute", {"RECIPIENT", "MAIL_FROM", "SENDER", "FROM", "TO", "CC"}, true);
    if (mm::member(&body, "AddressLists") == nullptr)
      out_.report_at(out_.default_level(), body.opening(), body.pointer, "AddressLists is missing from IsInAddressList");
  }

  // A condition from the other vocabulary names the right place in its message.
  void wrong_vocabulary(const mm::Condition& condition, bool traffic) {
    if (condition.attribute.is(traffic ? "SOURCE_IP" : "SENDER_IP"))
      out_.report(*condition.attribute.node,
                  traffic ? "SOURCE_IP is a rule-set attribute: traffic policies use SENDER_IP"
                          : "SENDER_IP is a traffic-policy attribute: rule sets use SOURCE_IP");
  }

  Reporter& out_;
};

class MailManagerSchema final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.node == nullptr || !resource.node->is_object()) return;
    Checker check(out);
    switch (resource.kind) {
      case mm::Kind::TrafficPolicy:
        check.enumerated(resource.node, "DefaultAction", {"ALLOW", "DENY"}, true);
        for (const auto& statement : resource.traffic_policy.statements) {
          if (!statement.node->is_object()) continue;
          check.unknown_keys(*statement.node, {"Action", "Conditions"}, "a policy statement");
          check.enumerated(statement.node, "Action", {"ALLOW", "DENY"}, true);
          for (const auto& condition : statement.conditions) check.condition(condition, true);
        }
        break;
      case mm::Kind::RuleSet:
        for (const auto& rule : resource.rule_set.rules) {
          if (!rule.node->is_object()) continue;
          check.unknown_keys(*rule.node, {"Name", "Conditions", "Unless", "Actions"}, "a rule");
          for (const auto& condition : rule.conditions) check.condition(condition, false);
          for (const auto& condition : rule.unless) check.condition(condition, false);
          for (const auto& action : rule.actions) check.action(action);
        }
        break;
      case mm::Kind::IngressPoint:
        check.enumerated(resource.node, "Type", {"OPEN", "AUTH", "MTLS"}, true);
        check.enumerated(resource.node, "TlsPolicy", {"REQUIRED", "OPTIONAL", "FIPS"});
        if (const JsonValue* network = resource.ingress.network) {
          static constexpr std::string_view kNetworks[] = {"PublicNetworkConfiguration", "PrivateNetworkConfiguration"};
          if (const JsonMember* only = check.union_member(network, kNetworks, "NetworkConfiguration");
              only != nullptr && only->key == kNetworks[0])
            check.enumerated(&only->value, "IpType", {"IPV4", "DUAL_STACK"});
        }
        break;
      default: break;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_mail_manager_schema() { return std::make_unique<MailManagerSchema>(); }

}  // namespace seslint::rules
