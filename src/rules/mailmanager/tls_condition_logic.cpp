// MM006 tls-condition-logic: a DENY statement on MINIMUM_TLS_VERSION refuses the connections with
// good TLS; an ALLOW on IS TLS1_2 under a DENY default refuses TLS 1.3 senders.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class TlsConditionLogic final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::TrafficPolicy) return;
    const mm::TrafficPolicy& policy = resource.traffic_policy;
    for (const auto& statement : policy.statements)
      for (const auto& condition : statement.conditions) {
        if (condition.type != "TlsExpression" || condition.values.size() != 1 || !condition.values.front().known)
          continue;
        const std::string& version = condition.values.front().value;
        if (statement.action.is("DENY") && condition.op.is("MINIMUM_TLS_VERSION")) {
          out.report(*condition.op.node,
                     fmt::format("DENY statement {} refuses connections at {} or above, the ones with good TLS; "
                                 "older and plaintext sessions are not matched",
                                 statement.index + 1, version),
                     "ALLOW with MINIMUM_TLS_VERSION under a DENY default, or set the ingress TlsPolicy to REQUIRED");
        } else if (statement.action.is("ALLOW") && condition.op.is("IS") && version == "TLS1_2" &&
                   policy.default_action.is("DENY")) {
          out.report(*condition.op.node,
                     fmt::format("ALLOW statement {} admits only TLS 1.2 under a DENY default, so senders that "
                                 "negotiate TLS 1.3 are refused",
                                 statement.index + 1),
                     "use MINIMUM_TLS_VERSION TLS1_2 to accept TLS 1.2 and newer");
        }
      }
  }
};

}  // namespace

std::unique_ptr<Rule> make_tls_condition_logic() { return std::make_unique<TlsConditionLogic>(); }

}  // namespace seslint::rules
