// The rule-set search against brute force: random rule sets over a small attribute space (SPF and
// DKIM verdicts plus two of: a recipient or From string over a three-letter alphabet, DMARC
// policy, source addresses v4 and v6, sizes, TLS, address-list membership, conditions holding
// template values), random queries; the search must find a message exactly when enumerating every
// message of the space finds one, and its witness must satisfy the query.
#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include <fmt/format.h>

#include "seslint/mailmanager_ruleset_eval.hpp"

using namespace seslint;
using namespace seslint::mm;

namespace {

enum Pick { kRecipient, kFrom, kDmarc, kSource, kSize, kTls, kList, kUnknown, kKinds };
const std::vector<std::string> kVerdicts = {"PASS", "FAIL", "GRAY", "PROCESSING_FAILED"};

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool coin() { return pick(2) == 1; }
  template <typename T>
  const T& one(const std::vector<T>& items) { return items[static_cast<std::size_t>(pick(static_cast<int>(items.size())))]; }

  std::string word() {
    std::string out;
    for (int i = 0, n = 1 + pick(2); i < n; ++i) out += "ab"[pick(2)];
    return out;
  }
  std::string values(int n, const std::function<std::string()>& make) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(make());
    return fmt::format("{}", fmt::join(out, ","));
  }

  std::string condition(const std::vector<int>& kinds) {
    const int kind = kinds[static_cast<std::size_t>(pick(static_cast<int>(kinds.size())))];
    const int n = 1 + pick(2);
    switch (kind) {
      case -1:
      case -2:
        return fmt::format(R"({{"VerdictExpression":{{"Evaluate":{{"Attribute":"{}"}},"Operator":"{}","Values":[{}]}}}})",
                           kind == -1 ? "SPF" : "DKIM", coin() ? "EQUALS" : "NOT_EQUALS",
                           values(n, [&] { return '"' + one(kVerdicts) + '"'; }));
      case kRecipient:
      case kFrom: {
        static const std::vector<std::string> ops = {"EQUALS", "NOT_EQUALS", "STARTS_WITH", "ENDS_WITH", "CONTAINS"};
        return fmt::format(R"({{"StringExpression":{{"Evaluate":{{"Attribute":"{}"}},"Operator":"{}","Values":[{}]}}}})",
                           kind == kRecipient ? "RECIPIENT" : "FROM", one(ops), values(n, [&] { return '"' + word() + '"'; }));
      }
      case kDmarc:
        return fmt::format(R"({{"DmarcExpression":{{"Operator":"{}","Values":[{}]}}}})", coin() ? "EQUALS" : "NOT_EQUALS",
                           values(n, [&] { return '"' + one(std::vector<std::string>{"NONE", "QUARANTINE", "REJECT"}) + '"'; }));
      case kSource:
        return fmt::format(R"({{"IpExpression":{{"Evaluate":{{"Attribute":"SOURCE_IP"}},"Operator":"{}","Values":[{}]}}}})",
                           coin() ? "CIDR_MATCHES" : "NOT_CIDR_MATCHES", values(n, [&] {
                             switch (pick(6)) {
                               case 0: return std::string(R"("0.0.0.0/0")");
                               case 1: return std::string(R"("::/0")");
                               case 2: return fmt::format(R"("2001:db8::{}/{}")", pick(8), 125 + pick(4));
                               default: return fmt::format(R"("10.0.0.{}/{}")", pick(16), 28 + pick(5));
                             }
                           }));
      case kSize: {
        static const std::vector<std::string> ops = {"EQUALS", "NOT_EQUALS", "LESS_THAN", "GREATER_THAN",
                                                     "LESS_THAN_OR_EQUAL", "GREATER_THAN_OR_EQUAL"};
        return fmt::format(R"({{"NumberExpression":{{"Evaluate":{{"Attribute":"MESSAGE_SIZE"}},"Operator":"{}","Value":{}}}}})",
                           one(ops), one(std::vector<std::string>{"1", "2", "2.5", "4"}));
      }
      case kTls:
        return fmt::format(R"({{"BooleanExpression":{{"Evaluate":{{"Attribute":"TLS"}},"Operator":"{}"}}}})",
                           coin() ? "IS_TRUE" : "IS_FALSE");
      case kList:
        return fmt::format(R"({{"BooleanExpression":{{"Evaluate":{{"IsInAddressList":{{"Attribute":"RECIPIENT","AddressLists":["arn:list"]}}}},"Operator":"{}"}}}})",
                           coin() ? "IS_TRUE" : "IS_FALSE");
      default:
        return R"({"StringExpression":{"Evaluate":{"Attribute":"SUBJECT"},"Operator":"EQUALS","Values":[{"Ref":"Subject"}]}})";
    }
  }

  std::string rule_set(const std::vector<int>& kinds, int rules) {
    std::vector<std::string> out;
    for (int r = 0; r < rules; ++r) {
      std::vector<std::string> conditions, unless;
      for (int c = 0, n = pick(4); c < n; ++c) conditions.push_back(condition(kinds));
      for (int c = 0, n = pick(3) == 0 ? 1 + pick(2) : 0; c < n; ++c) unless.push_back(condition(kinds));
      out.push_back(fmt::format(R"({{"Name":"r{}","Conditions":[{}],"Unless":[{}],"Actions":[{}]}})", r,
                                fmt::join(conditions, ","), fmt::join(unless, ","),
                                pick(5) < 2 ? R"({"Drop":{}})" : R"({"Archive":{"TargetArchive":"a"}})"));
    }
    return fmt::format(R"({{"RuleSetId":"rs-1","Rules":[{}]}})", fmt::join(out, ","));
  }

 private:
  std::mt19937 rng_;
};

// Every message over SPF, DKIM and the chosen kinds; the other attributes keep one value.
std::vector<Message> universe(const std::vector<int>& kinds, const RuleSet& rule_set) {
  std::vector<Message> out(1);
  auto expand = [&](const std::function<void(Message&, std::size_t)>& set, std::size_t n) {
    std::vector<Message> next;
    next.reserve(out.size() * n);
    for (const auto& m : out)
      for (std::size_t i = 0; i < n; ++i) {
        next.push_back(m);
        set(next.back(), i);
      }
    out = std::move(next);
  };
  auto strings = [] {
    std::vector<std::string> s = {""};
    for (std::size_t begin = 0, length = 0; length < 3; ++length) {
      const std::size_t end = s.size();
      for (std::size_t i = begin; i < end; ++i)
        for (const char c : std::string_view("ab@")) s.push_back(s[i] + c);
      begin = end;
    }
    return s;
  }();
  expand([](Message& m, std::size_t i) { m.values["SPF"] = kVerdicts[i]; }, 4);
  expand([](Message& m, std::size_t i) { m.values["DKIM"] = kVerdicts[i]; }, 4);
  for (const int kind : kinds) {
    switch (kind) {
      case kRecipient:
      case kFrom: {
        const std::string key = kind == kRecipient ? "RECIPIENT" : "FROM";
        expand([&](Message& m, std::size_t i) { m.values[key] = strings[i]; }, strings.size());
        break;
      }
      case kDmarc: {
        static const char* policies[] = {"NONE", "QUARANTINE", "REJECT"};
        expand([](Message& m, std::size_t i) { m.values["DMARC"] = policies[i]; }, 3);
        break;
      }
      case kSource: {
        std::vector<IpNetwork> addresses;
        for (const char* text : {"0.0.0.0", "9.255.255.255", "255.255.255.255", "::", "ffff::1"})
          addresses.push_back(*parse_ip_network(text));
        for (int i = 0; i <= 16; ++i) addresses.push_back(*parse_ip_network(fmt::format("10.0.0.{}", i)));
        for (int i = 0; i <= 8; ++i) addresses.push_back(*parse_ip_network(fmt::format("2001:db8::{}", i)));
        expand([&](Message& m, std::size_t i) { m.source = addresses[i]; }, addresses.size());
        break;
      }
      case kSize: expand([](Message& m, std::size_t i) { m.size = static_cast<double>(i); }, 7); break;
      case kTls: expand([](Message& m, std::size_t i) { m.values["TLS"] = i == 1 ? "true" : "false"; }, 2); break;
      case kList:
        expand([](Message& m, std::size_t i) { m.values["list RECIPIENT arn:list"] = i == 1 ? "true" : "false"; }, 2);
        break;
      default:
        for (const auto& rule : rule_set.rules)
          for (const auto* list : {&rule.conditions, &rule.unless})
            for (const auto& c : *list)
              if (c.unknown()) expand([&](Message& m, std::size_t i) { m.unknowns[&c] = i == 1; }, 2);
    }
  }
  return out;
}

RuleQuery random_query(Generator& g, const RuleSet& rule_set) {
  RuleQuery query;
  query.rule = static_cast<std::size_t>(g.pick(static_cast<int>(rule_set.rules.size())));
  const auto& unless = rule_set.rules[query.rule].unless;
  if (!unless.empty() && g.pick(3) == 0) query.skipped_by = static_cast<std::size_t>(g.pick(static_cast<int>(unless.size())));
  for (auto* verdicts : {&query.spf, &query.dkim})
    if (g.coin())
      for (const auto& v : kVerdicts)
        if (g.coin()) verdicts->push_back(v);
  return query;
}

}  // namespace

TEST_CASE("rule-set search agrees with brute force") {
  Generator g(20261202);
#ifdef SESLINT_SANITIZED_TESTS
  constexpr int kRounds = 40;  // the sanitizer build is several times slower
#else
  constexpr int kRounds = 400;
#endif
  std::size_t queries = 0, disagreements = 0, reachable = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<int> kinds = {-1, -2};  // SPF and DKIM conditions
    const int first = g.pick(kKinds);
    int second = g.pick(kKinds);
    while (second == first || (second <= kFrom && first <= kFrom)) second = g.pick(kKinds);  // one string kind at most
    const std::vector<int> chosen = {first, second};
    kinds.insert(kinds.end(), chosen.begin(), chosen.end());
    const std::string text = g.rule_set(kinds, 1 + g.pick(5));
    const ParseResult parsed = parse_json(text);
    REQUIRE(parsed.root);
    Resource resource;
    resource.kind = Kind::RuleSet;
    resource.node = &*parsed.root;
    build_resource(resource);
    const RuleSet& rule_set = resource.rule_set;
    const auto messages = universe(chosen, rule_set);
    std::vector<std::vector<RuleOutcome>> outcomes;
    outcomes.reserve(messages.size());
    for (const auto& message : messages) outcomes.push_back(evaluate(rule_set, message));
    for (int q = 0; q < 10; ++q) {
      const RuleQuery query = random_query(g, rule_set);
      bool exists = false;
      for (std::size_t i = 0; i < messages.size() && !exists; ++i) exists = satisfies(query, rule_set, outcomes[i], messages[i]);
      const MessageSearch result = find_message(rule_set, query);
      ++queries;
      reachable += exists ? 1 : 0;
      REQUIRE(result.complete);
      if (result.witness.has_value() != exists) {
        ++disagreements;
        if (disagreements <= 3) WARN(text << " rule " << query.rule << " skipped_by " << (query.skipped_by ? int(*query.skipped_by) : -1)
                           << " spf " << fmt::format("{}", fmt::join(query.spf, "|")) << " dkim "
                           << fmt::format("{}", fmt::join(query.dkim, "|")) << " exists " << exists);
      }
      if (result.witness) CHECK(satisfies(query, rule_set, evaluate(rule_set, *result.witness), *result.witness));
      const MessageSearch shared = RuleSetSearcher(rule_set).find(query);  // memoized classes
      REQUIRE(shared.complete);
      CHECK(shared.witness.has_value() == exists);
      if (shared.witness) CHECK(satisfies(query, rule_set, evaluate(rule_set, *shared.witness), *shared.witness));
    }
  }
  CHECK(disagreements == 0);
  CHECK(queries == kRounds * 10u);
  CHECK(reachable > queries / 5);  // both answers are exercised
  CHECK(queries - reachable > queries / 5);
}

namespace {

RuleSet read_rules(const ParseResult& parsed) {
  Resource resource;
  resource.kind = Kind::RuleSet;
  resource.node = &*parsed.root;
  build_resource(resource);
  return resource.rule_set;
}

}  // namespace

TEST_CASE("rule-set evaluator: Drop ends processing, Unless skips, witnesses hide rule strings") {
  const auto parsed = parse_json(R"({"RuleSetId":"rs-1","Rules":[
    {"Name":"drop-spf-fail","Conditions":[{"VerdictExpression":{"Evaluate":{"Attribute":"SPF"},"Operator":"EQUALS","Values":["FAIL"]}}],
     "Unless":[{"StringExpression":{"Evaluate":{"Attribute":"FROM"},"Operator":"ENDS_WITH","Values":["@acme-corp.io"]}}],
     "Actions":[{"Drop":{}}]},
    {"Name":"deliver","Conditions":[{"IpExpression":{"Evaluate":{"Attribute":"SOURCE_IP"},"Operator":"NOT_CIDR_MATCHES","Values":["10.0.0.0/8"]}}],
     "Actions":[{"Archive":{"TargetArchive":"a"}}]}]})");
  REQUIRE(parsed.root);
  const RuleSet rules = read_rules(parsed);
  Message m;
  m.values["SPF"] = "FAIL";
  m.values["FROM"] = "ceo@example.com";
  m.source = *parse_ip_network("203.0.113.9");
  auto outcome = evaluate(rules, m);
  CHECK(outcome[0].fired);
  CHECK_FALSE(outcome[1].reached);
  m.values["FROM"] = "ceo@acme-corp.io";  // a forged From skips the Drop
  outcome = evaluate(rules, m);
  CHECK_FALSE(outcome[0].fired);
  CHECK(outcome[1].fired);
  m.source = *parse_ip_network("2001:db8::1");  // NOT_CIDR_MATCHES of an IPv4 range holds for IPv6
  CHECK(evaluate(rules, m)[1].fired);

  RuleQuery skip;
  skip.rule = 0;
  skip.skipped_by = 0;
  skip.spf = {"FAIL"};
  const MessageSearch found = find_message(rules, skip);
  REQUIRE(found.witness);
  CHECK(found.witness->describe() == "a message with SPF FAIL and a chosen FROM");
  RuleQuery reach;
  reach.rule = 1;
  reach.spf = {"FAIL"};
  const MessageSearch second = find_message(rules, reach);
  REQUIRE(second.witness);
  CHECK(second.witness->describe().starts_with("a message from "));
  CHECK(second.witness->describe().find("acme") == std::string::npos);
}

TEST_CASE("rule-set search: unconditional Drop, contradictions, unknowns and the work cap") {
  const auto parsed = parse_json(R"({"RuleSetId":"rs-1","Rules":[
    {"Name":"contradiction","Conditions":[
      {"NumberExpression":{"Evaluate":{"Attribute":"MESSAGE_SIZE"},"Operator":"LESS_THAN","Value":100}},
      {"NumberExpression":{"Evaluate":{"Attribute":"MESSAGE_SIZE"},"Operator":"GREATER_THAN","Value":200}}],"Actions":[{"Drop":{}}]},
    {"Name":"templated","Conditions":[{"StringExpression":{"Evaluate":{"Attribute":"SUBJECT"},"Operator":"EQUALS","Values":[{"Ref":"S"}]}}],
     "Actions":[{"Archive":{"TargetArchive":"a"}}]},
    {"Name":"drop-all","Actions":[{"Drop":{}}]},
    {"Name":"after","Actions":[{"Archive":{"TargetArchive":"a"}}]}]})");
  REQUIRE(parsed.root);
  const RuleSet rules = read_rules(parsed);
  RuleQuery q;
  q.rule = 0;
  CHECK_FALSE(find_message(rules, q).witness);
  CHECK(find_message(rules, q).complete);
  q.rule = 1;
  CHECK(find_message(rules, q).witness);  // an unknown may hold
  q.rule = 3;
  const MessageSearch after = find_message(rules, q);
  CHECK_FALSE(after.witness);
  CHECK(after.complete);
  q.rule = 2;
  CHECK_FALSE(find_message(rules, q, 0).complete);  // no budget: no answer, and it says so
}
