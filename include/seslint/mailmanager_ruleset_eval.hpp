#pragma once
// The rule-set evaluator (one recipient's copy of one message) and a reachability search over
// classes of messages.
//
// Semantics (Mail Manager API reference and SES Developer Guide): rules run in order for each
// recipient; a rule fires when all its Conditions match and none of its Unless conditions does; the
// actions of every firing rule run, in order; Drop ends processing for the recipient, so no later
// rule sees it. Values in one expression are ORed, and NOR for NOT_EQUALS / NOT_CIDR_MATCHES.
// Assumptions (not documented): string comparisons are case-sensitive and read the raw value;
// an IpExpression CIDR of the other family never matches (so NOT_CIDR_MATCHES holds); actions after
// a Drop in the same rule do not run; ReplaceRecipient does not change what later rules read as
// RECIPIENT; address-list membership and add-on results are independent of the strings.
// A condition the evaluator cannot read (a template value, an unknown attribute or operator, a
// malformed CIDR or number, a value outside the verdict enums) is an unknown: either outcome is
// possible, so an answer never rests on it.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "seslint/ip.hpp"
#include "seslint/mailmanager.hpp"

namespace seslint::mm {

// What a rule condition reads: "RECIPIENT", "FROM", "SPF", "DMARC", "TLS", "MESSAGE_SIZE",
// "SOURCE_IP", "header X-Tag", "certificate CN", "add-on <arn> <field>", "verdict <arn> <field>",
// "list FROM <arn>"; empty when the condition cannot be evaluated (see above).
std::string rule_attribute_key(const Condition& condition);

// One recipient's copy of a message: the attributes the rule set's conditions read.
struct Message {
  // By rule_attribute_key; booleans "true"/"false". "SOURCE_IP" and "MESSAGE_SIZE" are only
  // markers (describe() shows them): their values are `source` and `size`.
  std::map<std::string, std::string> values;
  IpNetwork source;  // an address: prefix 32 or 128
  double size = 1024;
  std::map<const Condition*, bool> unknowns;  // conditions the evaluator cannot read
  std::string value(const std::string& key) const;  // "" when unset
  // "a message from 203.0.113.9 over TLS with SPF FAIL, DKIM FAIL and a chosen FROM". Strings the
  // rules compare are marked sensitive by the API, so only their attribute names are shown.
  std::string describe() const;
};

bool rule_condition_matches(const Condition& condition, const Message& message);
// The same, with rule_attribute_key(condition) computed once by the caller.
bool rule_condition_matches(const Condition& condition, const std::string& key, const Message& message);

struct RuleOutcome {
  bool reached = false;  // no earlier rule dropped the recipient
  bool fired = false;    // reached, all Conditions match, no Unless matches
};

std::vector<RuleOutcome> evaluate(const RuleSet& rule_set, const Message& message);

bool drops(const Rule& rule);  // a Drop among its actions

struct RuleQuery {
  std::size_t rule = 0;
  // Unset: the rule must fire. Set: the rule must be reached, its Conditions match and this Unless
  // condition match (the Unless skips it).
  std::optional<std::size_t> skipped_by;
  std::vector<std::string> spf, dkim;  // verdicts the message may have; empty: any
};

bool satisfies(const RuleQuery& query, const RuleSet& rule_set, const std::vector<RuleOutcome>& outcome,
               const Message& message);

struct MessageSearch {
  std::optional<Message> witness;  // a message satisfying the query (checked by evaluate)
  // False when the search gave up (the work budget ran out, or a string attribute had too many
  // classes to list) before finding a witness: then "no witness" is no answer.
  bool complete = true;
};

// Searches every class of messages the rules up to query.rule can tell apart (strings by which
// literals they equal, start, end or contain; source addresses between CIDR boundaries; sizes
// around each threshold; every verdict, boolean and address-list answer) for one that satisfies
// the query. `budget` counts condition evaluations.
MessageSearch find_message(const RuleSet& rule_set, const RuleQuery& query, std::size_t budget = 100'000);

// Many searches over one rule set (MM016 asks one per rule). Each search splits a string attribute
// by the literals of the rules it involves only (the target and the Drop rules before it), as
// find_message does, so the classes grow rule by rule instead of as the product of every rule's
// literals; the classes of each set of literals are worked out once and shared by the searches that
// meet it again (the Drop rules' literals recur in every later query). Answers equal find_message's.
class RuleSetSearcher {
 public:
  explicit RuleSetSearcher(const RuleSet& rule_set);
  ~RuleSetSearcher();
  RuleSetSearcher(const RuleSetSearcher&) = delete;
  RuleSetSearcher& operator=(const RuleSetSearcher&) = delete;
  MessageSearch find(const RuleQuery& query, std::size_t budget = 100'000) const;

  struct Memo;  // the string classes of each set of literals met so far

 private:
  const RuleSet& rule_set_;
  std::unique_ptr<Memo> memo_;
};

}  // namespace seslint::mm
