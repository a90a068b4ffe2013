#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "seslint/eval.hpp"
#include "seslint/glob.hpp"
#include "seslint/simulate.hpp"

using namespace seslint;
namespace fs = std::filesystem;

TEST_CASE("glob: '*' and '?' with literal escapes") {
  CHECK(glob_match("*@example.com", "noreply@example.com"));
  CHECK(glob_match("*@example.com", "@example.com"));
  CHECK_FALSE(glob_match("*@example.com", "a@example.org"));
  CHECK(glob_match("?oreply@*", "noreply@x"));
  CHECK_FALSE(glob_match("?oreply@*", "oreply@x"));
  CHECK(glob_match("a*b*c", "abc"));
  CHECK(glob_match("a*b*c", "aXbYbZc"));
  CHECK_FALSE(glob_match("a*b*c", "aXcYb"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("é?*", "éü"));  // '?' is one code point, not one byte
  CHECK_FALSE(glob_match("??", "é"));
  CHECK(glob_match("SES:SEND*", "ses:SendRawEmail", true));
  CHECK_FALSE(glob_match("SES:SEND*", "ses:SendRawEmail", false));
  GlobPattern literal = GlobPattern::literal("a*b");
  CHECK(literal.matches("a*b"));
  CHECK_FALSE(literal.matches("aXb"));
}

TEST_CASE("glob: no backtracking blow-up on long inputs") {
  // A pattern that takes exponential time in backtracking matchers (the oracle's takes >60 s).
  std::string pattern;
  for (int i = 0; i < 12; ++i) pattern += "*a";
  pattern += "*b";
  const std::string text(100000, 'a');
  // Not a timing assertion: a backtracking matcher simply does not finish these two.
  CHECK_FALSE(glob_match(pattern, text));
  CHECK(glob_match(pattern, text + "b"));
}

namespace {
void run_fixture_file(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::size_t count = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto expected = nlohmann::json::parse(line);
    const auto actual = nlohmann::json::parse(eval::run_case_line(line));
    INFO(path.filename().string() << " " << expected["id"] << ": " << line);
    CHECK(actual["id"] == expected["id"]);
    CHECK(actual["decision"] == expected["expect"]);
    ++count;
  }
  CHECK(count >= 100);
}
}  // namespace

TEST_CASE("evaluator: hand-checked edge cases (documentation where the oracle departs from it)") {
  run_fixture_file(fs::path(SESLINT_SOURCE_DIR) / "testdata" / "eval" / "edge-cases.jsonl");
}

TEST_CASE("evaluator: oracle-checked random cases") {
  run_fixture_file(fs::path(SESLINT_SOURCE_DIR) / "testdata" / "eval" / "oracle-random.jsonl");
}

TEST_CASE("evaluator: deciding statements are reported") {
  const auto parsed = parse_json(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": "ses:Send*", "Resource": "*"},
    {"Sid": "D", "Effect": "Deny", "Action": "ses:SendRawEmail", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]})");
  const Policy policy = build_policy(*parsed.root, PolicyKind::Identity);
  eval::Request request{"ses:SendRawEmail", "arn:aws:ses:us-east-1:111122223333:identity/example.com", "", "", {}};
  eval::normalize(request);
  auto result = eval::evaluate({{&policy}, nullptr}, request);
  CHECK(result.decision == eval::Decision::ExplicitlyDenied);  // no SourceIp: NotIpAddress is true
  REQUIRE(result.deciding.size() == 1);
  CHECK(result.deciding[0].statement->sid->text == "D");
  request.context.set("aws:SourceIp", {"198.51.100.7"});
  result = eval::evaluate({{&policy}, nullptr}, request);
  CHECK(result.decision == eval::Decision::Allowed);
  CHECK(result.deciding[0].statement->sid->text == "A");
}

TEST_CASE("evaluator: malformed cases are errors, not crashes") {
  CHECK(nlohmann::json::parse(eval::run_case_line("{"))["decision"] == "Error");
  CHECK(nlohmann::json::parse(eval::run_case_line(R"({"id": 1, "policy": {}, "request": {}})"))["decision"] == "Error");
  CHECK(nlohmann::json::parse(eval::run_case_line(R"({"id": "x", "policy": 5, "request": {}})"))["id"] == "x");
}

#include "seslint/ip.hpp"
#include "seslint/reach.hpp"

#include "policy_fixture.hpp"

namespace {
ParsedPolicy load(std::string_view text) { return parsed_policy(text, PolicyKind::Identity); }
// "From a public address outside the named ranges, or with no aws:SourceIp at all (VPC endpoint)".
bool from_elsewhere(const eval::Request& request, const std::vector<std::string>& ranges) {
  const auto* ip = request.context.find("aws:SourceIp");
  if (ip == nullptr) return true;
  const auto address = parse_ip_network((*ip)[0]);
  return std::none_of(ranges.begin(), ranges.end(), [&](const std::string& r) { return parse_ip_network(r)->contains(*address); });
}
const char* kIdentityArn = "arn:aws:ses:us-east-1:111122223333:identity/acme-corp.io";
}  // namespace

TEST_CASE("reachability: an unconditioned Allow plus a NotIpAddress Deny is restricted") {
  const auto loaded = load(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*"},
    {"Effect": "Deny", "Action": "ses:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]})");
  eval::ReachQuery query{"ses:SendRawEmail", kIdentityArn, "", "", {}, {}};
  query.predicate = [](const eval::Request& r) { return from_elsewhere(r, {"198.51.100.0/24"}); };
  const auto result = eval::find_allowed_request({{&loaded.policy}, nullptr}, query);
  CHECK_FALSE(result.witness);
  CHECK(result.exhaustive);
  CHECK(result.tried > 1);
  query.predicate = nullptr;  // but from inside the range it is allowed
  const auto inside = eval::find_allowed_request({{&loaded.policy}, nullptr}, query);
  REQUIRE(inside.witness);
  CHECK(parse_ip_network("198.51.100.0/24")->contains(*parse_ip_network((*inside.witness->context.find("aws:SourceIp"))[0])));
}

TEST_CASE("reachability: IfExists on a VPC key restricts nothing, and the witness is a real allowed request") {
  const auto loaded = load(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*",
     "Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-0a1b2c3d"}}}]})");
  eval::ReachQuery query{"ses:SendRawEmail", kIdentityArn, "", "", {{"aws:SourceIp", {}}}, {}};
  query.predicate = [](const eval::Request& r) {
    const auto* ip = r.context.find("aws:SourceIp");
    return ip != nullptr && !eval::is_private_address((*ip)[0]) && r.context.find("aws:SourceVpce") == nullptr;
  };
  const eval::PolicySet set{{&loaded.policy}, nullptr};
  const auto result = eval::find_allowed_request(set, query);
  REQUIRE(result.witness);
  CHECK((*result.witness->context.find("aws:SourceIp"))[0] == "52.0.0.1");
  CHECK(eval::evaluate(set, *result.witness).decision == eval::Decision::Allowed);
}

TEST_CASE("reachability: a pinned From address leaves no fresh address") {
  const auto loaded = load(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*",
     "Condition": {"StringEquals": {"ses:FromAddress": "noreply@acme-corp.io"}}}]})");
  const std::string fresh = "seslint-probe@acme-corp.io";
  eval::ReachQuery query{"ses:SendRawEmail", kIdentityArn, "", "", {{"ses:FromAddress", {fresh}}}, {}};
  query.predicate = [&](const eval::Request& r) {
    const auto* from = r.context.find("ses:FromAddress");
    return from != nullptr && (*from)[0] == fresh;
  };
  CHECK_FALSE(eval::find_allowed_request({{&loaded.policy}, nullptr}, query).witness);
  const auto like = load(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*",
     "Condition": {"StringLike": {"ses:FromAddress": "*@acme-corp.io"}}}]})");
  CHECK(eval::find_allowed_request({{&like.policy}, nullptr}, query).witness);
}

TEST_CASE("reachability: IP classes cover nested ranges and both sides of every boundary") {
  const auto reps = eval::ip_representatives({"10.0.0.0/8", "10.1.0.0/16", "203.0.113.0/24"}, false);
  auto has = [&](auto&& pred) { return std::any_of(reps.begin(), reps.end(), [&](const std::string& r) { return pred(*parse_ip_network(r)); }); };
  const auto a = *parse_ip_network("10.0.0.0/8"), b = *parse_ip_network("10.1.0.0/16"), c = *parse_ip_network("203.0.113.0/24");
  CHECK(has([&](const IpNetwork& x) { return b.contains(x); }));
  CHECK(has([&](const IpNetwork& x) { return a.contains(x) && !b.contains(x); }));
  CHECK(has([&](const IpNetwork& x) { return c.contains(x); }));
  CHECK(has([&](const IpNetwork& x) { return x.v6; }));
  const auto public_only = eval::ip_representatives({"10.0.0.0/8", "203.0.113.0/24"}, true);
  for (const auto& r : public_only) CHECK_FALSE(eval::is_private_address(r));
  CHECK(eval::is_private_address("172.20.1.1"));
  CHECK(eval::is_private_address("fd00::1"));
  CHECK_FALSE(eval::is_private_address("52.0.0.1"));
}

// ip_representatives answers each (list, public only) once per thread: asked again, in any order,
// each question gets its own answer, and the public-only answer differs from the full one.
TEST_CASE("reachability: IP representatives are remembered per list and per public-only flag") {
  const std::vector<std::string> lists[] = {{"10.0.0.0/8"}, {"10.0.0.0/8", "203.0.113.0/24"}, {"2001:db8::/32"}, {}};
  std::vector<std::vector<std::string>> first;
  for (const auto& list : lists)
    for (const bool public_only : {false, true}) first.push_back(eval::ip_representatives(list, public_only));
  CHECK(first[0] != first[1]);  // 10.0.0.0/8: its inside is private, left out when public only
  CHECK(first[0] != first[2]);
  for (int round = 0; round < 3; ++round)  // backwards, the flag first
    for (std::size_t i = std::size(lists); i-- > 0;)
      for (const bool public_only : {true, false})
        CHECK(eval::ip_representatives(lists[i], public_only) == first[2 * i + (public_only ? 1 : 0)]);
}

TEST_CASE("reachability: the enumeration bound is reported") {
  const auto loaded = load(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*",
     "Condition": {"StringEquals": {"ses:FromAddress": "nobody@acme-corp.io"}, "IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]})");
  eval::ReachQuery query{"ses:SendRawEmail", kIdentityArn, "", "", {}, [](const eval::Request&) { return false; }};
  const auto result = eval::find_allowed_request({{&loaded.policy}, nullptr}, query, {5});
  CHECK_FALSE(result.exhaustive);
  CHECK(result.tried == 5);
}

TEST_CASE("reachability: only keys of statements that can apply are varied") {
  // Thirty statements on other actions, each with its own condition keys: none can change the
  // decision for iam:PassRole, so they must not multiply the enumeration.
  std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"})";
  for (int i = 0; i < 30; ++i)
    text += fmt::format(R"(, {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {{"StringEquals": {{"s3:key{}": ["a", "b"]}}}}}})", i);
  text += "]}";
  const auto loaded = load(text);
  eval::ReachQuery query{"iam:PassRole", "arn:aws:iam::999988887777:role/x", "", "", {}, [](const eval::Request&) { return false; }};
  const auto result = eval::find_allowed_request({{&loaded.policy}, nullptr}, query);
  CHECK(result.exhaustive);
  CHECK(result.tried == 1);
}

TEST_CASE("normalize drops the keys the catalog says an action never carries") {
  eval::Request s3_request{"s3:GetObject", "arn:aws:s3:::acme-mail-archive/report.csv", "", "111122223333", {}};
  s3_request.context.set("s3:prefix", {"mail/"});            // ListBucket's key, not GetObject's
  s3_request.context.set("s3:ExistingObjectTag/team", {"mail"});
  s3_request.context.set("ses:FromAddress", {"a@acme-corp.io"});  // SES keys exist only on SES actions
  s3_request.context.set("aws:SourceIp", {"185.40.216.7"});
  eval::normalize(s3_request);
  CHECK(s3_request.context.find("s3:prefix") == nullptr);
  CHECK(s3_request.context.find("s3:ExistingObjectTag/team") != nullptr);
  CHECK(s3_request.context.find("ses:FromAddress") == nullptr);
  CHECK(s3_request.context.find("aws:SourceIp") != nullptr);

  eval::Request ses_request{"ses:SendRawEmail", "arn:aws:ses:us-east-1:111122223333:identity/acme-corp.io", "", "", {}};
  ses_request.context.set("s3:prefix", {"mail/"});
  ses_request.context.set("ses:FromAddress", {"a@acme-corp.io"});
  eval::normalize(ses_request);
  CHECK(ses_request.context.find("s3:prefix") == nullptr);
  CHECK(ses_request.context.find("ses:FromAddress") != nullptr);

  eval::Request unknown{"newservice:DoThing", "arn:aws:newservice:us-east-1:111122223333:thing/x", "", "", {}};
  unknown.context.set("newservice:Flavour", {"x"});
  eval::normalize(unknown);
  CHECK(unknown.context.find("newservice:Flavour") != nullptr);  // unknown action: nothing dropped
}
