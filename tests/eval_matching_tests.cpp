// The evaluator's matching building blocks, tested directly (eval_tests.cpp tests them through
// whole decisions): action and resource matching, ARN globs, single conditions, multivalued keys;
// and the pattern covers of the redundancy rules.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/json.hpp"
#include "seslint/policy.hpp"

#include "policy_fixture.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/pattern_cover.hpp"

using namespace seslint;

namespace {

const std::string kIdentity = "arn:aws:ses:us-east-1:111122223333:identity/example.com";

ParsedPolicy identity_policy(std::string_view text) {
  ParsedPolicy out = parsed_policy(text, PolicyKind::Identity);
  REQUIRE(out.policy.statements.size() == 1);
  return out;
}

eval::Request send_raw(std::map<std::string, std::vector<std::string>> context = {}) {
  eval::Request request{"ses:SendRawEmail", kIdentity, "", "", {}};
  for (auto& [key, values] : context) request.context.set(key, std::move(values));
  eval::normalize(request);
  return request;
}

// Whether the one statement of `policy`, conditioned by `condition` (a JSON object), holds for `request`.
bool holds(const std::string& condition, const eval::Request& request) {
  const auto parsed = identity_policy(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "ses:SendRawEmail", "Resource": "*", "Condition": )" + condition + "}}");
  return eval::condition_holds(parsed.policy, parsed.policy.statements[0], request);
}

bool resource_matches(const std::string& pattern, const eval::Request& request, const std::string& version = "2012-10-17") {
  const auto parsed = identity_policy(R"({"Version": ")" + version +
                                      R"(", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})");
  return eval::resource_matches(parsed.policy, pattern, request);
}

}  // namespace

TEST_CASE("action_matches: service and name without regard to case, wildcards within the action") {
  CHECK(eval::action_matches("ses:SendRawEmail", "ses:SendRawEmail"));
  CHECK(eval::action_matches("SES:sendrawemail", "ses:SendRawEmail"));
  CHECK(eval::action_matches("ses:Send*", "SES:SENDRAWEMAIL"));
  CHECK(eval::action_matches("ses:*Raw*", "ses:SendRawEmail"));
  CHECK(eval::action_matches("ses:Send?awEmail", "ses:SendRawEmail"));
  CHECK(eval::action_matches("*", "s3:GetObject"));
  CHECK_FALSE(eval::action_matches("ses:Send?Email", "ses:SendRawEmail"));
  CHECK_FALSE(eval::action_matches("ses:SendEmail", "ses:SendRawEmail"));
  CHECK_FALSE(eval::action_matches("ses:Send*", "sesv2:SendEmail"));
  CHECK_FALSE(eval::action_matches("ses:SendRawEmail", "ses:SendRawEmailX"));
}

TEST_CASE("arn_glob_match: segment by segment, wildcards in the first five never crossing ':'") {
  const auto arn = [](std::string_view pattern, std::string_view text) {
    return eval::arn_glob_match(GlobPattern::wildcard(pattern), text);
  };
  CHECK(arn("arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:user/alice"));
  CHECK(arn("arn:aws:iam::*:user/alice", "arn:aws:iam::444455556666:user/alice"));
  CHECK(arn("arn:aws:iam::1111222233??:user/alice", "arn:aws:iam::111122223333:user/alice"));
  CHECK_FALSE(arn("arn:aws:iam::*:user/alice", "arn:aws:iam::444455556666:role/alice"));
  CHECK_FALSE(arn("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/Alice"));
  CHECK_FALSE(arn("arn:aws:iam::*:alice", "arn:aws:iam::111122223333:user/alice"));  // '*' stays in its segment
  CHECK(arn("arn:aws:iam::1111*:user/alice", "arn:aws:iam::111122223333:user/alice"));
  CHECK_FALSE(arn("arn:*:iam::111122223333:user/alice", "arn:aws:x:iam::111122223333:user/alice"));
  CHECK(arn("arn:AWS:IAM::111122223333:user/alice", "arn:aws:iam::111122223333:user/alice"));  // head: any case
  CHECK(arn("arn:aws:ses:us-east-1:111122223333:*", "arn:aws:ses:us-east-1:111122223333:identity/a:b"));
  CHECK_FALSE(arn("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333"));
}

TEST_CASE("resource_matches: case-insensitive head, case-sensitive resource part, '*' spanning '/' and ':'") {
  const auto request = send_raw();
  CHECK(resource_matches(kIdentity, request));
  CHECK(resource_matches("*", request));
  CHECK(resource_matches("arn:aws:ses:*:111122223333:identity/*", request));
  CHECK(resource_matches("arn:AWS:SES:US-EAST-1:111122223333:identity/example.com", request));
  CHECK(resource_matches("arn:aws:ses:us-east-1:111122223333:*", request));
  CHECK(resource_matches("arn:aws:ses:us-east-1:111122223333:identity*", request));
  CHECK_FALSE(resource_matches("arn:aws:ses:us-east-1:111122223333:identity/Example.com", request));
  CHECK_FALSE(resource_matches("arn:aws:ses:eu-west-1:111122223333:identity/example.com", request));
  CHECK_FALSE(resource_matches("arn:aws:ses:us-east-1:444455556666:identity/example.com", request));
  CHECK_FALSE(resource_matches("arn:aws:ses:us-east-1:111122223333:identity/example.co", request));
}

TEST_CASE("resource_matches: policy variables only under Version 2012-10-17, unresolved ones match nothing") {
  const auto with_user = send_raw({{"aws:username", {"example.com"}}});
  const std::string pattern = "arn:aws:ses:us-east-1:111122223333:identity/${aws:username}";
  CHECK(resource_matches(pattern, with_user));
  CHECK_FALSE(resource_matches(pattern, send_raw()));
  CHECK(resource_matches("arn:aws:ses:us-east-1:111122223333:identity/${aws:username, 'example.com'}", send_raw()));
  CHECK_FALSE(resource_matches(pattern, with_user, "2008-10-17"));
}

TEST_CASE("condition_holds: positive, negated and IfExists operators on a present and an absent key") {
  const auto inside = send_raw({{"aws:SourceIp", {"203.0.113.7"}}});
  const auto outside = send_raw({{"aws:SourceIp", {"198.51.100.1"}}});
  const auto absent = send_raw();
  const std::string ip = R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})";
  const std::string not_ip = R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})";
  const std::string ip_if_exists = R"({"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}})";
  CHECK(holds(ip, inside));
  CHECK_FALSE(holds(ip, outside));
  CHECK_FALSE(holds(ip, absent));
  CHECK_FALSE(holds(not_ip, inside));
  CHECK(holds(not_ip, outside));
  CHECK(holds(not_ip, absent));
  CHECK(holds(ip_if_exists, absent));
  CHECK_FALSE(holds(ip_if_exists, outside));
  CHECK(holds("{}", absent));
  // AND across operators and keys, OR across one key's values.
  CHECK(holds(R"({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]}})", inside));
  CHECK_FALSE(holds(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Null": {"aws:SourceVpce": "false"}})", inside));
}

TEST_CASE("condition_holds: keys without regard to case, values with it unless IgnoreCase") {
  const auto request = send_raw({{"ses:FromAddress", {"noreply@example.com"}}});
  CHECK(holds(R"({"StringEquals": {"SES:fromaddress": "noreply@example.com"}})", request));
  CHECK_FALSE(holds(R"({"StringEquals": {"ses:FromAddress": "NoReply@example.com"}})", request));
  CHECK(holds(R"({"StringEqualsIgnoreCase": {"ses:FromAddress": "NoReply@example.com"}})", request));
  CHECK(holds(R"({"StringLike": {"ses:FromAddress": "*@example.com"}})", request));
  CHECK_FALSE(holds(R"({"StringEquals": {"ses:FromAddress": "*@example.com"}})", request));  // '*' is literal here
}

TEST_CASE("condition_holds: set operators on a multivalued key") {
  const auto both_inside = send_raw({{"ses:Recipients", {"a@example.com", "b@example.com"}}});
  const auto one_outside = send_raw({{"ses:Recipients", {"a@example.com", "b@elsewhere.example"}}});
  const auto none = send_raw();
  const std::string all = R"({"ForAllValues:StringLike": {"ses:Recipients": "*@example.com"}})";
  const std::string any = R"({"ForAnyValue:StringLike": {"ses:Recipients": "*@example.com"}})";
  CHECK(holds(all, both_inside));
  CHECK_FALSE(holds(all, one_outside));
  CHECK(holds(all, none));  // vacuously
  CHECK(holds(any, one_outside));
  CHECK_FALSE(holds(any, none));
  // A plain operator on a multivalued key never holds (the oracle's reading), negated ones included.
  CHECK_FALSE(holds(R"({"StringLike": {"ses:Recipients": "*@example.com"}})", both_inside));
  CHECK_FALSE(holds(R"({"StringNotLike": {"ses:Recipients": "*@nowhere.example"}})", both_inside));
}

TEST_CASE("is_multivalued_key: the documented set keys, without regard to case") {
  CHECK(eval::is_multivalued_key("ses:Recipients"));
  CHECK(eval::is_multivalued_key("SES:recipients"));
  CHECK(eval::is_multivalued_key("aws:TagKeys"));
  CHECK(eval::is_multivalued_key("aws:CalledVia"));
  CHECK_FALSE(eval::is_multivalued_key("ses:FromAddress"));
  CHECK_FALSE(eval::is_multivalued_key("aws:SourceIp"));
}

namespace {

// covering_values as the rules define it: every earlier-or-broader value tried in index order.
std::vector<std::optional<std::size_t>> covering_values_by_scan(const ValueList& list, rules::ValueKind kind) {
  const auto covers = [kind](std::string_view cover, std::string_view covered) {
    if (kind == rules::ValueKind::Resource) return rules::arn_pattern_covers(cover, covered);
    const std::string_view prefix = cover.substr(0, cover.find(':'));
    if (cover != "*" && (prefix.find_first_of("*?") != std::string_view::npos)) return false;
    return rules::pattern_covers(cover, covered, true);
  };
  const auto& values = list.values;
  std::vector<std::optional<std::size_t>> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    for (std::size_t j = 0; j < values.size() && !out[i]; ++j) {
      if (i == j || out[j] || values[i].node->templated || values[j].node->templated) continue;
      if (covers(values[j].text, values[i].text) && !(j > i && covers(values[i].text, values[j].text))) out[i] = j;
    }
  return out;
}

std::string json_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) out += (out.size() > 1 ? ", \"" : "\"") + value + "\"";
  return out + "]";
}

}  // namespace

TEST_CASE("covering_values: the indexed search finds what a scan of every pair finds") {
  const std::vector<std::string> actions = {"s3:GetObject", "S3:getobject", "s3:Get*", "s3:*", "*", "s3:G?tObject",
                                            "s3:Get*Acl", "s3:GetObjectAcl", "ec2:Describe*", "EC2:DescribeInstances",
                                            "ec2:*Instances", "s*:GetObject", "*:Get*", "ses:Send*", "ses:SendEmail", "s3:"};
  const std::vector<std::string> resources = {
      "*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "ARN:aws:s3:::b/k", "arn:AWS:S3:::b/k", "arn:aws:s3:::b/K",
      "arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::*", "arn:aws:*:*:*:*", "arn:aws:ses:us-east-1:1:identity/*",
      "arn:aws:ses:*:1:identity/x", "arn:aws:ses:us-east-1:1:identity/x", "arn:aws:s?:::b/k", "arn:*", "b/k"};
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  const auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> action_values, resource_values;
    const std::size_t count = 1 + next(round % 2 == 0 ? 12 : 48);  // long lists: repeats in runs, case variants
    for (std::size_t k = 0; k < count; ++k) {
      action_values.push_back(actions[next(actions.size())]);
      resource_values.push_back(resources[next(resources.size())]);
    }
    const auto parsed = parsed_policy(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": )" +
                                      json_list(action_values) + R"(, "Resource": )" + json_list(resource_values) + "}}");
    const auto& statement = parsed.policy.statements.at(0);
    INFO(json_list(action_values) << " " << json_list(resource_values));
    const rules::Covers action_covers = rules::covering_values(*statement.action, rules::ValueKind::Action);
    const rules::Covers resource_covers = rules::covering_values(*statement.resource, rules::ValueKind::Resource);
    CHECK(action_covers.complete);
    CHECK(resource_covers.complete);
    CHECK(action_covers.of == covering_values_by_scan(*statement.action, rules::ValueKind::Action));
    CHECK(resource_covers.of == covering_values_by_scan(*statement.resource, rules::ValueKind::Resource));
  }
}

namespace {

// arn_pattern_covers as first written: both ARNs split into six parts, each part compared by
// pattern_covers, whole texts when either is not a six-part ARN.
bool arn_pattern_covers_by_parts(std::string_view cover, std::string_view covered) {
  if (cover == "*") return true;
  const auto parts = [](std::string_view arn) -> std::optional<std::array<std::string_view, 6>> {
    std::array<std::string_view, 6> out;
    for (std::size_t i = 0; i < 5; ++i) {
      const auto colon = arn.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      out[i] = arn.substr(0, colon);
      arn.remove_prefix(colon + 1);
    }
    out[5] = arn;
    return out;
  };
  const auto c = parts(cover), d = parts(covered);
  if (!c || !d) return rules::pattern_covers(cover, covered, false);
  for (std::size_t i = 0; i < 6; ++i)
    if (!rules::pattern_covers((*c)[i], (*d)[i], i > 0 && i < 5)) return false;
  return true;
}

}  // namespace

TEST_CASE("action_matches: the same answer as glob_match without case, on which rules rely to swap one for the other") {
  // Patterns and actions from pieces that share heads, differ in case, and carry '*', '?' and
  // encoded wildcard bytes anywhere: the literal-head shortcut must agree with the full matcher.
  const std::vector<std::string> pieces = {"iam", "IAM", ":", "Pass", "pass", "Role", "*", "?", "s", "\xFE", "\xFF", ""};
  std::uint64_t state = 0x853C49E6748FEA9BULL;
  const auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  const auto random_text = [&] {
    std::string out;
    for (std::size_t k = 0, count = next(6); k < count; ++k) out += pieces[next(pieces.size())];
    return out;
  };
  const std::vector<std::string> actions = {"iam:PassRole", "iam:CreateServiceLinkedRole", "IAM:passrole", "s3:GetObject"};
  std::size_t matched = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string pattern = random_text();
    const std::string action = next(2) == 0 ? actions[next(actions.size())] : random_text();
    INFO(pattern << " against " << action);
    const bool expected = glob_match(pattern, action, /*ignore_case=*/true);
    CHECK(eval::action_matches(pattern, action) == expected);
    matched += expected;
  }
  CHECK(matched > 1000);  // both answers occur
}

TEST_CASE("arn_pattern_covers: the same answer as comparing the six parts one by one, same parts included") {
  // ARNs assembled from parts that repeat, differ in case, or carry '*', '?' and encoded wildcard bytes.
  const std::vector<std::string> heads = {"arn", "ARN", "a*", "ar?"};
  const std::vector<std::string> services = {"s3", "S3", "s*", "s?", "", "ses"};
  const std::vector<std::string> regions = {"", "us-east-1", "US-EAST-1", "*", "us-?ast-1"};
  const std::vector<std::string> accounts = {"", "111122223333", "*", "1111222233?3"};
  const std::vector<std::string> tails = {"b/k", "b/*", "b/?", "b/K", "*", "b/k:x", "b/\xFE", "b/\xFF", "identity/x"};
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  const auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  const auto random_arn = [&]() -> std::string {
    if (next(10) == 0) return std::vector<std::string>{"*", "b/k", "arn:aws:s3", "arn:*"}[next(4)];
    return heads[next(heads.size())] + ":aws:" + services[next(services.size())] + ":" + regions[next(regions.size())] +
           ":" + accounts[next(accounts.size())] + ":" + tails[next(tails.size())];
  };
  std::size_t covered = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string a = random_arn();
    const std::string b = next(3) == 0 ? a : random_arn();  // the same text often, as in real lists
    INFO(a << " covering " << b);
    const bool expected = arn_pattern_covers_by_parts(a, b);
    CHECK(rules::arn_pattern_covers(a, b) == expected);
    covered += expected;
  }
  CHECK(covered > 2000);  // both answers occur
}

TEST_CASE("arn_patterns_overlap: two patterns overlap exactly when some string matches both, '?' and '${...}' read as '*'") {
  // Every string over {a, b, $} up to 6 characters: two globs of up to 3 wildcards or characters
  // that share a string share one that short (their heads, middle pieces and tails laid end to end).
  std::vector<std::string> texts = {""};
  for (std::size_t from = 0, length = 1; length <= 6; ++length) {
    const std::size_t to = texts.size();
    for (std::size_t k = from; k < to; ++k)
      for (const char c : {'a', 'b', '$'}) texts.push_back(texts[k] + c);
    from = to;
  }
  const auto shared = [&texts](const std::string& a, const std::string& b) {
    const auto star = [](std::string text) {
      for (std::size_t at; (at = text.find("${v}")) != std::string::npos;) text.replace(at, 4, "*");
      for (auto& c : text) c = c == '?' ? '*' : c;
      return text;
    };
    const std::string x = star(a), y = star(b);
    for (const auto& text : texts)
      if (glob_match(x, text) && glob_match(y, text)) return true;
    return false;
  };
  std::vector<std::string> globs = {""};
  for (std::size_t from = 0, length = 1; length <= 3; ++length) {
    const std::size_t to = globs.size();
    for (std::size_t k = from; k < to; ++k)
      for (const char c : {'a', 'b', '*'}) globs.push_back(globs[k] + c);
    from = to;
  }
  for (const auto& a : globs)
    for (const auto& b : globs) {
      INFO(a << " and " << b);
      REQUIRE(rules::catalog::arn_patterns_overlap(a, b) == shared(a, b));
    }
  const std::vector<std::string> tokens = {"a", "b", "*", "?", "${v}", "$"};
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  const auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  const auto pattern = [&] {
    std::string out;
    for (std::size_t n = next(4); n > 0; --n) out += tokens[next(tokens.size())];
    return out;
  };
  for (int round = 0; round < 3000; ++round) {
    const std::string a = pattern(), b = pattern();
    INFO(a << " and " << b);
    REQUIRE(rules::catalog::arn_patterns_overlap(a, b) == shared(a, b));
  }
}

TEST_CASE("PlacementFreeArn overlaps as arn_patterns_overlap does with the region and account fields as '*'") {
  const std::vector<std::string> fields = {"", "a", "b", "*", "a*", "*b", "${v}", "?"};
  const std::vector<std::string> formats = {"arn:${Partition}:s:${Region}:${Account}:a/${Name}", "arn:aws:s:::a",
                                            "arn:${Partition}:s::${Account}:b*", "arn:aws:t:x:y:a", "a", "*", ""};
  std::size_t overlapping = 0;
  for (const auto& partition : {"aws", "*"})
    for (const auto& region : fields)
      for (const auto& resource : fields)
        for (const auto& format : formats) {
          const std::string arn = fmt::format("arn:{}:s:{}:{}:{}", partition, region, region, resource);
          const std::string free = fmt::format("arn:{}:s:*:*:{}", partition, resource);
          INFO(arn << " and " << format);
          const bool expected = rules::catalog::arn_patterns_overlap(free, format);
          REQUIRE(rules::catalog::PlacementFreeArn(arn).overlaps(format) == expected);
          overlapping += expected;
        }
  CHECK(overlapping > 50);  // both answers occur
  // Not an ARN: compared as written.
  CHECK(rules::catalog::PlacementFreeArn("a*").overlaps("ab") == rules::catalog::arn_patterns_overlap("a*", "ab"));
  CHECK_FALSE(rules::catalog::PlacementFreeArn("x").overlaps("arn:aws:s:::a"));
}
