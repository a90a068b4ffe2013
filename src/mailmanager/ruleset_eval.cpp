// The rule-set evaluator: one recipient's copy of one message through the rules, in order.
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "seslint/mailmanager_ruleset_eval.hpp"

namespace seslint::mm {
namespace {

constexpr std::string_view kVerdicts[] = {"PASS", "FAIL", "GRAY", "PROCESSING_FAILED"};
constexpr std::string_view kDmarcPolicies[] = {"NONE", "QUARANTINE", "REJECT"};

template <std::size_t N>
bool one_of(const std::string& value, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), value) != std::end(set);
}

bool all_values(const Condition& c, bool (*valid)(const std::string&)) {
  return !c.values.empty() && std::all_of(c.values.begin(), c.values.end(), [&](const Text& v) { return valid(v.value); });
}

bool valid_verdict(const std::string& v) { return one_of(v, kVerdicts); }
bool valid_dmarc(const std::string& v) { return one_of(v, kDmarcPolicies); }
bool valid_cidr(const std::string& v) {
  const auto network = parse_ip_network(v);
  return network && network->explicit_prefix;
}
bool valid_number(const std::string& v) {
  char* end = nullptr;
  std::strtod(v.c_str(), &end);
  return !v.empty() && end == v.c_str() + v.size();
}

bool op_in(const Condition& c, std::initializer_list<std::string_view> ops) {
  return std::find(ops.begin(), ops.end(), c.op.value) != ops.end();
}

std::string analysis_of(const Condition& c) { return c.analyzer.value + ' ' + c.result_field.value; }

std::string string_key(const Condition& c) {
  if (!op_in(c, {"EQUALS", "NOT_EQUALS", "STARTS_WITH", "ENDS_WITH", "CONTAINS"}) || c.values.empty()) return {};
  if (c.subject == "Attribute") {
    for (std::string_view a : {"MAIL_FROM", "HELO", "RECIPIENT", "SENDER", "FROM", "SUBJECT", "TO", "CC"})
      if (c.attribute.value == a) return c.attribute.value;
    return {};
  }
  if (c.subject == "MimeHeaderAttribute") return "header " + c.attribute.value;
  if (c.subject == "ClientCertificateAttribute") return "certificate " + c.attribute.value;
  if (c.subject == "Analysis") return "add-on " + analysis_of(c);
  return {};
}

std::string boolean_key(const Condition& c) {
  if (!op_in(c, {"IS_TRUE", "IS_FALSE"})) return {};
  if (c.subject == "Attribute") {
    for (std::string_view a : {"READ_RECEIPT_REQUESTED", "TLS", "TLS_WRAPPED"})
      if (c.attribute.value == a) return c.attribute.value;
    return {};
  }
  if (c.subject == "Analysis") return "add-on " + analysis_of(c);
  if (c.subject == "IsInAddressList" && c.address_lists.size() == 1) {
    for (std::string_view a : {"RECIPIENT", "MAIL_FROM", "SENDER", "FROM", "TO", "CC"})
      if (c.attribute.value == a) return fmt::format("list {} {}", a, c.address_lists.front().value);
  }
  return {};
}

bool string_test(const std::string& op, const std::string& subject, const std::string& value) {
  if (op == "EQUALS" || op == "NOT_EQUALS") return subject == value;
  if (op == "STARTS_WITH") return subject.starts_with(value);
  if (op == "ENDS_WITH") return subject.ends_with(value);
  return subject.find(value) != std::string::npos;  // CONTAINS
}

// Values ORed; NOR for the NOT_* operators.
template <typename Test>
bool any_value(const Condition& condition, Test&& test) {
  const bool any = std::any_of(condition.values.begin(), condition.values.end(), [&](const Text& v) { return test(v.value); });
  return condition.op.value.starts_with("NOT_") ? !any : any;
}

bool size_test(const std::string& op, double size, double value) {
  if (op == "EQUALS") return size == value;
  if (op == "NOT_EQUALS") return size != value;
  if (op == "LESS_THAN") return size < value;
  if (op == "GREATER_THAN") return size > value;
  if (op == "LESS_THAN_OR_EQUAL") return size <= value;
  return size >= value;  // GREATER_THAN_OR_EQUAL
}

}  // namespace

std::string rule_attribute_key(const Condition& c) {
  if (c.unknown()) return {};
  if (c.type == "StringExpression") return string_key(c);
  if (c.type == "BooleanExpression") return boolean_key(c);
  if (c.type == "VerdictExpression") {
    if (!op_in(c, {"EQUALS", "NOT_EQUALS"}) || !all_values(c, valid_verdict)) return {};
    if (c.subject == "Attribute" && (c.attribute.value == "SPF" || c.attribute.value == "DKIM")) return c.attribute.value;
    if (c.subject == "Analysis") return "verdict " + analysis_of(c);
    return {};
  }
  if (c.type == "DmarcExpression")
    return op_in(c, {"EQUALS", "NOT_EQUALS"}) && all_values(c, valid_dmarc) ? "DMARC" : "";
  if (c.type == "NumberExpression")
    return c.subject == "Attribute" && c.attribute.value == "MESSAGE_SIZE" && c.values.size() == 1 &&
                   valid_number(c.values.front().value) &&
                   op_in(c, {"EQUALS", "NOT_EQUALS", "LESS_THAN", "GREATER_THAN", "LESS_THAN_OR_EQUAL",
                             "GREATER_THAN_OR_EQUAL"})
               ? "MESSAGE_SIZE"
               : "";
  if (c.type == "IpExpression")
    return c.subject == "Attribute" && c.attribute.value == "SOURCE_IP" && op_in(c, {"CIDR_MATCHES", "NOT_CIDR_MATCHES"}) &&
                   all_values(c, valid_cidr)
               ? "SOURCE_IP"
               : "";
  return {};
}

std::string Message::value(const std::string& key) const {
  const auto it = values.find(key);
  return it == values.end() ? std::string() : it->second;
}

bool rule_condition_matches(const Condition& c, const Message& message) {
  return rule_condition_matches(c, rule_attribute_key(c), message);
}

bool rule_condition_matches(const Condition& c, const std::string& key, const Message& message) {
  if (key.empty()) {
    const auto it = message.unknowns.find(&c);
    return it != message.unknowns.end() && it->second;
  }
  const std::string& op = c.op.value;
  if (key == "MESSAGE_SIZE") return size_test(op, message.size, std::strtod(c.values.front().value.c_str(), nullptr));
  if (key == "SOURCE_IP")
    return any_value(c, [&](const std::string& v) {
      const auto network = parse_ip_network(v);
      return network->v6 == message.source.v6 && network->contains(message.source);
    });
  if (c.type == "BooleanExpression") return (message.value(key) == "true") == (op == "IS_TRUE");
  const std::string subject = message.value(key);
  if (c.type == "StringExpression") return any_value(c, [&](const std::string& v) { return string_test(op, subject, v); });
  return any_value(c, [&](const std::string& v) { return subject == v; });  // verdicts and DMARC
}

bool drops(const Rule& rule) {
  return std::any_of(rule.actions.begin(), rule.actions.end(), [](const Action& a) { return a.type == "Drop"; });
}

std::vector<RuleOutcome> evaluate(const RuleSet& rule_set, const Message& message) {
  std::vector<RuleOutcome> out(rule_set.rules.size());
  for (std::size_t i = 0; i < rule_set.rules.size(); ++i) {
    const Rule& rule = rule_set.rules[i];
    out[i].reached = true;
    const auto matches = [&](const Condition& c) { return rule_condition_matches(c, message); };
    out[i].fired = std::all_of(rule.conditions.begin(), rule.conditions.end(), matches) &&
                   std::none_of(rule.unless.begin(), rule.unless.end(), matches);
    if (out[i].fired && drops(rule)) break;
  }
  return out;
}

bool satisfies(const RuleQuery& query, const RuleSet& rule_set, const std::vector<RuleOutcome>& outcome,
               const Message& message) {
  if (query.rule >= outcome.size()) return false;
  auto allowed = [&](const std::vector<std::string>& set, const std::string& key) {
    return set.empty() || std::find(set.begin(), set.end(), message.value(key)) != set.end();
  };
  if (!allowed(query.spf, "SPF") || !allowed(query.dkim, "DKIM")) return false;
  const RuleOutcome& target = outcome[query.rule];
  if (!query.skipped_by) return target.fired;
  const Rule& rule = rule_set.rules[query.rule];
  if (!target.reached || *query.skipped_by >= rule.unless.size()) return false;
  return std::all_of(rule.conditions.begin(), rule.conditions.end(),
                     [&](const Condition& c) { return rule_condition_matches(c, message); }) &&
         rule_condition_matches(rule.unless[*query.skipped_by], message);
}

std::string Message::describe() const {
  std::vector<std::string> traits, chosen;
  for (const auto& [key, value] : values) {
    if (key == "SOURCE_IP" || key == "MESSAGE_SIZE") {
      continue;  // shown first, from `source` and `size`
    } else if (key == "SPF" || key == "DKIM" || key == "DMARC") {
      traits.push_back(fmt::format("{} {}", key == "DMARC" ? "DMARC policy" : key, value));
    } else if (key == "TLS" || key == "TLS_WRAPPED" || key == "READ_RECEIPT_REQUESTED") {
      traits.push_back(fmt::format("{} {}", key, value));
    } else if (key.starts_with("list ")) {
      const auto space = key.find(' ', 5);
      traits.push_back(fmt::format("{} {} address list {}", key.substr(5, space - 5), value == "true" ? "in" : "not in",
                                   key.substr(space + 1)));
    } else if (key.starts_with("verdict ")) {
      traits.push_back(fmt::format("add-on verdict {} = {}", key.substr(8), value));
    } else {
      chosen.push_back(key.starts_with("header ") ? key.substr(7) : key);
    }
  }
  std::string out = "a message";
  if (values.count("SOURCE_IP") == 1) out += " from " + source.to_string();
  if (values.count("MESSAGE_SIZE") == 1) out += fmt::format(" of {} bytes", size);
  if (!traits.empty()) out += fmt::format(" with {}", fmt::join(traits, ", "));
  if (!chosen.empty()) out += fmt::format("{} a chosen {}", traits.empty() ? " with" : " and", fmt::join(chosen, ", "));
  return out;
}

}  // namespace seslint::mm
