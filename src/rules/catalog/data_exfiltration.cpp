// IAM214 data-exfiltration: an Allow without condition on Resource "*" for read actions that return
// stored data itself (objects, parameters, items, decrypted plaintext; rules/risk-actions.json), so
// the holder can read every bucket, parameter or table of the account.
#include "rules/factories.hpp"
#include "rules/support/risk_actions.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class DataExfiltration final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    const auto [star, names] = risk::granted_on_star(policy, statement, out.aws(), risk::Category::DataExfiltration);
    if (names.empty()) return;
    out.report(*star->node,
               fmt::format("{} allows {} on every resource without a condition: the holder can read the data of "
                           "every bucket, parameter, table or key the account has, not only its own",
                           statement.label(), short_list(names, names.size(), 4)),
               "name the buckets, parameters, tables or keys the actions need, or add a condition");
  }
};

}  // namespace
std::unique_ptr<Rule> make_data_exfiltration() { return std::make_unique<DataExfiltration>(); }
}  // namespace seslint::rules
