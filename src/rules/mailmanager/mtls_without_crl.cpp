// MM021 mtls-without-crl: an MTLS ingress point whose trust store has CA certificates and no
// certificate revocation list. A client certificate that was revoked (a lost laptop, a leaked key)
// still authenticates until it expires.
#include "mailmanager/support.hpp"
#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class MtlsWithoutCrl final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::IngressPoint) return;
    const JsonValue* store = resource.ingress.trust_store;
    // Only a trust store we can read: get-* output may leave the CA content out, and then the
    // absence of the CRL says nothing.
    if (store == nullptr || !store->is_object() || mm::is_intrinsic(*store) || mm::member(store, "CAContent") == nullptr ||
        mm::member(store, "CrlContent") != nullptr)
      return;
    out.report_at(out.default_level(), store->opening(), store->pointer,
               "the MTLS trust store has CA certificates but no CrlContent: a revoked client certificate still "
               "authenticates until it expires",
               "add CrlContent with the CA's current certificate revocation list (one CRL per CA), and renew it "
               "before it expires: an expired CRL also disables its CA");
  }
};

}  // namespace

std::unique_ptr<Rule> make_mtls_without_crl() { return std::make_unique<MtlsWithoutCrl>(); }

}  // namespace seslint::rules
