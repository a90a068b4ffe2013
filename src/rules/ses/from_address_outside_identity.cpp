// SES107 from-address-outside-identity: every From value a statement allows lies outside the
// domains of the identities it names, so the grant can never be used.
#include <algorithm>
#include <cctype>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

// Can `value` (a literal, or a pattern when `like`) be an address the identity may send as?
bool fits(std::string_view value, bool like, const ses::Probe& probe) {
  const std::string v = to_lower(value), name = to_lower(probe.name), domain = to_lower(probe.domain);
  auto matches = [&](std::string_view text) { return like ? glob_match(v, text) : v == text; };
  if (name.find('@') != std::string::npos) return matches(name);  // an address identity sends as itself
  const auto at = v.rfind('@');
  if (at == std::string::npos) return like && v.find('*') != std::string::npos;  // "*" and the like
  // The domain part must be able to be the identity's domain or one of its subdomains.
  const std::string part = v.substr(at + 1);
  if (!like) return part == domain || (part.size() > domain.size() && part.ends_with("." + domain));
  return glob_match(part, domain) || glob_match(part, "seslint-sub." + domain);
}

class FromAddressOutsideIdentity final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy&, const Statement& statement, Reporter& out) const override {
    if (ses::granted_send_actions(statement).empty()) return;
    std::vector<ses::Probe> probes;
    for (auto& probe : ses::probes_for(statement))
      if (!probe.made_up) probes.push_back(std::move(probe));
    if (probes.empty()) return;
    for (const auto& clause : statement.clauses) {
      const auto& parsed = statement.operator_of(clause).parsed;
      if (parsed.base == nullptr || parsed.base->family != OperatorFamily::String || parsed.base->negated ||
          parsed.qualifier != SetQualifier::None || !iequals(clause.key_member->key, "ses:FromAddress"))
        continue;
      const bool like = parsed.base->wildcards;
      const bool any_fits = std::any_of(clause.values.begin(), clause.values.end(), [&](const ConditionValue& value) {
        // A value chosen at deploy time (CloudFormation) may fit: no claim about it.
        return has_variables(value.text) || (value.node != nullptr && value.node->templated) ||
               std::any_of(probes.begin(), probes.end(), [&](const ses::Probe& p) { return fits(value.text, like, p); });
      });
      if (any_fits || clause.values.empty()) continue;
      std::string names;
      for (const auto& probe : probes) names += (names.empty() ? "" : ", ") + quoted(probe.name);
      out.report_at(out.default_level(), clause.key_member->key_span, clause.key_member->value.pointer,
                    fmt::format("every ses:FromAddress value {} allows is outside the identities it may send as "
                                "({}): SES requires the From address to belong to the identity, so the grant can "
                                "never be used",
                                statement.label(), names),
                    "use addresses of the identity's domain, or name the identity those addresses belong to");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_from_address_outside_identity() { return std::make_unique<FromAddressOutsideIdentity>(); }
}  // namespace seslint::rules
