// MM003 allow-shadowed-by-deny: every connection an ALLOW statement matches is also matched by a
// DENY statement. DENY statements are evaluated first whatever the array order, so the ALLOW never
// admits anything; authors who expect first-match order lose their allowlist silently.
//
// Exact and fast: only the ALLOW statement and the DENY statements that overlap it can decide
// whether some connection escapes, so each question is asked of a policy of just those statements
// (a pair, to find the overlaps, then the ALLOW and its overlapping DENYs). A small policy has few
// classes to search; the whole policy's recipient literals would make every search slow.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

// The policy of just `indexes` (in that order), for the search.
mm::TrafficPolicy only(const mm::TrafficPolicy& policy, const std::vector<std::size_t>& indexes) {
  mm::TrafficPolicy out;
  out.default_action = policy.default_action;
  for (const std::size_t i : indexes) {
    out.statements.push_back(policy.statements[i]);
    out.statements.back().index = out.statements.size() - 1;
  }
  return out;
}

// Whether some connection matches both statements (an incomplete search counts as yes).
bool overlap(const mm::TrafficPolicy& policy, std::size_t allow, std::size_t deny) {
  mm::TrafficQuery both;
  both.must_match = {0, 1};
  const mm::SearchResult found = mm::find_connection(only(policy, {allow, deny}), both);
  return found.witness || !found.complete;
}

class AllowShadowedByDeny final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::TrafficPolicy || !fully_known(resource.traffic_policy)) return;
    const mm::TrafficPolicy& policy = resource.traffic_policy;
    const auto denies = statements_with(policy, "DENY");
    if (denies.empty()) return;
    for (const std::size_t allow : statements_with(policy, "ALLOW")) {
      mm::TrafficQuery matches_allow;
      matches_allow.must_match = {0};
      const mm::SearchResult any = mm::find_connection(only(policy, {allow}), matches_allow);
      if (!any.witness) continue;  // it matches nothing at all: a different cause
      std::vector<std::size_t> relevant = {allow};
      for (const std::size_t deny : denies)
        if (overlap(policy, allow, deny)) relevant.push_back(deny);
      if (relevant.size() == 1) continue;  // no DENY meets it
      mm::TrafficQuery escapes = matches_allow;
      for (std::size_t i = 1; i < relevant.size(); ++i) escapes.must_not_match.push_back(i);
      const mm::SearchResult result = mm::find_connection(only(policy, relevant), escapes);
      if (result.witness || !result.complete) continue;
      const auto outcome = mm::evaluate(policy, *any.witness);
      std::size_t by = relevant[1];
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
