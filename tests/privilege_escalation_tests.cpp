// The shortcuts of IAM112 privilege-escalation against the straightforward answers.
// may_admit_pinned, taken before a reachability query that pins a context key: whenever the search
// finds an allowed request carrying the pinned value, the shortcut must have let the statement
// through (it may only answer "no" where the search would). ServiceActionValues: the same answer
// as a scan of every Action value.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include <fmt/format.h>

#include "policy_fixture.hpp"
#include "rules/support/pinned_condition.hpp"
#include "rules/support/service_action_values.hpp"
#include "seslint/eval.hpp"
#include "seslint/reach.hpp"
#include "seslint/text_match.hpp"

using namespace seslint;

namespace {

constexpr std::string_view kKey = "iam:PassedToService";

// One clause over the pinned key (in some spelling) or another, from operators of every kind.
std::string random_clause(std::mt19937& random) {
  const char* operators[] = {"StringEquals",     "StringEqualsIgnoreCase", "StringLike",
                             "StringNotEquals",  "StringNotLike",          "StringEqualsIfExists",
                             "StringLikeIfExists", "ForAnyValue:StringEquals", "ForAllValues:StringLike",
                             "stringequals",     "ArnLike",                "Null"};
  const char* keys[] = {"iam:PassedToService", "IAM:passedtoservice", "iam:PolicyARN"};
  const char* values[] = {"lambda.amazonaws.com", "LAMBDA.amazonaws.com", "ec2.amazonaws.com", "*.amazonaws.com",
                          "Lambda.*",             "l?mbda.amazonaws.com", "${aws:username}",   "true",
                          "false"};
  const auto pick = [&](auto& array) { return array[random() % std::size(array)]; };
  std::string list = fmt::format("\"{}\"", pick(values));
  if (random() % 2 == 0) list = fmt::format("[{}, \"{}\"]", list, pick(values));
  return fmt::format("\"{}\": {{\"{}\": {}}}", pick(operators), pick(keys), list);
}

// Is there an allowed iam:PassRole request whose iam:PassedToService is `service` (any case), as
// IAM112 asks?
bool reachable(const Policy& policy, std::string_view service) {
  const eval::PolicySet set{{&policy}, nullptr};
  eval::ReachQuery query{"iam:PassRole", "arn:aws:iam::111122223333:role/r", "arn:aws:iam::111122223333:user/u",
                         "111122223333", {}, {}};
  query.extra_values["aws:username"] = {"u"};
  query.extra_values[std::string(kKey)] = {std::string(service)};
  query.predicate = [service](const eval::Request& request) {
    const auto* values = request.context.find(kKey);
    return values != nullptr && values->size() == 1 && iequals(values->front(), service);
  };
  return eval::find_allowed_request(set, query).witness.has_value();
}

}  // namespace

TEST_CASE("may_admit_pinned: never rejects a statement through which the search reaches the pinned value") {
  std::mt19937 random(20261203);
  const char* services[] = {"lambda.amazonaws.com", "ec2.amazonaws.com", "glue.amazonaws.com"};
  std::size_t reached = 0, rejected = 0;
  for (int round = 0; round < 400; ++round) {
    std::string condition = random_clause(random);
    if (random() % 2 == 0) condition += ", " + random_clause(random);
    const std::string text = fmt::format(
        R"({{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", )"
        R"("Condition": {{{}}}}}}})",
        condition);
    const auto parsed = parsed_policy(text, PolicyKind::Identity);
    const Statement& statement = parsed.policy.statements.at(0);
    for (const char* service : services) {
      INFO(text << " with " << service);
      const bool admitted = rules::may_admit_pinned(statement, kKey, service);
      if (reachable(parsed.policy, service)) {
        ++reached;
        CHECK(admitted);
      }
      if (!admitted) ++rejected;
    }
  }
  // Both answers occur, so the check above is not vacuous and the shortcut does some work.
  CHECK(reached > 100);
  CHECK(rejected > 100);
}

TEST_CASE("may_admit_pinned: a positive String clause on the key rejects other services, in any key spelling") {
  const auto parsed = parsed_policy(
      R"({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
         "Condition": {"StringEquals": {"IAM:passedToService": "ec2.amazonaws.com"}}},
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
         "Condition": {"StringNotEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
         "Condition": {"StringLike": {"iam:PassedToService": "${aws:username}"}}}]})",
      PolicyKind::Identity);
  const auto& statements = parsed.policy.statements;
  CHECK(rules::may_admit_pinned(statements[0], kKey, "EC2.amazonaws.com"));
  CHECK_FALSE(rules::may_admit_pinned(statements[0], kKey, "lambda.amazonaws.com"));
  CHECK(rules::may_admit_pinned(statements[0], "iam:PolicyARN", "lambda.amazonaws.com"));  // another key: no say
  CHECK(rules::may_admit_pinned(statements[1], kKey, "ec2.amazonaws.com"));   // negated: left to the search
  CHECK(rules::may_admit_pinned(statements[2], kKey, "lambda.amazonaws.com"));  // a variable might be anything
}

namespace {

// Does an Allow statement name the action by a value other than "*" and "*:*" (not NotAction)?
bool named_by_scan(const Policy& policy, std::string_view action) {
  for (const auto& statement : policy.statements) {
    if (statement.effect != Effect::Allow || !statement.action || statement.action->negated) continue;
    for (const auto& value : statement.action->values)
      if (value.text != "*" && value.text != "*:*" && eval::action_matches(value.text, action)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("ServiceActionValues: names an action exactly when a scan of every Allow value does") {
  const char* values[] = {"iam:PassRole", "IAM:passrole", "iam:Pass*", "iam:*", "i*", "*", "*:*", "*:PassRole",
                          "ia?:PassRole", "iam*", "iam", "s3:GetObject", "s3:*", "iam:Put*Policy", "iAm:*User*",
                          "sts:AssumeRole", "i?m:CreateAccessKey", "iamx:PassRole"};
  const char* actions[] = {"iam:PassRole", "iam:PutUserPolicy", "iam:CreateAccessKey", "IAM:PassRole",
                           "iam:AttachGroupPolicy", "s3:GetObject", "sts:AssumeRole", "ec2:RunInstances"};
  std::mt19937 random(20261203);
  const auto pick = [&](auto& array) { return array[random() % std::size(array)]; };
  std::size_t named = 0;
  for (int round = 0; round < 300; ++round) {
    std::string statements;
    for (std::size_t k = 0, count = 1 + random() % 3; k < count; ++k) {
      std::string list;
      for (std::size_t v = 0, size = 1 + random() % 4; v < size; ++v) list += fmt::format("{}\"{}\"", v ? ", " : "", pick(values));
      statements += fmt::format(R"({}{{"Effect": "{}", "{}": [{}], "Resource": "*"}})", k ? ", " : "",
                                random() % 4 == 0 ? "Deny" : "Allow", random() % 4 == 0 ? "NotAction" : "Action", list);
    }
    const auto parsed = parsed_policy(fmt::format(R"({{"Version": "2012-10-17", "Statement": [{}]}})", statements),
                                      PolicyKind::Identity);
    const rules::ServiceActionValues iam_values(parsed.policy, "iam");
    for (const char* action : actions) {
      INFO(statements << " naming " << action);
      const bool expected = named_by_scan(parsed.policy, action);
      CHECK(iam_values.named(action) == expected);
      named += expected;
    }
  }
  CHECK(named > 300);  // both answers occur
}
