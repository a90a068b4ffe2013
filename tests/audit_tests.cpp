// The account model and the sender computation of `seslint audit` on small hand-made accounts.
#include <catch2/catch.hpp>

#include <sstream>

#include "seslint/audit.hpp"

using namespace seslint::audit;

namespace {

constexpr const char* kIdentityArn = "arn:aws:ses:eu-west-1:111122223333:identity/example.com";

std::string export_with(const std::string& users, const std::string& groups = "[]", const std::string& policies = "[]") {
  return R"({"UserDetailList": )" + users + R"(, "GroupDetailList": )" + groups + R"(, "RoleDetailList": [], "Policies": )" +
         policies + "}";
}

std::string send_policy(const std::string& condition = "{}") {
  // Appended, not `std::string(...) + ...`: GCC 12 at -O2 warns falsely on that (-Warray-bounds).
  std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": ")";
  policy += kIdentityArn;
  policy += R"(", "Condition": )";
  policy += condition;
  policy += "}]}";
  return policy;
}

const IdentityAudit& only_identity(const AuditReport& report) {
  REQUIRE(report.identities.size() == 1);
  return report.identities.front();
}

}  // namespace

TEST_CASE("audit: a user sends through a group's inline policy, a missing group makes another undetermined") {
  const std::string users = R"([
    {"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice", "GroupList": ["mailers"]},
    {"UserName": "bob", "Arn": "arn:aws:iam::111122223333:user/bob", "GroupList": ["gone"]}])";
  const std::string groups = R"([{"GroupName": "mailers", "Arn": "arn:aws:iam::111122223333:group/mailers",
    "GroupPolicyList": [{"PolicyName": "Send", "PolicyDocument": )" + send_policy() + "}]}]";
  const AccountModel model = load_account_sources({{"export.json", export_with(users, groups)}});
  REQUIRE(model.errors.empty());
  const AuditReport report = audit_account(model);
  const auto& audit = only_identity(report);
  REQUIRE(audit.senders.size() == 1);
  CHECK(audit.senders[0].principal->arn == "arn:aws:iam::111122223333:user/alice");
  CHECK(audit.senders[0].via == std::vector<std::string>{"group/mailers inline policy Send"});
  CHECK(audit.senders[0].actions == std::vector<std::string>{"ses:SendRawEmail"});
  CHECK(audit.senders[0].from.any);
  CHECK(audit.senders[0].network.any);
  REQUIRE(audit.undetermined.size() == 1);
  CHECK(audit.undetermined[0].reason == "user/bob is a member of group/gone, which is not in the input");
}

TEST_CASE("audit: From pinned with StringEquals is not any, the pinned value is listed") {
  const std::string users = R"([{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice",
    "UserPolicyList": [{"PolicyName": "Send", "PolicyDocument": )" +
                            send_policy(R"({"StringEquals": {"ses:FromAddress": "news@example.com"}})") + "}]}]";
  const AccountModel model = load_account_sources({{"e.json", export_with(users)}});
  const AuditReport report = audit_account(model);
  const auto& audit = only_identity(report);
  REQUIRE(audit.senders.size() == 1);
  CHECK_FALSE(audit.senders[0].from.any);
  CHECK(audit.senders[0].from.values == std::vector<std::string>{"news@example.com"});
}

TEST_CASE("audit: an identity policy output without the identity's name is named by its Resource") {
  const std::string output = R"({"Policies": {"Partner": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"ses:SendEmail\", \"Resource\": \"arn:aws:ses:eu-west-1:111122223333:identity/example.com\"}]}"}})";
  const auto model = load_account_sources({{"policies.json", output}});
  REQUIRE(model.identities.size() == 1);
  CHECK(model.identities[0].name == "example.com");
  CHECK_FALSE(model.identities[0].arn_assumed);
  const AuditReport report = audit_account(model);
  const auto& audit = only_identity(report);
  REQUIRE(audit.senders.size() == 1);
  CHECK(audit.senders[0].principal->arn == "444455556666");
  CHECK(audit.senders[0].principal->kind == PrincipalKind::Account);
}

TEST_CASE("audit: a permissions boundary narrows an administrator, a missing boundary is undetermined") {
  const std::string users = R"([
    {"UserName": "admin", "Arn": "arn:aws:iam::111122223333:user/admin",
     "UserPolicyList": [{"PolicyName": "All", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
     "PermissionsBoundary": {"PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Bound"}},
    {"UserName": "other", "Arn": "arn:aws:iam::111122223333:user/other",
     "PermissionsBoundary": {"PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Missing"}}])";
  const std::string policies = R"([{"PolicyName": "Bound", "Arn": "arn:aws:iam::111122223333:policy/Bound", "DefaultVersionId": "v1",
    "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": )" +
                               send_policy(R"({"StringEquals": {"ses:FromAddress": "ops@example.com"}})") + "}]}]";
  const AccountModel model = load_account_sources({{"e.json", export_with(users, "[]", policies)}});
  const AuditReport report = audit_account(model);
  const auto& audit = only_identity(report);
  REQUIRE(audit.senders.size() == 1);
  CHECK(audit.senders[0].actions == std::vector<std::string>{"ses:SendRawEmail"});
  CHECK_FALSE(audit.senders[0].from.any);
  CHECK(audit.senders[0].from.values == std::vector<std::string>{"ops@example.com"});
  REQUIRE(audit.undetermined.size() == 1);
  CHECK(audit.undetermined[0].principal->arn == "arn:aws:iam::111122223333:user/other");
}

TEST_CASE("audit: a search cut short by the bound is undetermined, not a silent answer") {
  const std::string users = R"([{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice",
    "UserPolicyList": [{"PolicyName": "Send", "PolicyDocument": )" +
                            send_policy(R"({"StringEquals": {"ses:FromAddress": "news@example.com"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})") +
                            "}]}]";
  AuditOptions options;
  options.max_requests = 1;
  const AccountModel model = load_account_sources({{"e.json", export_with(users)}});
  const AuditReport report = audit_account(model, options);
  const auto& audit = only_identity(report);
  CHECK(audit.senders.empty());
  REQUIRE(audit.undetermined.size() == 1);
  CHECK(audit.undetermined[0].reason.find("stopped at its bound of 1 requests") != std::string::npos);
}

TEST_CASE("audit html: every text from the input is escaped and the embedded JSON cannot close its element") {
  const std::string hostile_user = R"(arn:aws:iam::111122223333:user/<img src=x onerror=alert(1)>)";
  const std::string hostile_identity = "arn:aws:ses:eu-west-1:111122223333:identity/</script><b>x</b>.example";
  const std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": ")" +
                             hostile_identity + R"("}]})";
  const std::string users = R"([{"UserName": "<img src=x onerror=alert(1)>", "Arn": ")" + hostile_user +
                            R"(", "UserPolicyList": [{"PolicyName": "P&<'\"", "PolicyDocument": )" + policy + "}]}]";
  const AccountModel model = load_account_sources({{"export.json", export_with(users)}});
  REQUIRE(model.errors.empty());
  const AuditReport report = audit_account(model);
  REQUIRE(only_identity(report).senders.size() == 1);
  std::ostringstream out;
  write_audit_html(out, model, report, lint_granting_policies(model, report));
  const std::string html = out.str();
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(html.find("P&amp;&lt;&#39;&quot;") != std::string::npos);
  std::size_t closings = 0;
  for (auto at = html.find("</script>"); at != std::string::npos; at = html.find("</script>", at + 1)) ++closings;
  CHECK(closings == 3);  // the embedded report's and findings' JSON, and the script's own
  CHECK(html.find(R"(\u003c/script\u003e\u003cb\u003ex\u003c/b\u003e.example)") != std::string::npos);
}

TEST_CASE("audit: an AWS managed policy the export lacks comes from the built-in data, when listed there") {
  const std::string users = R"([
    {"UserName": "admin", "Arn": "arn:aws:iam::111122223333:user/admin",
     "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]},
    {"UserName": "ses", "Arn": "arn:aws:iam::111122223333:user/ses",
     "AttachedManagedPolicies": [{"PolicyName": "AmazonSESFullAccess", "PolicyArn": "arn:aws:iam::aws:policy/AmazonSESFullAccess"}]},
    {"UserName": "reader", "Arn": "arn:aws:iam::111122223333:user/reader",
     "AttachedManagedPolicies": [{"PolicyName": "AmazonSESReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess"}]},
    {"UserName": "bounded", "Arn": "arn:aws:iam::111122223333:user/bounded", "UserPolicyList": [{"PolicyName": "Send", "PolicyDocument": )" +
                            send_policy() + R"(}],
     "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/AmazonSESFullAccess"}}])";
  const AccountModel model = load_account_sources({{"export.json", export_with(users)}});
  const AuditReport report = audit_account(model);
  const auto& audit = only_identity(report);
  REQUIRE(audit.senders.size() == 2);
  CHECK(audit.senders[0].principal->arn == "arn:aws:iam::111122223333:user/admin");
  CHECK(audit.senders[0].actions.size() == send_actions().size());
  REQUIRE(audit.senders[0].via.size() == 1);
  CHECK(audit.senders[0].via[0] ==
        "user/admin AWS managed policy AdministratorAccess (built-in data, not in the input: every action)");
  CHECK(audit.senders[1].principal->arn == "arn:aws:iam::111122223333:user/ses");
  CHECK(audit.senders[1].actions == std::vector<std::string>{"ses:SendEmail", "ses:SendRawEmail"});
  CHECK(audit.senders[1].from.any);
  REQUIRE(audit.undetermined.size() == 2);  // unlisted: not guessed; a partial boundary: not used
  CHECK(audit.undetermined[0].principal->arn == "arn:aws:iam::111122223333:user/reader");
  CHECK(audit.undetermined[1].principal->arn == "arn:aws:iam::111122223333:user/bounded");
}

TEST_CASE("audit: a witness shows a concrete address where a StringLike pattern allows, never the pattern") {
  const std::string users = R"([{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice", "UserPolicyList": [
    {"PolicyName": "Send", "PolicyDocument": )" +
                            send_policy(R"({"StringLike": {"ses:FromAddress": "news+*@example.com"}, "ForAllValues:StringLike": {"ses:Recipients": "*@example.org"}})") +
                            "}]}]";
  const AccountModel model = load_account_sources({{"export.json", export_with(users)}});
  const AuditReport report = audit_account(model);
  const auto& audit = only_identity(report);
  REQUIRE(audit.senders.size() == 1);
  const auto& witness = audit.senders[0].witness;
  const auto* from = witness.context.find("ses:FromAddress");
  REQUIRE(from != nullptr);
  CHECK(*from == std::vector<std::string>{"news+x@example.com"});
  CHECK(audit.senders[0].from.patterns == std::vector<std::string>{"news+*@example.com"});
}

TEST_CASE("audit: a From value that holds a '*' under StringEquals stays as it is in the witness") {
  const std::string users = R"([{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice", "UserPolicyList": [
    {"PolicyName": "Send", "PolicyDocument": )" +
                            send_policy(R"({"StringEquals": {"ses:FromAddress": "odd*name@example.com"}})") + "}]}]";
  const AccountModel model = load_account_sources({{"export.json", export_with(users)}});
  const AuditReport report = audit_account(model);
  const auto& audit = only_identity(report);
  REQUIRE(audit.senders.size() == 1);
  const auto* from = audit.senders[0].witness.context.find("ses:FromAddress");
  REQUIRE(from != nullptr);
  CHECK(*from == std::vector<std::string>{"odd*name@example.com"});
}
