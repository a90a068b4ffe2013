#include <catch2/catch.hpp>

#include "seslint/policy.hpp"

#include "policy_fixture.hpp"

using namespace seslint;

namespace {
ParsedPolicy build(std::string_view text, std::optional<PolicyKind> declared = std::nullopt) {
  return parsed_policy(text, declared);
}
}  // namespace

TEST_CASE("statements as an object or an array") {
  auto single = build(R"({"Statement": {"Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*"}})");
  REQUIRE(single.policy.statements.size() == 1);
  CHECK(single.policy.statements[0].effect == Effect::Allow);
  CHECK(single.policy.statements[0].node->pointer == "/Statement");
  auto list = build(R"({"Statement": [{"Effect": "Deny", "NotAction": ["a", "b"]}, 5, {"Sid": "X"}]})");
  REQUIRE(list.policy.statements.size() == 2);
  CHECK(list.policy.statements[0].action->negated);
  CHECK(list.policy.statements[0].action->values.size() == 2);
  CHECK(list.policy.statements[1].index == 2);
  CHECK(list.policy.statements[1].label() == "statement 'X'");
  CHECK(list.policy.statements[1].effect == Effect::Invalid);
}

TEST_CASE("condition clauses keep qualifier, operator, IfExists, key and values") {
  auto parsed = build(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
      "ForAllValues:StringLikeIfExists": {"ses:Recipients": ["*@a.com", "*@b.com"]},
      "Bool": {"aws:SecureTransport": true},
      "NumericLessThan": {"s3:max-keys": 10}}}})");
  const Statement& st = parsed.policy.statements[0];
  REQUIRE(st.clauses.size() == 3);
  const auto& op = st.operator_of(st.clauses[0]);
  CHECK(op.parsed.qualifier == SetQualifier::ForAllValues);
  CHECK(op.parsed.if_exists);
  CHECK(st.clauses[0].key_member->key == "ses:Recipients");
  CHECK(st.clauses[0].values.size() == 2);
  CHECK(st.clauses[0].values[1].node->pointer == "/Statement/Condition/ForAllValues:StringLikeIfExists/ses:Recipients/1");
  CHECK(st.clauses[1].values[0].text == "true");
  CHECK(st.clauses[2].values[0].text == "10");
}

TEST_CASE("policy kind inference") {
  CHECK(build(R"({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}})").policy.kind ==
        PolicyKind::Identity);
  CHECK(build(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject"}})")
            .policy.kind == PolicyKind::Resource);
  CHECK(build(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": ["ses:SendEmail", "SES:SendRawEmail"]}})")
            .policy.kind == PolicyKind::SesIdentity);
  CHECK(build(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*",
      "Resource": "arn:aws:ses:us-east-1:111122223333:identity/example.com"}})").policy.kind == PolicyKind::SesIdentity);
  // Trust only when unambiguous: every statement has a Principal and only trust actions.
  CHECK(build(R"({"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
      {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"},
       "Action": ["sts:AssumeRoleWithSAML", "STS:TagSession", "sts:SetSourceIdentity"]}]})").policy.kind == PolicyKind::Trust);
  CHECK(build(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:*"}})")
            .policy.kind == PolicyKind::Resource);
  CHECK(build(R"({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"},
      {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})").policy.kind == PolicyKind::Resource);
  CHECK(build(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "NotAction": "sts:AssumeRole"}})")
            .policy.kind == PolicyKind::Resource);
  CHECK(is_trust_action("sts:AssumeRoleWithWebIdentity"));
  CHECK_FALSE(is_trust_action("sts:GetCallerIdentity"));
  CHECK(parse_policy_kind("trust") == PolicyKind::Trust);
  CHECK(to_string(PolicyKind::Trust) == "trust");
  auto declared = build(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*"}})", PolicyKind::Identity);
  CHECK(declared.policy.kind == PolicyKind::Identity);
  CHECK(declared.policy.kind_declared);
}

TEST_CASE("principal forms") {
  auto parsed = build(R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "x"},
      {"Effect": "Deny", "NotPrincipal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:user/a"], "Service": "ses.amazonaws.com"}, "Action": "x"}]})");
  CHECK(parsed.policy.statements[0].principal->wildcard);
  const auto& second = *parsed.policy.statements[1].principal;
  CHECK(second.negated);
  REQUIRE(second.entries.size() == 2);
  CHECK(second.entries[0].values.size() == 2);
  CHECK(second.entries[1].member->key == "Service");
}
