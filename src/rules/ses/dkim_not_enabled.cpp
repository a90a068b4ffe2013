// SES301 dkim-not-enabled: an SES email identity record (sesv2 get-email-identity) whose DKIM
// signing is off or whose DKIM setup has not succeeded. Without DKIM, DMARC can align only through
// SPF, which SES passes for its own MAIL FROM domain unless a custom one is set (SES302).
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class DkimNotEnabled final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document& document, Reporter& out) const override {
    if (document.email_identity == nullptr) return;
    const JsonMember* dkim = document.email_identity->find("DkimAttributes");
    if (dkim == nullptr || !dkim->value.is_object()) return;  // not in the record: nothing known
    const std::string help =
        "publish the DKIM records SES gives for the identity (Easy DKIM: three CNAMEs) and enable signing: "
        "aws sesv2 put-email-identity-dkim-attributes --signing-enabled";
    if (const JsonMember* signing = dkim->value.find("SigningEnabled");
        signing != nullptr && signing->value.kind == JsonKind::Bool && !signing->value.boolean) {
      out.report(signing->value,
                 "DKIM signing is disabled: mail sent as this identity carries no DKIM signature of its domain, so "
                 "DMARC can pass only through SPF alignment",
                 help);
      return;
    }
    const JsonMember* status = dkim->value.find("Status");
    if (status == nullptr || !status->value.is_string() || status->value.text == "SUCCESS") return;
    out.report(status->value, fmt::format("DKIM status is {}, not SUCCESS: {}", quoted(status->value.text),
                                          status_meaning(status->value.text)),
               help);
  }

 private:
  // Each status as the GetEmailIdentity reference describes it; only SUCCESS means SES signs with the
  // domain's key.
  static std::string_view status_meaning(std::string_view status) {
    if (status == "PENDING")
      return "SES has started verification but has not yet found the DKIM records in DNS, and does not sign with "
             "the domain's key until it does";
    if (status == "FAILED")
      return "verification failed, typically because SES did not find the DKIM records in DNS; SES does not sign "
             "with the domain's key";
    if (status == "TEMPORARY_FAILURE")
      return "a temporary issue prevents SES from determining the DKIM status, so whether mail is signed with the "
             "domain's key is not known; check the DKIM records in DNS";
    if (status == "NOT_STARTED") return "DKIM verification has not been started for this identity";
    return "SES signs with the domain's key only once the status is SUCCESS";
  }
};

}  // namespace
std::unique_ptr<Rule> make_dkim_not_enabled() { return std::make_unique<DkimNotEnabled>(); }
}  // namespace seslint::rules
