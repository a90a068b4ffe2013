// IAM025 principal-unique-id: a role's or user's unique ID (AROA..., AIDA...) as an "AWS" principal.
// IAM writes one there itself when the role or user a policy named is deleted, so a unique ID is
// usually a grant to an entity that no longer exists; a new entity of the same name does not inherit it.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

// "role" for AROA..., "user" for AIDA..., else empty. Unique IDs are upper-case letters and digits.
std::string_view unique_id_kind(std::string_view text) {
  if (text.size() < 16 || !std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      }))
    return {};
  if (text.substr(0, 4) == "AROA") return "role";
  if (text.substr(0, 4) == "AIDA") return "user";
  return {};
}

class PrincipalUniqueId final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Principal); }
  void check_principal(const Policy&, const Statement& statement, const Principal& principal, Reporter& out) const override {
    for (const auto& entry : principal.entries) {
      if (entry.member->key != "AWS") continue;
      for (const auto& value : entry.values) {
        const std::string_view kind = unique_id_kind(value.text);
        if (kind.empty()) continue;
        out.report(*value.node,
                   fmt::format("{} in {} of {} is an IAM {}'s unique ID, not its ARN: IAM shows one where the {} the "
                               "policy named was deleted, so the grant may point at an entity that no longer exists, "
                               "and a new {} of the same name does not get it",
                               quoted(value.text), element_name(principal), statement.label(), kind, kind, kind),
                   fmt::format("name the {} by its ARN (arn:aws:iam::<account>:{}/<name>)", kind, kind));
      }
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_principal_unique_id() { return std::make_unique<PrincipalUniqueId>(); }
}  // namespace seslint::rules
