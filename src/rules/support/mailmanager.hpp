#pragma once
// Shared by the MM rules: the subscription, the ingress points behind a resource, and whether a
// traffic policy is fully known (no template values), so that search answers are claims.
#include <string>
#include <vector>

#include "seslint/engine.hpp"
#include "seslint/mailmanager.hpp"
#include "seslint/mailmanager_eval.hpp"

namespace seslint::rules {

// A rule over one Mail Manager resource: a document rule that acts only inside the Linter's
// mm::SubjectScope for that resource.
class MailManagerRule : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document&, Reporter& out) const final {
    if (const mm::Subject* subject = mm::SubjectScope::current(); subject != nullptr)
      check_mail_manager(*subject->resource, *subject->config, out);
  }
  virtual void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const = 0;
};

// True when the policy's default, actions and conditions are all known values.
bool fully_known(const mm::TrafficPolicy& policy);

// The traffic policy an ingress point uses, when it is in the configuration.
const mm::Resource* traffic_policy_of(const mm::Resource& ingress, const mm::Configuration& config);

// Indexes of the statements whose action is `action`.
std::vector<std::size_t> statements_with(const mm::TrafficPolicy& policy, std::string_view action);

// "traffic policy 'AWS::SES::MailManagerTrafficPolicy Edge'"
std::string describe(const mm::Resource& resource);

}  // namespace seslint::rules

namespace seslint::rules {

// OPEN ingress points on a public network that use `target` (a rule set or traffic policy).
std::vector<const mm::Resource*> open_public_ingresses(const mm::Resource& target, const mm::Configuration& config);

// A relay server on a private network: an RFC 1918 / unique-local / loopback address, or a name
// under a private suffix (.internal, .local, .lan, .corp, .home.arpa).
bool private_server(std::string_view server);

// Whether a rule's Conditions test the SPF or DKIM verdict for PASS (EQUALS PASS), or DMARC.
bool checks_authentication(const std::vector<mm::Condition>& conditions);

}  // namespace seslint::rules
