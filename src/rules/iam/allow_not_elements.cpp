// IAM102 allow-not-action, IAM103 allow-not-resource, IAM104 allow-not-principal: an Allow written
// as an exclusion grants everything not listed, including what does not exist yet.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class AllowNotAction final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    if (statement.effect != Effect::Allow || !list.negated) return;
    out.report_key(*list.member,
                   fmt::format("{} allows every action except the {} listed in NotAction, in every service, "
                               "including actions AWS adds later",
                               statement.label(), list.values.size()),
                   "list the allowed actions in Action; keep NotAction for Deny statements");
  }
};

class AllowNotResource final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Resource); }
  void check_resource(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    if (statement.effect != Effect::Allow || !list.negated) return;
    out.report_key(*list.member,
                   fmt::format("{} allows its actions on every resource except the {} listed in NotResource, "
                               "in every account and region",
                               statement.label(), list.values.size()),
                   "list the allowed resources in Resource");
  }
};

class AllowNotPrincipal final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy&, const Statement& statement, const Principal& principal, Reporter& out) const override {
    if (statement.effect != Effect::Allow || !principal.negated) return;
    out.report_key(*principal.member,
                   fmt::format("{} allows every principal except those listed in NotPrincipal, anonymous callers "
                               "and other accounts included",
                               statement.label()),
                   "name the allowed principals in Principal");
  }
};

}  // namespace
std::unique_ptr<Rule> make_allow_not_action() { return std::make_unique<AllowNotAction>(); }
std::unique_ptr<Rule> make_allow_not_resource() { return std::make_unique<AllowNotResource>(); }
std::unique_ptr<Rule> make_allow_not_principal() { return std::make_unique<AllowNotPrincipal>(); }
}  // namespace seslint::rules
