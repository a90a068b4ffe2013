// MM003 allow-shadowed-by-deny: every connection an ALLOW statement matches is also matched by a
// DENY statement. DENY statements are evaluated first whatever the array order, so the ALLOW never
// admits anything; authors who expect first-match order lose their allowlist silently.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class AllowShadowedByDeny final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::TrafficPolicy || !fully_known(resource.traffic_policy)) return;
    const mm::TrafficPolicy& policy = resource.traffic_policy;
    const auto denies = statements_with(policy, "DENY");
    if (denies.empty()) return;
    for (const std::size_t allow : statements_with(policy, "ALLOW")) {
      mm::TrafficQuery matches_allow;
      matches_allow.must_match = {allow};
      const mm::SearchResult any = mm::find_connection(policy, matches_allow);
      if (!any.witness) continue;  // it matches nothing at all: a different cause
      mm::TrafficQuery escapes = matches_allow;
      escapes.must_not_match = denies;
      const mm::SearchResult result = mm::find_connection(policy, escapes);
      if (result.witness || !result.complete) continue;
      const auto outcome = mm::evaluate(policy, *any.witness);
      std::size_t by = denies.front();
      for (const std::size_t deny : denies)
        if (outcome.matched[deny]) {
          by = deny;
          break;
        }
      out.report(*policy.statements[allow].action.node,
                 fmt::format("every connection ALLOW statement {} matches is also matched by a DENY statement, and "
                             "DENY wins whatever the order: {} is denied by statement {}",
                             allow + 1, any.witness->describe(), by + 1),
                 "narrow the DENY statement so that it leaves out what this statement allows (DENY statements are "
                 "evaluated before every ALLOW)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_allow_shadowed_by_deny() { return std::make_unique<AllowShadowedByDeny>(); }

}  // namespace seslint::rules
