// MM004 redundant-statement: ALLOW statements under a default ALLOW, and DENY statements under a
// default DENY when no ALLOW statement exists: they change no decision, which usually means the
// default was misread (and may hide a fail-open intent).
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class RedundantStatement final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::TrafficPolicy) return;
    const mm::TrafficPolicy& policy = resource.traffic_policy;
    if (!policy.default_action.known) return;
    for (const auto& statement : policy.statements)
      if (!statement.action.known) return;
    const std::string& fallback = policy.default_action.value;
    if (fallback == "DENY" && !statements_with(policy, "ALLOW").empty()) return;
    for (const auto& statement : policy.statements) {
      if (!statement.action.is(fallback)) continue;
      out.report(*statement.action.node,
                 fmt::format("{} statement {} has no effect: DefaultAction is {} already{}", fallback,
                             statement.index + 1, fallback,
                             fallback == "ALLOW" ? " and an ALLOW cannot override a DENY statement"
                                                 : " and no ALLOW statement exists for it to override"),
                 fallback == "ALLOW" ? "remove it, or set DefaultAction to DENY if this statement is your allowlist"
                                     : "remove it, or add the ALLOW statements it was meant to carve out of");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_redundant_statement() { return std::make_unique<RedundantStatement>(); }

}  // namespace seslint::rules
