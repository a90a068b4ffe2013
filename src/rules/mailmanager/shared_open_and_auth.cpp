// MM019 shared-open-and-auth: an OPEN ingress point uses the rule set (or traffic policy) that an
// AUTH or MTLS ingress point uses too. What was written for authenticated senders (Send, Relay,
// delivery without verdict checks, a permissive traffic policy) then also serves anyone who can
// reach the OPEN endpoint, and a later change for one endpoint silently changes the other.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"
#include "seslint/mailmanager_run.hpp"

namespace seslint::rules {
namespace {

// An ingress point of the run and the configuration its references resolve in.
struct Placed {
  const mm::Resource* ingress;
  const mm::Configuration* config;
};

// This file's ingress points, then those of the run's other files, in input order.
std::vector<Placed> ingresses_of_run(const mm::Configuration& config) {
  std::vector<Placed> out;
  for (const auto& resource : config.resources)
    if (resource.kind == mm::Kind::IngressPoint) out.push_back({&resource, &config});
  if (config.run != nullptr)
    for (const auto& file : config.run->files())
      if (file->path != config.path)
        for (const auto& resource : file->config.resources)
          if (resource.kind == mm::Kind::IngressPoint) out.push_back({&resource, &file->config});
  return out;
}

const mm::Text& reference_to(const mm::Resource& ingress, mm::Kind kind) {
  return kind == mm::Kind::RuleSet ? ingress.ingress.rule_set : ingress.ingress.traffic_policy;
}

// The same resource: one object, or a get-* output read once for each file (same first key).
bool same_resource(const mm::Resource* a, const mm::Resource* b) {
  return a == b || (a->kind == b->kind && !a->from_template && !b->from_template && !a->keys.empty() &&
                    !b->keys.empty() && a->keys.front() == b->keys.front());
}

// Whether two ingress points name the same rule set (or traffic policy). An unresolved reference
// matches an equal one by ID; a template's logical ID only inside its own template.
bool same_target(const Placed& a, const Placed& b, mm::Kind kind) {
  const mm::Text& ra = reference_to(*a.ingress, kind);
  const mm::Text& rb = reference_to(*b.ingress, kind);
  if (!ra.known || !rb.known || ra.value.empty()) return false;
  const mm::Resource* ta = a.config->resolve(kind, ra);
  const mm::Resource* tb = b.config->resolve(kind, rb);
  if (ta != nullptr && tb != nullptr) return same_resource(ta, tb);
  if (ta != nullptr || tb != nullptr || ra.value != rb.value) return false;
  return a.config == b.config || (!a.ingress->from_template && !b.ingress->from_template);
}

class SharedOpenAndAuth final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration& config, Reporter& out) const override {
    if (resource.kind != mm::Kind::IngressPoint || !resource.ingress.type.is("OPEN")) return;
    const auto ingresses = ingresses_of_run(config);
    const Placed self{&resource, &config};
    for (const mm::Kind kind : {mm::Kind::RuleSet, mm::Kind::TrafficPolicy}) {
      for (const Placed& other : ingresses) {
        const mm::Text& type = other.ingress->ingress.type;
        if (other.ingress == &resource || !(type.is("AUTH") || type.is("MTLS")) || !same_target(self, other, kind))
          continue;
        report(resource, kind, *other.ingress, out);
        break;
      }
    }
  }

 private:
  static void report(const mm::Resource& open, mm::Kind kind, const mm::Resource& authenticated, Reporter& out) {
    const mm::Text& reference = reference_to(open, kind);
    const bool rules = kind == mm::Kind::RuleSet;
    out.report(*reference.node,
               fmt::format("this OPEN ingress point uses the {} {} that the {} {} also uses: {}", rules ? "rule set" : "traffic policy",
                           mm::quote(reference), authenticated.ingress.type.value, describe(authenticated),
                           rules ? "actions meant for authenticated senders (Send, Relay, delivery) run for anyone who "
                                   "can reach this endpoint"
                                 : "what it admits for authenticated submission it admits here from anyone, and a "
                                   "change for one endpoint changes the other"),
               fmt::format("give the OPEN ingress point a {} of its own, written for unauthenticated internet mail",
                           rules ? "rule set" : "traffic policy"));
  }
};

}  // namespace

std::unique_ptr<Rule> make_shared_open_and_auth() { return std::make_unique<SharedOpenAndAuth>(); }

}  // namespace seslint::rules
