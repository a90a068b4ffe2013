// Seeded generator of random SES-focused evaluation cases in the oracle's JSON Lines format.
//   seslint_casegen SEED COUNT > cases.jsonl
// It avoids the shapes where the oracle departs from AWS documentation (0.0.0.0/0, bare IPs,
// '*' across the resource type, newlines in values, two values for a single-valued key) and
// invalid policies; those are covered by testdata/eval/edge-cases.jsonl instead.
#include <cstdlib>
#include <iostream>
#include <random>

#include <nlohmann/json.hpp>

using Json = nlohmann::ordered_json;

namespace {

std::mt19937_64 rng;

template <typename T>
const T& pick(const std::vector<T>& items) { return items[rng() % items.size()]; }
bool chance(int percent) { return static_cast<int>(rng() % 100) < percent; }

Json some(const std::vector<std::string>& pool, std::size_t max) {
  const std::size_t n = 1 + rng() % max;
  if (n == 1 && chance(50)) return pick(pool);
  Json out = Json::array();
  for (std::size_t i = 0; i < n; ++i) out.push_back(pick(pool));
  return out;
}

const std::vector<std::string> kActions = {"ses:SendRawEmail", "ses:SendEmail", "ses:Send*", "ses:*", "*",
                                           "ses:SendTemplatedEmail", "ses:*Raw*", "ses:Send?awEmail", "SES:sendrawemail",
                                           "ses:SendBounce", "ses:Get*"};
const std::vector<std::string> kResources = {"*", "arn:aws:ses:us-east-1:111122223333:identity/example.com",
                                             "arn:aws:ses:*:111122223333:identity/*", "arn:aws:ses:us-east-1:111122223333:identity/*.com",
                                             "arn:aws:ses:us-east-1:111122223333:identity/other.org",
                                             "arn:aws:ses:us-east-1:*:identity/example.com"};
const std::vector<std::string> kCidrs = {"203.0.113.0/24", "198.51.100.0/25", "10.0.0.0/8", "192.0.2.0/28",
                                         "2001:db8::/32", "2001:db8:1::/48", "100.64.0.0/10", "198.51.100.128/25"};
const std::vector<std::string> kAddresses = {"203.0.113.7", "198.51.100.9", "198.51.100.200", "10.1.2.3", "192.0.2.5",
                                             "192.0.2.99", "2001:db8::1", "2001:db8:1::5", "2001:db9::1", "100.64.1.1", "8.8.8.8"};
const std::vector<std::string> kVpces = {"vpce-1a2b3c", "vpce-4d5e6f", "vpce-1a2b*"};
const std::vector<std::string> kFromPatterns = {"noreply@example.com", "*@example.com", "alerts+*@example.com",
                                                "?oreply@example.com", "*@*.example.com", "NoReply@example.com"};
const std::vector<std::string> kFromValues = {"noreply@example.com", "alerts+ops@example.com", "eve@evil.test",
                                              "bob@mail.example.com", "NOREPLY@example.com", "xoreply@example.com"};
const std::vector<std::string> kRecipientPatterns = {"*@example.com", "a@partner.org", "*@*.example.com", "ops?@example.com"};
const std::vector<std::string> kRecipients = {"a@partner.org", "b@example.com", "ops1@example.com", "x@mail.example.com",
                                              "eve@evil.test"};

Json condition() {
  Json block = Json::object();
  const int clauses = static_cast<int>(rng() % 4);
  for (int i = 0; i < clauses; ++i) {
    std::string op, key;
    Json values;
    switch (rng() % 6) {
      case 0:
        op = pick<std::string>({"IpAddress", "NotIpAddress", "IpAddressIfExists", "NotIpAddressIfExists"});
        key = "aws:SourceIp";
        values = some(kCidrs, 2);
        break;
      case 1:
        op = pick<std::string>({"StringEquals", "StringNotEquals", "StringEqualsIfExists", "StringNotEqualsIfExists", "StringLike"});
        key = "aws:SourceVpce";
        values = some(kVpces, 2);
        break;
      case 2:
        op = pick<std::string>({"StringEquals", "StringLike", "StringNotLike", "StringNotEquals", "StringLikeIfExists",
                                "StringEqualsIgnoreCase", "StringNotLikeIfExists"});
        key = pick<std::string>({"ses:FromAddress", "ses:FromAddress", "SES:fromaddress"});
        values = some(kFromPatterns, 2);
        break;
      case 3:
        op = pick<std::string>({"ForAllValues:StringLike", "ForAnyValue:StringLike", "ForAnyValue:StringEquals",
                                "ForAllValues:StringNotLike", "ForAnyValue:StringNotLike", "ForAllValues:StringEquals"});
        key = "ses:Recipients";
        values = some(kRecipientPatterns, 2);
        break;
      case 4:
        op = "Null";
        key = pick<std::string>({"ses:FromAddress", "aws:SourceVpce", "ses:Recipients", "aws:SourceIp"});
        values = pick<std::string>({"true", "false"});
        break;
      default:
        op = pick<std::string>({"Bool", "BoolIfExists"});
        key = "aws:SecureTransport";
        values = pick<std::string>({"true", "false"});
        break;
    }
    block[op][key] = values;  // a repeated operator merges its keys, as JSON objects must
  }
  return block;
}

Json statement(bool resource_policy) {
  Json s;
  s["Effect"] = chance(70) ? "Allow" : "Deny";
  if (resource_policy)
    s["Principal"] = chance(50) ? Json{{"AWS", pick<std::string>({"444455556666", "arn:aws:iam::444455556666:root",
                                                                 "arn:aws:iam::444455556666:user/delegate"})}}
                                : Json("*");
  s[chance(85) ? "Action" : "NotAction"] = some(kActions, 2);
  s[chance(85) ? "Resource" : "NotResource"] = some(kResources, 2);
  const Json c = condition();
  if (!c.empty()) s["Condition"] = c;
  return s;
}

Json policy(bool resource_policy) {
  Json statements = Json::array();
  const int n = 1 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) statements.push_back(statement(resource_policy));
  return Json{{"Version", "2012-10-17"}, {"Statement", statements}};
}

Json request(bool cross_account) {
  Json r;
  r["action"] = pick<std::string>({"ses:SendRawEmail", "ses:SendEmail", "ses:SendTemplatedEmail", "ses:SendBounce",
                                   "ses:SendRawEmail"});
  r["resource"] = pick<std::string>({"arn:aws:ses:us-east-1:111122223333:identity/example.com",
                                     "arn:aws:ses:us-east-1:111122223333:identity/other.org"});
  if (cross_account) {
    r["principal"] = pick<std::string>({"arn:aws:iam::444455556666:user/delegate", "arn:aws:iam::444455556666:user/other"});
    r["accountId"] = "111122223333";
  }
  Json context = Json::object();
  if (chance(60)) context["aws:SourceIp"] = pick(kAddresses);
  if (chance(30)) context["aws:SourceVpce"] = pick<std::string>({"vpce-1a2b3c", "vpce-4d5e6f", "vpce-1a2b*", "vpce-9z"});
  if (chance(70)) context["ses:FromAddress"] = pick(kFromValues);
  if (chance(60)) {
    Json recipients = Json::array();
    const int n = static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) recipients.push_back(pick(kRecipients));
    context["ses:Recipients"] = recipients;
  }
  if (chance(50)) context["aws:SecureTransport"] = pick<std::string>({"true", "false"});
  r["context"] = context;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: seslint_casegen SEED COUNT\n";
    return 2;
  }
  rng.seed(std::strtoull(argv[1], nullptr, 10));
  const long count = std::strtol(argv[2], nullptr, 10);
  for (long i = 0; i < count; ++i) {
    const bool cross = chance(25);
    Json c;
    std::string id = "r";  // appended, not "r" + ...: GCC 12 at -O3 warns falsely (-Wrestrict) on that
    id += std::to_string(i);
    c["id"] = id;
    c["policy"] = policy(false);
    if (cross || chance(20)) c["resourcePolicy"] = policy(true);
    c["request"] = request(cross);
    std::cout << c.dump() << '\n';
  }
  return 0;
}
