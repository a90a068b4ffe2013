// The traffic-policy evaluator (one concrete connection) and the search over classes of
// connections. The search is exhaustive over the classes, pruned by three-valued evaluation of the
// statements, so any answer it gives was checked by the concrete evaluator.
#include <algorithm>
#include <cstdlib>
#include <set>

#include <fmt/format.h>

#include "mailmanager/string_classes.hpp"
#include "seslint/mailmanager_eval.hpp"

namespace seslint::mm {

std::string_view to_string(Tls tls) {
  switch (tls) {
    case Tls::Plaintext: return "no TLS";
    case Tls::Legacy: return "TLS 1.1";
    case Tls::V1_2: return "TLS 1.2";
    case Tls::V1_3: return "TLS 1.3";
  }
  return "";
}

std::string_view to_string(Decision decision) { return decision == Decision::Allow ? "ALLOW" : "DENY"; }

std::string analysis_key(const Condition& condition) {
  return condition.analyzer.value + ' ' + condition.result_field.value;
}

std::string Connection::describe() const {
  // An address reads as itself; any other string (a class's witness) is quoted.
  const bool address = recipient.find('@') != std::string::npos && recipient.find_first_of(" '\"") == std::string::npos;
  std::string out = fmt::format("a connection from {} {} to {}", sender.to_string(),
                                tls == Tls::Plaintext ? "without TLS" : fmt::format("over {}", to_string(tls)),
                                address ? recipient : fmt::format("'{}'", recipient));
  for (const auto& [key, value] : analysis) out += fmt::format(", add-on result {} = '{}'", key, value);
  for (const auto& [list, member] : in_address_list)
    out += fmt::format(", {} address list {}", member ? "in" : "not in", list);
  return out;
}

namespace {

bool is_negated(const std::string& op) { return op.starts_with("NOT_"); }

// Values ORed; NOR for NOT_* operators.
template <typename Test>
bool any_value(const Condition& condition, Test&& test) {
  bool any = false;
  for (const auto& value : condition.values) any = any || test(value.value);
  return is_negated(condition.op.value) ? !any : any;
}

bool string_test(const std::string& op, const std::string& subject, const std::string& value) {
  if (op == "EQUALS" || op == "NOT_EQUALS") return subject == value;
  if (op == "STARTS_WITH") return subject.starts_with(value);
  if (op == "ENDS_WITH") return subject.ends_with(value);
  if (op == "CONTAINS") return subject.find(value) != std::string::npos;
  return false;
}

bool cidr_test(bool v6, const Connection& connection, const Condition& condition) {
  if (connection.sender.v6 != v6) return false;
  return any_value(condition, [&](const std::string& value) {
    const auto network = parse_ip_network(value);
    return network && network->v6 == v6 && network->explicit_prefix && network->contains(connection.sender);
  });
}

int tls_rank(std::string_view value) { return value == "TLS1_2" ? 2 : value == "TLS1_3" ? 3 : 99; }
int tls_rank(Tls tls) { return tls == Tls::V1_2 ? 2 : tls == Tls::V1_3 ? 3 : 1; }

std::string analysis_result(const Connection& connection, const Condition& condition) {
  const auto it = connection.analysis.find(analysis_key(condition));
  return it == connection.analysis.end() ? std::string() : it->second;
}

}  // namespace

bool traffic_condition_matches(const Condition& condition, const Connection& connection) {
  if (condition.unknown()) {
    const auto it = connection.unknowns.find(&condition);
    return it != connection.unknowns.end() && it->second;
  }
  const std::string& op = condition.op.value;
  if (condition.subject == "Analysis" && connection.sender.v6) return false;
  if (condition.type == "IpExpression" && condition.attribute.value == "SENDER_IP")
    return cidr_test(false, connection, condition);
  if (condition.type == "Ipv6Expression" && condition.attribute.value == "SENDER_IPV6")
    return cidr_test(true, connection, condition);
  if (condition.type == "TlsExpression" && condition.attribute.value == "TLS_PROTOCOL") {
    if (connection.tls == Tls::Plaintext || condition.values.size() != 1) return false;
    const int want = tls_rank(condition.values.front().value);
    if (op == "MINIMUM_TLS_VERSION") return tls_rank(connection.tls) >= want;
    if (op == "IS") return tls_rank(connection.tls) == want;
    return false;
  }
  if (condition.type == "StringExpression") {
    const std::string subject = condition.subject == "Analysis" ? analysis_result(connection, condition)
                                : condition.attribute.value == "RECIPIENT" ? connection.recipient
                                                                           : std::string("\x01");
    if (subject == "\x01") return false;
    return any_value(condition, [&](const std::string& value) { return string_test(op, subject, value); });
  }
  if (condition.type == "BooleanExpression") {
    bool value = false;
    if (condition.subject == "Analysis") {
      value = analysis_result(connection, condition) == "true";
    } else if (condition.subject == "IsInAddressList" && condition.address_lists.size() == 1) {
      const auto it = connection.in_address_list.find(condition.address_lists.front().value);
      value = it != connection.in_address_list.end() && it->second;
    } else {
      return false;
    }
    if (op == "IS_TRUE") return value;
    if (op == "IS_FALSE") return !value;
  }
  return false;
}

bool statement_matches(const Statement& statement, const Connection& connection) {
  return std::all_of(statement.conditions.begin(), statement.conditions.end(),
                     [&](const Condition& condition) { return traffic_condition_matches(condition, connection); });
}

TrafficOutcome evaluate(const TrafficPolicy& policy, const Connection& connection) {
  TrafficOutcome out;
  bool deny = false, allow = false;
  for (const auto& statement : policy.statements) {
    const bool match = statement_matches(statement, connection);
    out.matched.push_back(match);
    deny = deny || (match && statement.action.is("DENY"));
    allow = allow || (match && statement.action.is("ALLOW"));
  }
  const auto cap = policy.max_message_size.known ? std::strtoull(policy.max_message_size.value.c_str(), nullptr, 10) : 0;
  out.oversize = cap > 0 && connection.size > cap;
  if (out.oversize || deny) {
    out.decision = Decision::Deny;
  } else {
    out.decision = allow || policy.default_action.is("ALLOW") ? Decision::Allow : Decision::Deny;
  }
  return out;
}

bool ingress_accepts(const IngressPoint& ingress, Tls tls) {
  return ingress.tls_policy.is("OPTIONAL") || tls == Tls::V1_2 || tls == Tls::V1_3;
}

bool ingress_accepts_sender(const IngressPoint& ingress, bool ipv6) {
  return !ipv6 || (!ingress.private_network && ingress.ip_type.is("DUAL_STACK"));
}

bool ingress_accepts(const IngressPoint& ingress, const Connection& connection) {
  return ingress_accepts(ingress, connection.tls) && ingress_accepts_sender(ingress, connection.sender.v6);
}

}  // namespace seslint::mm
