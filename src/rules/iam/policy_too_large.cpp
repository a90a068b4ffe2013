// IAM011 policy-too-large: more characters (whitespace not counted) than AWS accepts for the kind.
// Limits (facts §1.5): managed identity policy 6,144; SES identity policy 4 KB (counted here as
// 4,096 characters without whitespace, the lenient reading); role trust policy 2,048 by default.
// Other resource policies depend on the service and are not checked.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

std::size_t count_non_whitespace(std::string_view source) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  std::size_t count = 0;
  for (char c : source) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // count code points, not bytes
  }
  return count;
}

bool is_trust_policy(const Policy& policy) {
  bool any = false;
  for (const auto& statement : policy.statements) {
    if (!statement.action || statement.action->negated) return false;
    for (const auto& action : statement.action->values) {
      if (action.text.size() < 4 || !iequals(action.text.substr(0, 4), "sts:")) return false;
      any = true;
    }
  }
  return any;
}

struct Limit {
  std::size_t characters;
  std::string_view what;
};

std::optional<Limit> limit_for(const Policy& policy) {
  switch (policy.kind) {
    case PolicyKind::Identity: return Limit{6144, "a managed identity policy"};
    case PolicyKind::SesIdentity: return Limit{4096, "an SES identity policy"};
    case PolicyKind::Resource:
      if (is_trust_policy(policy)) return Limit{2048, "a role trust policy (the default quota)"};
      return std::nullopt;
  }
  return std::nullopt;
}

class PolicyTooLarge final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document& document, Reporter& out) const override {
    if (!document.policy) return;
    const auto limit = limit_for(*document.policy);
    if (!limit) return;
    const std::size_t count = count_non_whitespace(document.source);
    if (count <= limit->characters) return;
    out.report_at(out.default_level(), document.policy->root->opening(), document.policy->root->pointer,
                  fmt::format("the policy has {} characters not counting whitespace, over the limit of {} for {}",
                              count, limit->characters, limit->what),
                  "split it into several policies, or merge statements and use wildcards where that stays safe");
  }
};

}  // namespace
std::unique_ptr<Rule> make_policy_too_large() { return std::make_unique<PolicyTooLarge>(); }
}  // namespace seslint::rules
