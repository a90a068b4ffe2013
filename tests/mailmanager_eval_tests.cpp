// The traffic-policy search against brute force: random policies over a small attribute space
// (IPv4 and IPv6 ranges, TLS versions, recipients over a three-letter alphabet, an add-on verdict,
// an address list), random queries; the search must find a connection exactly when enumerating
// every connection of the space finds one, and its witness must satisfy the query.
#include <catch2/catch.hpp>

#include <deque>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>

#include "mailmanager/string_classes.hpp"
#include "seslint/lint.hpp"
#include "seslint/mailmanager_eval.hpp"

using namespace seslint;
using namespace seslint::mm;

namespace {

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool coin() { return pick(2) == 1; }

  std::string word() {
    std::string out;
    for (int i = 0, n = 1 + pick(2); i < n; ++i) out += "ab"[pick(2)];
    return out;
  }

  std::string condition() {
    switch (pick(6)) {
      case 0: {
        std::vector<std::string> values;
        for (int i = 0, n = 1 + pick(2); i < n; ++i)
          values.push_back(pick(6) == 0 ? "\"0.0.0.0/0\"" : fmt::format("\"10.0.0.{}/{}\"", pick(16), 28 + pick(5)));
        return fmt::format(R"({{"IpExpression":{{"Evaluate":{{"Attribute":"SENDER_IP"}},"Operator":"{}","Values":[{}]}}}})",
                           coin() ? "CIDR_MATCHES" : "NOT_CIDR_MATCHES", fmt::join(values, ","));
      }
      case 1: {
        const std::string value = pick(5) == 0 ? "::/0" : fmt::format("2001:db8::{}/{}", pick(8), 125 + pick(4));
        return fmt::format(R"({{"Ipv6Expression":{{"Evaluate":{{"Attribute":"SENDER_IPV6"}},"Operator":"{}","Values":["{}"]}}}})",
                           coin() ? "CIDR_MATCHES" : "NOT_CIDR_MATCHES", value);
      }
      case 2:
        return fmt::format(R"({{"TlsExpression":{{"Evaluate":{{"Attribute":"TLS_PROTOCOL"}},"Operator":"{}","Value":"{}"}}}})",
                           coin() ? "MINIMUM_TLS_VERSION" : "IS", coin() ? "TLS1_2" : "TLS1_3");
      case 3: {
        static const char* ops[] = {"EQUALS", "NOT_EQUALS", "STARTS_WITH", "ENDS_WITH", "CONTAINS"};
        std::vector<std::string> values;
        for (int i = 0, n = 1 + pick(2); i < n; ++i) values.push_back(fmt::format("\"{}\"", word()));
        return fmt::format(R"({{"StringExpression":{{"Evaluate":{{"Attribute":"RECIPIENT"}},"Operator":"{}","Values":[{}]}}}})",
                           ops[pick(5)], fmt::join(values, ","));
      }
      case 4:
        return fmt::format(R"({{"BooleanExpression":{{"Evaluate":{{"Analysis":{{"Analyzer":"arn:ai","ResultField":"spam"}}}},"Operator":"{}"}}}})",
                           coin() ? "IS_TRUE" : "IS_FALSE");
      default:
        return fmt::format(R"({{"BooleanExpression":{{"Evaluate":{{"IsInAddressList":{{"Attribute":"RECIPIENT","AddressLists":["arn:list"]}}}},"Operator":"{}"}}}})",
                           coin() ? "IS_TRUE" : "IS_FALSE");
    }
  }

  std::string policy(int statements) {
    std::vector<std::string> out;
    for (int s = 0; s < statements; ++s) {
      std::vector<std::string> conditions;
      for (int c = 0, n = 1 + pick(3); c < n; ++c) conditions.push_back(condition());
      out.push_back(fmt::format(R"({{"Action":"{}","Conditions":[{}]}})", coin() ? "ALLOW" : "DENY",
                                fmt::join(conditions, ",")));
    }
    return fmt::format(R"({{"TrafficPolicyId":"tp-1","DefaultAction":"{}","PolicyStatements":[{}]}})",
                       coin() ? "ALLOW" : "DENY", fmt::join(out, ","));
  }

 private:
  std::mt19937 rng_;
};

std::vector<Connection> universe() {
  std::vector<IpNetwork> senders;
  std::vector<std::string> addresses = {"0.0.0.0", "9.255.255.255", "10.0.0.16", "255.255.255.255",
                                        "::", "2001:db8::8", "ffff::1", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff"};
  for (int i = 0; i < 16; ++i) addresses.push_back(fmt::format("10.0.0.{}", i));
  for (int i = 0; i < 8; ++i) addresses.push_back(fmt::format("2001:db8::{}", i));
  for (const auto& text : addresses) senders.push_back(*parse_ip_network(text));
  std::vector<std::string> recipients = {""};
  for (std::size_t begin = 0, length = 0; length < 3; ++length) {
    const std::size_t end = recipients.size();
    for (std::size_t i = begin; i < end; ++i)
      for (const char c : std::string_view("ab@")) recipients.push_back(recipients[i] + c);
    begin = end;
  }
  std::vector<Connection> out;
  for (const auto& sender : senders)
    for (const Tls tls : {Tls::Plaintext, Tls::Legacy, Tls::V1_2, Tls::V1_3})
      for (const auto& recipient : recipients)
        for (const bool spam : {false, true})
          for (const bool listed : {false, true}) {
            Connection c;
            c.sender = sender;
            c.tls = tls;
            c.recipient = recipient;
            c.analysis["arn:ai spam"] = spam ? "true" : "false";
            c.in_address_list["arn:list"] = listed;
            out.push_back(std::move(c));
          }
  return out;
}

bool satisfies(const TrafficQuery& query, const Connection& connection, const TrafficOutcome& outcome) {
  if (query.decision && outcome.decision != *query.decision) return false;
  for (const auto s : query.must_match)
    if (!outcome.matched[s]) return false;
  for (const auto s : query.must_not_match)
    if (outcome.matched[s]) return false;
  if (!query.tls.empty() && std::find(query.tls.begin(), query.tls.end(), connection.tls) == query.tls.end()) return false;
  if (query.ingress != nullptr && !ingress_accepts(*query.ingress, connection)) return false;
  return !query.ipv6 || connection.sender.v6 == *query.ipv6;
}

// Ingress points that fix TLS and the sender's family in every way the model tells apart.
std::deque<Resource> ingress_variants(std::deque<ParseResult>& trees) {
  std::deque<Resource> out;
  for (const char* tls : {"", R"("TlsPolicy":"REQUIRED",)", R"("TlsPolicy":"OPTIONAL",)", R"("TlsPolicy":"FIPS",)"})
    for (const char* network : {"", R"(,"NetworkConfiguration":{"PublicNetworkConfiguration":{"IpType":"IPV4"}})",
                                R"(,"NetworkConfiguration":{"PublicNetworkConfiguration":{"IpType":"DUAL_STACK"}})",
                                R"(,"NetworkConfiguration":{"PrivateNetworkConfiguration":{"VpcEndpointId":"vpce-1"}})"}) {
      trees.push_back(parse_json(fmt::format(R"({{"IngressPointId":"inp-1",{}"Type":"OPEN","RuleSetId":"rs-1"{}}})", tls, network)));
      Resource& resource = out.emplace_back();
      resource.kind = Kind::IngressPoint;
      resource.node = &*trees.back().root;
      build_resource(resource);
    }
  return out;
}

TrafficQuery random_query(Generator& g, std::size_t statements) {
  TrafficQuery query;
  if (g.pick(3) != 0) query.decision = g.coin() ? Decision::Allow : Decision::Deny;
  for (std::size_t s = 0; s < statements; ++s) {
    const int role = g.pick(5);
    if (role == 0) query.must_match.push_back(s);
    if (role == 1) query.must_not_match.push_back(s);
  }
  if (g.coin())
    for (const Tls tls : {Tls::Plaintext, Tls::Legacy, Tls::V1_2, Tls::V1_3})
      if (g.coin()) query.tls.push_back(tls);
  if (g.pick(3) == 0) query.ipv6 = g.coin();
  return query;
}

}  // namespace

TEST_CASE("traffic-policy search agrees with brute force") {
  Generator g(20261202);
  const auto connections = universe();
#ifdef SESLINT_SANITIZED_TESTS
  constexpr int kRounds = 80;  // the sanitizer build is several times slower
#else
  constexpr int kRounds = 500;
#endif
  std::deque<ParseResult> trees;
  const std::deque<Resource> ingresses = ingress_variants(trees);
  Generator at(20261203);  // picks the ingress points from a stream of its own: `g` draws as before
  std::size_t queries = 0, disagreements = 0, reachable = 0;
  for (int round = 0; round < kRounds; ++round) {
    const std::string text = g.policy(1 + g.pick(4));
    const ParseResult parsed = parse_json(text);
    REQUIRE(parsed.root);
    Resource resource;
    resource.kind = Kind::TrafficPolicy;
    resource.node = &*parsed.root;
    build_resource(resource);
    const TrafficPolicy& policy = resource.traffic_policy;
    std::vector<TrafficOutcome> outcomes;
    outcomes.reserve(connections.size());
    for (const auto& connection : connections) outcomes.push_back(evaluate(policy, connection));
    for (int q = 0; q < 10; ++q) {
      TrafficQuery query = random_query(g, policy.statements.size());
      if (at.coin()) query.ingress = &ingresses[static_cast<std::size_t>(at.pick(static_cast<int>(ingresses.size())))].ingress;
      bool exists = false;
      for (std::size_t i = 0; i < connections.size() && !exists; ++i) exists = satisfies(query, connections[i], outcomes[i]);
      const SearchResult result = find_connection(policy, query);
      ++queries;
      reachable += exists ? 1 : 0;
      REQUIRE(result.complete);
      if (result.witness.has_value() != exists) {
        ++disagreements;
        UNSCOPED_INFO(text);
      }
      if (result.witness) CHECK(satisfies(query, *result.witness, evaluate(policy, *result.witness)));
    }
  }
  CHECK(disagreements == 0);
  CHECK(queries == kRounds * 10u);
  CHECK(reachable > queries / 5);  // both answers are exercised
  CHECK(queries - reachable > queries / 5);
}

TEST_CASE("string classes tell apart every combination a brute force finds") {
  Generator g(7);
  std::vector<std::string> strings = {""};
  for (std::size_t begin = 0, length = 0; length < 5; ++length) {
    const std::size_t end = strings.size();
    for (std::size_t i = begin; i < end; ++i)
      for (const char c : std::string_view("abc")) strings.push_back(strings[i] + c);
    begin = end;
  }
  auto signature = [](const std::vector<std::string>& literals, const std::string& s) {
    std::string out;
    for (const auto& l : literals)
      out += fmt::format("{}{}{}{}", s == l, s.starts_with(l), s.ends_with(l), s.find(l) != std::string::npos);
    return out;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> literals;
    for (int i = 0, n = 1 + g.pick(3); i < n; ++i) literals.push_back(g.word());
    std::set<std::string> brute, found;
    for (const auto& s : strings) brute.insert(signature(literals, s));
    const auto classes = string_classes(literals);
    REQUIRE(classes.complete);
    for (const auto& w : classes.witnesses) {
      found.insert(signature(literals, w));
      if (w.size() <= 5) CHECK(brute.count(signature(literals, w)) == 1);
    }
    INFO(fmt::format("{}", fmt::join(literals, " ")));
    for (const auto& sig : brute) CHECK(found.count(sig) == 1);
  }
}

// The rule-set search asks of each literal only the relations its conditions use: the classes must
// still tell apart every combination of those outcomes a brute force over short strings finds.
TEST_CASE("string classes over chosen relations tell apart every combination a brute force finds") {
  Generator g(11);
  std::vector<std::string> strings = {""};
  for (std::size_t begin = 0, length = 0; length < 5; ++length) {
    const std::size_t end = strings.size();
    for (std::size_t i = begin; i < end; ++i)
      for (const char c : std::string_view("abc")) strings.push_back(strings[i] + c);
    begin = end;
  }
  auto signature = [](const std::vector<StringTest>& tests, const std::string& s) {
    std::string out;
    for (const auto& [l, relations] : tests) {
      if (relations & kEquals) out += s == l ? '1' : '0';
      if (relations & kStartsWith) out += s.starts_with(l) ? '1' : '0';
      if (relations & kEndsWith) out += s.ends_with(l) ? '1' : '0';
      if (relations & kContains) out += s.find(l) != std::string::npos ? '1' : '0';
    }
    return out;
  };
  std::size_t cases = 0;
  for (int round = 0; round < 300; ++round) {
    std::map<std::string, unsigned> chosen;
    for (int i = 0, n = 1 + g.pick(4); i < n; ++i) chosen[g.word()] |= 1u << g.pick(4);
    std::vector<StringTest> tests;
    for (const auto& [literal, relations] : chosen) tests.push_back({literal, relations});
    std::set<std::string> brute, found;
    for (const auto& s : strings) brute.insert(signature(tests, s));
    const auto classes = string_classes(tests);
    REQUIRE(classes.complete);
    for (const auto& w : classes.witnesses) found.insert(signature(tests, w));
    CHECK(found.size() == classes.witnesses.size());  // one witness per class
    for (const auto& sig : brute) CHECK(found.count(sig) == 1);
    ++cases;
  }
  CHECK(cases == 300);
}

// MM003 asks small policies (the ALLOW statement and the DENY statements that overlap it) instead
// of the whole one: its findings must be exactly the ALLOW statements a brute force finds shadowed.
TEST_CASE("MM003 agrees with brute force on which ALLOW statements are shadowed") {
  Generator g(20261203);
  const auto connections = universe();
  const Linter linter(LintOptions{});
#ifdef SESLINT_SANITIZED_TESTS
  constexpr int kRounds = 60;
#else
  constexpr int kRounds = 400;
#endif
  std::size_t disagreements = 0, shadowed = 0;
  for (int round = 0; round < kRounds; ++round) {
    const std::string text = g.policy(2 + g.pick(5));
    const ParseResult parsed = parse_json(text);
    REQUIRE(parsed.root);
    Resource resource;
    resource.kind = Kind::TrafficPolicy;
    resource.node = &*parsed.root;
    build_resource(resource);
    const TrafficPolicy& policy = resource.traffic_policy;
    std::set<std::string> expected;
    for (const auto& allow : policy.statements) {
      if (!allow.action.is("ALLOW")) continue;
      bool matches = false, escapes = false;
      for (const auto& connection : connections) {
        const auto outcome = evaluate(policy, connection);
        if (!outcome.matched[allow.index]) continue;
        matches = true;
        bool denied = false;
        for (const auto& deny : policy.statements) denied = denied || (deny.action.is("DENY") && outcome.matched[deny.index]);
        escapes = escapes || !denied;
      }
      if (matches && !escapes) expected.insert(fmt::format("/PolicyStatements/{}/Action", allow.index));
    }
    std::set<std::string> actual;
    for (const auto& finding : linter.lint_source("tp.json", text).findings)
      if (finding.rule_id == "MM003") actual.insert(finding.pointer);
    shadowed += expected.size();
    if (actual != expected) {
      ++disagreements;
      UNSCOPED_INFO(text);
    }
  }
  CHECK(disagreements == 0);
  CHECK(shadowed >= kRounds / 20u);  // the answer "shadowed" is exercised (5 of the 60 sanitizer rounds)
}

// The ingress point fixes TLS and the sender's family; every other attribute is the policy's.
TEST_CASE("an ingress point accepts plaintext only under TlsPolicy OPTIONAL and IPv6 only when DUAL_STACK") {
  std::deque<ParseResult> trees;
  const std::deque<Resource> ingresses = ingress_variants(trees);
  REQUIRE(ingresses.size() == 16);
  for (const Resource& resource : ingresses) {
    const IngressPoint& ingress = resource.ingress;
    INFO(resource.node->text << ingress.tls_policy.value << ' ' << ingress.ip_type.value << ' ' << ingress.private_network);
    const bool optional = ingress.tls_policy.is("OPTIONAL");
    CHECK(ingress_accepts(ingress, Tls::Plaintext) == optional);
    CHECK(ingress_accepts(ingress, Tls::Legacy) == optional);
    CHECK(ingress_accepts(ingress, Tls::V1_2));
    CHECK(ingress_accepts(ingress, Tls::V1_3));
    CHECK(ingress_accepts_sender(ingress, false));
    CHECK(ingress_accepts_sender(ingress, true) == ingress.ip_type.is("DUAL_STACK"));
  }
}

namespace {

// A template with traffic policy Edge and one ingress point per entry of `ingresses` ("Name": properties).
std::string template_with(const std::string& statements, const std::vector<std::pair<std::string, std::string>>& ingresses) {
  std::string out = R"({"Resources":{"Edge":{"Type":"AWS::SES::MailManagerTrafficPolicy","Properties":{"DefaultAction":"ALLOW",
      "MaxMessageSizeBytes":10485760,"PolicyStatements":[)" + statements + "]}}";
  for (const auto& [name, properties] : ingresses)
    out += fmt::format(R"(,"{}":{{"Type":"AWS::SES::MailManagerIngressPoint","Properties":{{"Type":"OPEN","RuleSetId":"rs-1",
        "TrafficPolicyId":{{"Ref":"Edge"}}{}}}}})", name, properties);
  return out + "}}";
}

std::vector<std::string> messages_of(const std::string& text, std::string_view rule) {
  LintOptions options;
  const FileResult result = Linter(options).lint_source("t.json", text);
  std::vector<std::string> out;
  for (const auto& finding : result.findings)
    if (finding.rule_id == rule) out.push_back(finding.message);
  return out;
}

const char* const kDenyV4 =
    R"({"Action":"DENY","Conditions":[{"IpExpression":{"Evaluate":{"Attribute":"SENDER_IP"},"Operator":"CIDR_MATCHES","Values":["192.0.2.0/24"]}}]})";
const char* const kDenyTls =  // refuses every TLS session: only plaintext gets through
    R"({"Action":"DENY","Conditions":[{"TlsExpression":{"Evaluate":{"Attribute":"TLS_PROTOCOL"},"Operator":"MINIMUM_TLS_VERSION","Value":"TLS1_2"}}]})";
const char* const kDualStack = R"(,"NetworkConfiguration":{"PublicNetworkConfiguration":{"IpType":"DUAL_STACK"}})";

}  // namespace

// Issue 17: MM008 printed "without TLS" for an ingress point that requires TLS.
TEST_CASE("MM008's witness is a connection its ingress point accepts") {
  const auto required = messages_of(template_with(kDenyV4, {{"Mx", kDualStack}}), "MM008");  // TlsPolicy: region default
  REQUIRE(required.size() == 1);
  CHECK(required[0].find("from 2001:db8::9 over TLS 1.2") != std::string::npos);
  CHECK(required[0].find("without TLS") == std::string::npos);
  // One policy, two ingress points: each finding's witness is for the ingress point it names.
  const auto both = messages_of(template_with(std::string(kDenyV4) + "," + kDenyTls,
                                              {{"Strict", std::string(R"(,"TlsPolicy":"REQUIRED")") + kDualStack},
                                               {"Loose", std::string(R"(,"TlsPolicy":"OPTIONAL")") + kDualStack}}),
                                "MM008");
  REQUIRE(both.size() == 1);  // Strict accepts no connection the policy lets through: no claim
  CHECK(both[0].find("from 2001:db8::9 without TLS") != std::string::npos);
}

TEST_CASE("MM005's witness is a connection its ingress point accepts") {
  const std::string v6_plaintext_only =
      std::string(kDenyV4) + R"(,{"Action":"DENY","Conditions":[{"IpExpression":{"Evaluate":{"Attribute":"SENDER_IP"},
      "Operator":"CIDR_MATCHES","Values":["0.0.0.0/0"]}}]})";
  CHECK(messages_of(template_with(v6_plaintext_only, {{"Mx", R"(,"TlsPolicy":"OPTIONAL")"}}), "MM005").empty());
  const auto dual = messages_of(template_with(v6_plaintext_only, {{"Mx", std::string(R"(,"TlsPolicy":"OPTIONAL")") + kDualStack}}), "MM005");
  REQUIRE(dual.size() == 1);
  CHECK(dual[0].find("from 2001:db8::9 without TLS") != std::string::npos);
}

// Issue 17: an add-on instance named by Ref / Fn::GetAtt in a template is a known analyzer (the same
// one wherever it is named), so the policy is judged; an imported one stays unknown (no claim).
TEST_CASE("a template's Analyzer given by GetAtt is an add-on of the template, an import is unknown") {
  auto with_analyzer = [](const std::string& analyzer) {
    return template_with(R"({"Action":"DENY","Conditions":[{"BooleanExpression":{"Evaluate":{"Analysis":{"Analyzer":)" +
                             analyzer + R"(,"ResultField":"addon.is_listed"}},"Operator":"IS_TRUE"}}]})",
                         {{"Mx", kDualStack}});
  };
  const auto getatt = messages_of(with_analyzer(R"({"Fn::GetAtt":["Spamhaus","AddonInstanceArn"]})"), "MM008");
  REQUIRE(getatt.size() == 1);
  CHECK(getatt[0].find("from 2001:db8::9 over TLS 1.2") != std::string::npos);
  CHECK(messages_of(with_analyzer(R"({"Fn::ImportValue":"spamhaus-arn"})"), "MM008").empty());
}
