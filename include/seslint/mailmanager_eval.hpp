#pragma once
// The traffic-policy evaluator and a reachability search over connection attributes.
//
// Semantics (SES Developer Guide; assumptions marked): messages over MaxMessageSizeBytes are
// discarded; then a connection any DENY statement matches is denied, whatever the order; then one
// an ALLOW statement matches is allowed; else DefaultAction. A statement matches when all its
// conditions do; values in one expression are ORed, and NOR for NOT_* operators.
// Assumptions (not documented): an IPv4 expression (SENDER_IP) never matches an IPv6 sender and an
// IPv6 expression never matches an IPv4 one, whatever the operator; add-on (Analysis) conditions
// never match on IPv6 connections (the guide says they are not evaluated there); TLS conditions
// never match a plaintext session; recipient matching is case-sensitive. A condition holding a
// template value is an unknown: either outcome is possible.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "seslint/ip.hpp"
#include "seslint/mailmanager.hpp"

namespace seslint::mm {

enum class Tls : std::uint8_t { Plaintext, Legacy, V1_2, V1_3 };  // Legacy: TLS 1.0 or 1.1
std::string_view to_string(Tls tls);

struct Connection {
  IpNetwork sender;  // an address: prefix 32 or 128
  Tls tls = Tls::V1_3;
  std::string recipient;
  std::uint64_t size = 1024;
  std::map<std::string, std::string> analysis;  // analysis_key() -> result ("true"/"false" for booleans)
  std::map<std::string, bool> in_address_list;  // address list ARN -> member
  std::map<const Condition*, bool> unknowns;    // conditions with template values
  std::string describe() const;                 // "a connection from 203.0.113.9 over TLS 1.3 to 'a@b'"
};

std::string analysis_key(const Condition& condition);  // "<analyzer> <result field>"

enum class Decision { Allow, Deny };
std::string_view to_string(Decision decision);

struct TrafficOutcome {
  Decision decision = Decision::Deny;
  bool oversize = false;
  std::vector<bool> matched;  // per statement
};

bool traffic_condition_matches(const Condition& condition, const Connection& connection);
bool statement_matches(const Statement& statement, const Connection& connection);
TrafficOutcome evaluate(const TrafficPolicy& policy, const Connection& connection);

// What an ingress point fixes about the connections it accepts, before its traffic policy runs.
// TLS: only TlsPolicy OPTIONAL admits plaintext (and, assumed, TLS 1.0/1.1); REQUIRED, FIPS, an
// absent TlsPolicy (the region's default is REQUIRED or FIPS) and a template value admit TLS 1.2
// and 1.3 only, the versions every policy accepts. Family: only a public DUAL_STACK endpoint takes
// IPv6 senders; IPV4, the default public network, a private endpoint (its VPC endpoint's address
// types are not in the input) and a template value take IPv4 only. Narrow where unsure, so that a
// witness is a connection the endpoint would take.
bool ingress_accepts(const IngressPoint& ingress, Tls tls);
bool ingress_accepts_sender(const IngressPoint& ingress, bool ipv6);
bool ingress_accepts(const IngressPoint& ingress, const Connection& connection);

struct TrafficQuery {
  std::optional<Decision> decision;
  std::vector<std::size_t> must_match;      // statement indexes
  std::vector<std::size_t> must_not_match;
  std::vector<Tls> tls;                     // empty: any
  std::optional<bool> ipv6;                 // the sender's family; nullopt: either
  const IngressPoint* ingress = nullptr;    // the endpoint the connection arrives at: only what it accepts
};

struct SearchResult {
  std::optional<Connection> witness;  // a connection satisfying the query (checked by evaluate)
  bool complete = true;               // false: the work budget ran out before an answer
};

// Searches every class of connections the policy can tell apart (IP ranges between CIDR
// boundaries, TLS versions, recipient strings by which literals they equal, start, end or
// contain, add-on results, address-list membership) for one that satisfies the query.
SearchResult find_connection(const TrafficPolicy& policy, const TrafficQuery& query,
                             std::size_t budget = 2'000'000);

}  // namespace seslint::mm
