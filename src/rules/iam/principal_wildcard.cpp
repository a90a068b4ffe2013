// IAM023 principal-wildcard: a wildcard inside a principal value ({"Service": "*"},
// "arn:aws:iam::*:root", "arn:aws:iam::111122223333:role/*"). Only "*" alone, as the whole
// Principal or as an "AWS" value, means everyone; IAM does not match principals by pattern.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

class PrincipalWildcard final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy&, const Statement& statement, const Principal& principal, Reporter& out) const override {
    for (const auto& entry : principal.entries) {
      const std::string_view type = entry.member->key;
      for (const auto& value : entry.values) {
        if (!has_wildcard(value.text) || value.node->templated) continue;
        if (type == "AWS" && value.text == "*") continue;  // everyone: IAM105 judges it
        out.report(*value.node,
                   fmt::format("{} in {} {} of {} holds a wildcard, which IAM does not expand in principals: it "
                               "names no {} principal as meant{}",
                               quoted(value.text), element_name(principal), quoted(type), statement.label(),
                               type == "Service" ? "service" : "single",
                               type == "AWS" ? " (only \"*\" alone stands for every principal)" : ""),
                   type == "Service" ? "name each service principal, e.g. \"lambda.amazonaws.com\""
                                     : "name the accounts, roles or users, or use \"*\" with an aws:PrincipalArn / "
                                       "aws:PrincipalAccount condition");
      }
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_principal_wildcard() { return std::make_unique<PrincipalWildcard>(); }
}  // namespace seslint::rules
