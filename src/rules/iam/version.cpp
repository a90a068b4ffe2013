// IAM002 version: Version missing (variables are literal), 2008-10-17 (same), or unknown.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class VersionRule final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    constexpr std::string_view help = "add \"Version\": \"2012-10-17\"";
    if (policy.version == nullptr) {
      out.report_at(Level::Warning, policy.root->opening(), policy.root->pointer,
                    "the policy has no Version, so IAM reads it with the 2008-10-17 rules and takes any ${...} "
                    "policy variables as plain text",
                    std::string(help));
      return;
    }
    if (!policy.version->value.is_string()) return;  // IAM004 reports the type
    const std::string_view version = policy.version_text();
    if (version == "2012-10-17") return;
    if (version == "2008-10-17") {
      out.report(Level::Warning, policy.version->value,
                 "Version '2008-10-17' is the outdated policy language: policy variables are plain text under it",
                 "use \"Version\": \"2012-10-17\"");
      return;
    }
    out.report(Level::Error, policy.version->value,
               fmt::format("Version {} is not a policy language version; IAM accepts only '2012-10-17' and "
                           "'2008-10-17' (it is not a date you choose)",
                           quoted(version)),
               "use \"Version\": \"2012-10-17\"");
  }
};

}  // namespace
std::unique_ptr<Rule> make_version() { return std::make_unique<VersionRule>(); }
}  // namespace seslint::rules
