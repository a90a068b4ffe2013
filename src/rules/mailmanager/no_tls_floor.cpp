// MM005 no-tls-floor: an ingress point with TlsPolicy OPTIONAL whose traffic policy accepts a
// connection without TLS (or below TLS 1.2): mail, and on AUTH endpoints the SMTP password, may
// cross the network in clear text.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class NoTlsFloor final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::IngressPoint || !resource.ingress.tls_policy.is("OPTIONAL")) return;
    const mm::Resource* policy = traffic_policy_of(resource, config);
    if (policy == nullptr || !fully_known(policy->traffic_policy)) return;  // unknown: no claim
    for (const mm::Tls weak : {mm::Tls::Plaintext, mm::Tls::Legacy}) {
      mm::TrafficQuery query;
      query.decision = mm::Decision::Allow;
      query.tls = {weak};
      query.ingress = &resource.ingress;  // e.g. an IPv4 sender on an IPV4 endpoint
      const mm::SearchResult found = mm::find_connection(policy->traffic_policy, query);
      if (!found.witness) continue;
      out.report(*resource.ingress.tls_policy.node,
                 fmt::format("TlsPolicy OPTIONAL and {} sets no TLS floor: {} is accepted", describe(*policy),
                             found.witness->describe()),
                 "set TlsPolicy to REQUIRED where the endpoint allows it, or ALLOW only connections with "
                 "TlsExpression MINIMUM_TLS_VERSION TLS1_2 under a DENY default");
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_no_tls_floor() { return std::make_unique<NoTlsFloor>(); }

}  // namespace seslint::rules
