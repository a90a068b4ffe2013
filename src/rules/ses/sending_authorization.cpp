// SES201 sending-authorization-action and SES202 sending-authorization-resource: what an SES
// identity (sending authorization) policy may hold (facts §5).
#include <algorithm>
#include <array>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"
#include "seslint/eval.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

constexpr std::array<std::string_view, 25> kAllowed = {
    "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail",
    "ses:BatchGetMetricData", "ses:CancelExportJob", "ses:CreateDeliverabilityTestReport",
    "ses:CreateEmailIdentityPolicy", "ses:CreateExportJob", "ses:DeleteEmailIdentity", "ses:DeleteEmailIdentityPolicy",
    "ses:GetDomainStatisticsReport", "ses:GetEmailIdentity", "ses:GetEmailIdentityPolicies", "ses:GetExportJob",
    "ses:ListExportJobs", "ses:ListRecommendations", "ses:PutEmailIdentityConfigurationSetAttributes",
    "ses:PutEmailIdentityDkimAttributes", "ses:PutEmailIdentityDkimSigningAttributes",
    "ses:PutEmailIdentityFeedbackAttributes", "ses:PutEmailIdentityMailFromAttributes", "ses:TagResource",
    "ses:UntagResource", "ses:UpdateEmailIdentityPolicy"};
// SES actions outside the list that a wildcard may reach (not exhaustive: the AWS catalog, issue 5,
// will make this complete).
constexpr std::array<std::string_view, 17> kOutside = {
    "ses:SendBulkEmail", "ses:SendCustomVerificationEmail", "ses:SendBounce", "ses:PutIdentityPolicy",
    "ses:DeleteIdentity", "ses:VerifyDomainIdentity", "ses:VerifyEmailIdentity", "ses:CreateReceiptRule",
    "ses:UpdateAccountSendingEnabled", "ses:CreateConfigurationSet", "ses:DeleteConfigurationSet",
    "ses:PutAccountDetails", "ses:GetSendQuota", "ses:ListIdentities", "ses:CreateEmailIdentity",
    "ses:CreateEmailTemplate", "ses:DeleteSuppressedDestination"};

class SendingAuthorizationAction final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy& policy, const Statement& statement, const ValueList& list, Reporter& out) const override {
    if (policy.kind != PolicyKind::SesIdentity || statement.effect != Effect::Allow || list.negated) return;
    for (const auto& value : list.values) {
      const std::string_view pattern = value.text;
      if (pattern.find_first_of("*?") == std::string_view::npos) {
        if (std::none_of(kAllowed.begin(), kAllowed.end(), [&](std::string_view a) { return iequals(a, pattern); }))
          out.report(*value.node, fmt::format("{} in {} is not an action SES sending authorization can grant; SES "
                                              "rejects the policy",
                                              quoted(pattern), statement.label()),
                     "grant ses:SendEmail and ses:SendRawEmail (or the other actions SES lists for identity policies)");
        continue;
      }
      const auto outside = std::find_if(kOutside.begin(), kOutside.end(),
                                        [&](std::string_view a) { return eval::action_matches(pattern, a); });
      const bool other_service = pattern.size() < 4 || !iequals(pattern.substr(0, 4), "ses:");
      if (outside == kOutside.end() && !other_service) continue;
      out.report(*value.node,
                 fmt::format("{} in {} reaches actions SES sending authorization cannot grant, e.g. {}", quoted(pattern),
                             statement.label(), other_service && outside == kOutside.end() ? "other services' actions"
                                                                                               : std::string(*outside)),
                 "list the sending actions instead: ses:SendEmail, ses:SendRawEmail");
    }
  }
};

class SendingAuthorizationResource final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Resource); }
  void check_resource(const Policy& policy, const Statement& statement, const ValueList& list, Reporter& out) const override {
    if (policy.kind != PolicyKind::SesIdentity) return;
    if (list.negated) {
      out.report_key(*list.member, fmt::format("{} uses NotResource; an SES identity policy's Resource is exactly the "
                                                "ARN of the identity it is attached to", statement.label()));
      return;
    }
    if (list.values.size() > 1)
      out.report(list.member->value, fmt::format("{} names {} resources; an SES identity policy names exactly one, the "
                                                 "identity it is attached to", statement.label(), list.values.size()));
    for (const auto& value : list.values) {
      const auto arn = split_arn(value.text);
      std::string problem;
      if (!arn || arn->service != "ses" || arn->resource.substr(0, 9) != "identity/")
        problem = "is not an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<name>)";
      else if (value.text.find_first_of("*?") != std::string_view::npos)
        problem = "has wildcards; it must be the one identity the policy is attached to";
      else if (const std::string_view attached = policy.attached_identity;
               !attached.empty() && !iequals(arn->resource.substr(9), attached))
        problem = fmt::format("names identity {}, but the policy is attached to identity {}: SES rejects it",
                              quoted(arn->resource.substr(9)), quoted(attached));
      if (!problem.empty())
        out.report(*value.node, fmt::format("Resource {} of {} {}", quoted(value.text), statement.label(), problem));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_sending_authorization_action() { return std::make_unique<SendingAuthorizationAction>(); }
std::unique_ptr<Rule> make_sending_authorization_resource() { return std::make_unique<SendingAuthorizationResource>(); }
}  // namespace seslint::rules
