// Reachability at scale: the search agrees with a plain enumeration of the product, shares work
// across statements, and stops at its work budget with a note instead of hanging.
#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include <fmt/format.h>

#include "seslint/engine.hpp"
#include "seslint/ip.hpp"
#include "seslint/eval.hpp"
#include "seslint/reach.hpp"

#include "eval/value_index.hpp"

using namespace seslint;

namespace {

constexpr const char* kIdentity = "arn:aws:ses:us-east-1:111122223333:identity/acme-corp.io";

struct Loaded {
  ParseResult json;
  Policy policy;
};

std::unique_ptr<Loaded> load(const std::string& text) {
  auto out = std::make_unique<Loaded>();
  out->json = parse_json(text);
  REQUIRE(out->json.root);
  out->policy = build_policy(*out->json.root, PolicyKind::Identity);
  return out;
}

// A random statement over three keys, with the operators whose classes reachability enumerates.
std::string random_statement(std::mt19937& random) {
  const char* keys[] = {"aws:PrincipalTag/team", "aws:RequestTag/env", "ses:FromAddress"};
  const char* values[] = {"a", "b", "a*", "noreply@acme-corp.io", "*@acme-corp.io"};
  const char* operators[] = {"StringEquals", "StringNotEquals", "StringLike", "StringNotLike",
                             "StringEqualsIfExists", "StringNotEqualsIfExists", "Null"};
  std::string condition, first_operator;
  const int clauses = static_cast<int>(random() % 3);
  for (int i = 0; i < clauses; ++i) {
    const std::string op = operators[random() % 7];
    if (op == first_operator) continue;  // one block per operator
    first_operator = op;
    const std::string value = op == "Null" ? (random() % 2 ? "true" : "false") : values[random() % 5];
    condition += fmt::format(R"({}"{}": {{"{}": "{}"}})", condition.empty() ? "" : ", ", op, keys[(random() + i) % 3], value);
  }
  // Other actions and identities too: statements that never apply must not count as Allows.
  const char* actions[] = {"ses:SendRawEmail", "ses:SendRawEmail", "ses:Send*", "sns:Publish"};
  const char* resources[] = {"*", "*", kIdentity, "arn:aws:ses:us-east-1:111122223333:identity/other.io",
                             "arn:aws:ses:*:*:identity/acme-*"};
  const char* effect = random() % 3 == 0 ? "Deny" : "Allow";
  const char* action = actions[random() % 4];
  const char* resource = resources[random() % 5];
  return fmt::format(R"({{"Effect": "{}", "Action": "{}", "Resource": "{}"{}}})", effect, action, resource,
                     condition.empty() ? "" : R"(, "Condition": {)" + condition + "}");
}

// Every request over the values the policy mentions, one fresh value and absence, for three keys.
bool any_allowed_by_enumeration(const eval::PolicySet& set, const std::function<bool(const eval::Request&)>& p) {
  const std::vector<std::string> keys = {"aws:PrincipalTag/team", "aws:RequestTag/env", "ses:FromAddress"};
  const std::vector<std::string> values = {"a", "b", "a*", "ax", "noreply@acme-corp.io", "*@acme-corp.io",
                                           "x@acme-corp.io", "fresh", ""};
  for (std::size_t i = 0; i < values.size() * values.size() * values.size(); ++i) {
    eval::Request request{"ses:SendRawEmail", kIdentity, "", "", {}};
    std::size_t rest = i;
    for (const auto& key : keys) {
      const auto& value = values[rest % values.size()];
      rest /= values.size();
      if (!value.empty()) request.context.set(key, {value});
    }
    eval::normalize(request);
    if ((!p || p(request)) && eval::evaluate(set, request).decision == eval::Decision::Allowed) return true;
  }
  return false;
}

// Sending with a From address no statement names, decided as soon as ses:FromAddress is set.
eval::ReachQuery fresh_from_query() {
  eval::ReachQuery query{"ses:SendRawEmail", kIdentity, "", "", {{"ses:FromAddress", {"fresh@acme-corp.io"}}}, {}};
  query.predicate = [](const eval::Request& r) {
    const auto* from = r.context.find("ses:FromAddress");
    return from != nullptr && (*from)[0] == "fresh@acme-corp.io";
  };
  query.predicate_keys = {"ses:FromAddress"};
  return query;
}

}  // namespace

TEST_CASE("reachability: the pruned search finds a witness exactly when enumerating the product does") {
  std::mt19937 random(15);
  const auto from_is_fresh = [](const eval::Request& r) {
    const auto* from = r.context.find("ses:FromAddress");
    return from != nullptr && (*from)[0] == "seslint-fresh@acme-corp.io";
  };
  for (int round = 0; round < 300; ++round) {
    std::string statements;
    const int count = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < count; ++i) statements += (i ? ", " : "") + random_statement(random);
    const auto loaded = load(R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}");
    const eval::PolicySet set{{&loaded->policy}, nullptr};
    INFO(statements);
    eval::ReachQuery any{"ses:SendRawEmail", kIdentity, "", "", {}, {}};
    const auto found = eval::find_allowed_request(set, any);
    CHECK(found.exhaustive);
    CHECK(found.witness.has_value() == any_allowed_by_enumeration(set, nullptr));
    if (found.witness) CHECK(eval::evaluate(set, *found.witness).decision == eval::Decision::Allowed);
    // The same with a predicate tested as soon as its key is set, and on complete requests only.
    eval::ReachQuery fresh{"ses:SendRawEmail", kIdentity, "", "", {{"ses:FromAddress", {"seslint-fresh@acme-corp.io"}}}, from_is_fresh};
    const bool early = eval::find_allowed_request(set, fresh).witness.has_value();
    fresh.predicate_keys = {"ses:FromAddress"};
    CHECK(eval::find_allowed_request(set, fresh).witness.has_value() == early);
  }
}

TEST_CASE("reachability: a clause's matches found from its side are the candidates its values match") {
  const std::vector<std::string> candidates = {
      "noreply@acme-corp.io", "NoReply@Acme-Corp.io", "app1-x@acme-corp.io", "app10-@acme-corp.io", "a", "ab", "abc",
      "b", "*", "a*b", "x@other.example", "", "seslint-fresh-value", "10.0.0.1", "10.0.1.255", "11.0.0.0",
      "10.0.0.0/24", "2600:1f18::1", "2600:1f18::ffff", "::1", "not an address"};
  const char* clauses[] = {
      R"("StringEquals": {"ses:FromAddress": ["noreply@acme-corp.io", "a", "missing"]})",
      R"("StringEqualsIgnoreCase": {"ses:FromAddress": ["NOREPLY@acme-corp.io", "AB"]})",
      R"("StringLike": {"ses:FromAddress": ["*@acme-corp.io", "a*", "app1*-*@acme-corp.io"]})",
      R"("StringLike": {"ses:FromAddress": ["*-?@acme-*", "*b", "?", "*"]})",
      R"("StringNotEqualsIgnoreCase": {"ses:FromAddress": ["NOREPLY@acme-corp.io", "a?C", "B"]})",
      R"("StringLike": {"ses:FromAddress": ["a*b", "*x*"]})",
      R"("BinaryEquals": {"aws:PrincipalTag/blob": ["ab", "Ab"]})",
      R"("IpAddress": {"aws:SourceIp": ["10.0.0.0/24", "10.0.1.0/24", "10.0.0.1", "2600:1f18::/112", "bad"]})",
      R"("NotIpAddress": {"aws:SourceIp": ["0.0.0.0/0", "::/0"]})"};
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  const eval::CandidateValues values(views);
  for (const char* clause : clauses) {
    INFO(clause);
    const auto loaded = load(fmt::format(R"({{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*", "Condition": {{{}}}}}}})", clause));
    const auto& statement = loaded->policy.statements.at(0);
    const auto index = eval::ValueIndex::build(loaded->policy, statement, statement.clauses.at(0));
    REQUIRE(index);
    std::vector<std::uint32_t> scanned, matched;
    for (std::uint32_t i = 0; i < candidates.size(); ++i)
      if (index->any_match(candidates[i])) scanned.push_back(i);
    index->matching(values, matched);
    CHECK(matched == scanned);
    CHECK_FALSE(scanned.empty());
  }
}

TEST_CASE("reachability: identical statements cost one search, not one per statement") {
  std::string statements;
  for (int i = 0; i < 800; ++i)
    statements += fmt::format(R"({}{{"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "{}", "Condition": {{"StringEquals": {{"ses:FromAddress": "noreply@acme-corp.io"}}}}}})",
                              i ? ", " : "", kIdentity);
  const auto loaded = load(R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}");
  const eval::PolicySet set{{&loaded->policy}, nullptr};
  const eval::ReachQuery query = fresh_from_query();
  auto& session = eval::reach_session(loaded->policy);
  const auto& first = session.find(set, query, "fresh");
  CHECK_FALSE(first.witness);
  CHECK(first.exhaustive);
  CHECK(first.tried < 10);                                 // decided on ses:FromAddress alone
  CHECK(&session.find(set, query, "fresh") == &first);     // asked again: the same answer
}

TEST_CASE("reachability: many clauses over keys with many representatives stay within the budget") {
  // Each statement names its own From pattern and range: tabling every clause over every
  // representative of ses:FromAddress and aws:SourceIp, and applying every From clause for every
  // From address tried, cost statements squared and ran out of the budget at this size.
  std::string statements;
  for (int i = 0; i < 4000; ++i) {
    const std::string condition =
        i % 2 == 0 ? fmt::format(R"("StringEquals": {{"aws:PrincipalTag/k{}": "v", "ses:FromAddress": "noreply@acme-corp.io"}})", i)
                   : fmt::format(R"("IpAddress": {{"aws:SourceIp": "{}.{}.{}.0/24"}}, "StringLike": {{"ses:FromAddress": "app{}-*@acme-corp.io"}})",
                                 11 + i / 65536, i / 256 % 256, i % 256, i);
    statements += fmt::format(R"({}{{"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "{}", "Condition": {{{}}}}})",
                              i ? ", " : "", kIdentity, condition);
  }
  const auto loaded = load(R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}");
  const eval::PolicySet set{{&loaded->policy}, nullptr};
  const eval::ReachQuery query = fresh_from_query();
  eval::ReachSession session;
  const auto& fresh = session.find(set, query, "fresh");
  CHECK_FALSE(fresh.witness);  // every statement pins the From address
  CHECK(fresh.exhaustive);
  const auto& any = session.find(set, {"ses:SendRawEmail", kIdentity, "", "", {}, {}}, {});
  REQUIRE(any.witness);
  CHECK(any.exhaustive);
  CHECK_FALSE(session.budget_spent());
}

TEST_CASE("reachability: value lists are indexed, not scanned per request") {
  std::string ranges, half;
  for (int i = 0; i < 10000; ++i) ranges += fmt::format(R"({}"{}.{}.{}.0/24")", i ? ", " : "", 11 + i / 65536, i / 256 % 256, i % 256);
  for (int i = 0; i < 5000; ++i) half += fmt::format(R"({}"{}.{}.{}.0/24")", i ? ", " : "", 11 + i / 65536, i / 256 % 256, i % 256);
  const auto loaded = load(fmt::format(R"({{"Version": "2012-10-17", "Statement": [
    {{"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*", "Condition": {{"IpAddress": {{"aws:SourceIp": [{}]}}}}}},
    {{"Effect": "Deny", "Action": "ses:*", "Resource": "*", "Condition": {{"NotIpAddress": {{"aws:SourceIp": [{}]}}}}}}]}})",
                                       ranges, half));
  const eval::PolicySet set{{&loaded->policy}, nullptr};
  eval::ReachQuery query{"ses:SendRawEmail", kIdentity, "", "", {}, {}};
  const auto result = eval::find_allowed_request(set, query);
  REQUIRE(result.witness);
  const auto address = parse_ip_network((*result.witness->context.find("aws:SourceIp"))[0]);
  REQUIRE(address);
  CHECK(parse_ip_network("11.0.0.0/11")->contains(*address));  // inside the Deny's 5,000 ranges
}

namespace {

// Six pigeons, five holes: no request escapes every Deny, and proving it takes a long search.
std::string pigeon_denies() {
  std::string denies;
  auto key = [](int pigeon, int hole) { return fmt::format("aws:PrincipalTag/p{}h{}", pigeon, hole); };
  for (int p = 0; p < 6; ++p) {
    std::string nowhere;
    for (int h = 0; h < 5; ++h) nowhere += fmt::format(R"({}"{}": "1")", h ? ", " : "", key(p, h));
    denies += fmt::format(R"(, {{"Effect": "Deny", "Action": "ses:*", "Resource": "*", "Condition": {{"StringNotEquals": {{{}}}}}}})", nowhere);
  }
  for (int h = 0; h < 5; ++h)
    for (int p = 0; p < 6; ++p)
      for (int q = p + 1; q < 6; ++q)
        denies += fmt::format(R"(, {{"Effect": "Deny", "Action": "ses:*", "Resource": "*", "Condition": {{"StringEquals": {{"{}": "1", "{}": "1"}}}}}})",
                              key(p, h), key(q, h));
  return denies;
}

// The SES rules' findings on `text` under a work budget of 20,000.
std::vector<Finding> ses_findings_within_budget(const std::string& text, std::string rule_id) {
  const auto loaded = load(text);
  Document document;
  document.path = "pigeons.json";
  document.root = &*loaded->json.root;
  document.policy = build_policy(*document.root, PolicyKind::Identity);
  document.policy->reach_cache = std::make_shared<eval::ReachSession>(20'000);
  const Engine engine(RuleCatalog::builtin(), RuleSelection{{std::move(rule_id)}, {}});
  return engine.run(document);
}

}  // namespace

TEST_CASE("reachability: past the work budget the answer is 'not exhaustive' and the rules say so in a note") {
  const std::string denies = pigeon_denies();
  const std::string text = fmt::format(R"({{"Version": "2012-10-17", "Statement": [
    {{"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "{}"}}{}]}})", kIdentity, denies);
  const auto loaded = load(text);
  const eval::PolicySet set{{&loaded->policy}, nullptr};
  eval::ReachSession session(20'000);
  const auto& result = session.find(set, {"ses:SendRawEmail", kIdentity, "", "", {}, {}}, {});
  CHECK_FALSE(result.witness);
  CHECK_FALSE(result.exhaustive);
  CHECK(session.budget_spent());
  CHECK_FALSE(session.find(set, {"ses:SendEmail", kIdentity, "", "", {}, {}}, {}).exhaustive);  // nothing left

  const auto findings = ses_findings_within_budget(text, "SES102");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == "SES102");
  CHECK(findings[0].level == Level::Note);
  CHECK(findings[0].message.rfind("analysis incomplete: ", 0) == 0);
  CHECK(findings[0].message.find("more statement") == std::string::npos);
}

TEST_CASE("reachability: one 'analysis incomplete' note per rule and policy, on the first statement, counting the rest") {
  // One cause (the policy's budget), so one note, however many statements it leaves undecided.
  std::string allows;
  for (int i = 0; i < 4; ++i)
    allows += fmt::format(R"({}{{"Sid": "Send{}", "Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*"}})",
                          i ? ", " : "", i);
  const std::string text =
      fmt::format(R"({{"Version": "2012-10-17", "Statement": [{}{}]}})", allows, pigeon_denies());
  for (const char* rule_id : {"SES101", "SES102", "SES103"}) {
    INFO(rule_id);
    const auto findings = ses_findings_within_budget(text, rule_id);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].level == Level::Note);
    CHECK(findings[0].message.rfind("analysis incomplete: ", 0) == 0);
    CHECK(findings[0].message.find("here and in 3 more statements") != std::string::npos);
    CHECK(findings[0].pointer == "/Statement/0/Action");
  }
}
