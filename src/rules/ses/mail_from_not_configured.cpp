// SES302 mail-from-not-configured: an SES email identity record (sesv2 get-email-identity) without a
// custom MAIL FROM domain, or with one whose setup has not succeeded. The envelope sender is then a
// subdomain of amazonses.com: SPF passes for that domain, never for the From domain, so SPF cannot
// align for DMARC.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

constexpr std::string_view kHelp =
    "set a custom MAIL FROM domain (a subdomain such as bounce.<domain>, with the MX and SPF TXT records SES "
    "gives): aws sesv2 put-email-identity-mail-from-attributes --mail-from-domain bounce.<domain>";

class MailFromNotConfigured final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document& document, Reporter& out) const override {
    const JsonValue* record = document.email_identity;
    if (record == nullptr || !record->is_object()) return;
    const JsonMember* attributes = record->find("MailFromAttributes");
    const JsonMember* domain =
        attributes != nullptr && attributes->value.is_object() ? attributes->value.find("MailFromDomain") : nullptr;
    if (domain == nullptr || !domain->value.is_string() || domain->value.text.empty()) {
      const JsonValue& at = domain != nullptr ? domain->value : attributes != nullptr ? attributes->value : *record;
      out.report_at(out.default_level(), at.kind == JsonKind::Object ? at.opening() : at.span, at.pointer,
                    "no custom MAIL FROM domain: the envelope sender is an amazonses.com address, so SPF passes only "
                    "for amazonses.com and cannot align with the From domain for DMARC",
                    std::string(kHelp));
      return;
    }
    const JsonMember* status = attributes->value.find("MailFromDomainStatus");
    if (status == nullptr || !status->value.is_string() || status->value.text == "SUCCESS") return;
    out.report(status->value,
               fmt::format("MAIL FROM domain {} has status {}, not SUCCESS: until SES finds its MX record, mail goes "
                           "out with an amazonses.com envelope sender (or is rejected, with BehaviorOnMxFailure "
                           "REJECT_MESSAGE)",
                           quoted(domain->value.text), quoted(status->value.text)),
               std::string(kHelp));
  }
};

}  // namespace
std::unique_ptr<Rule> make_mail_from_not_configured() { return std::make_unique<MailFromNotConfigured>(); }
}  // namespace seslint::rules
