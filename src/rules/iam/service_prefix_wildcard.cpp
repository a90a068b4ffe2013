// IAM026 service-prefix-wildcard: a wildcard in the service part of an action ("s*:GetObject",
// "se?:SendRawEmail"). It matches every service whose prefix fits, today's and any AWS adds later. A
// prefix that is "*" alone ("*:Get*") names every service on purpose and is not reported.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/glob.hpp"

namespace seslint::rules {
namespace {

class ServicePrefixWildcard final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Action); }
  void check_action(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    for (const auto& value : list.values) {
      const auto name = catalog::split_action(value.text);
      if (!name || !name->wild_prefix() || name->prefix == "*" || value.node->templated) continue;
      std::vector<std::string> services;
      std::size_t total = 0;
      for (const auto& prefix : out.aws().service_prefixes())
        if (glob_match(name->prefix, prefix, true)) {
          ++total;
          if (services.size() < 4) services.emplace_back(prefix);
        }
      const std::string matched =
          total == 0 ? std::string("no service today") : fmt::format("{} service{} today ({})", total,
                                                                     total == 1 ? "" : "s", short_list(services, total, 4));
      out.report(*value.node,
                 fmt::format("{} in {} of {} has a wildcard in its service prefix: it matches {}, and every service "
                             "AWS adds later whose prefix fits",
                             quoted(value.text), element_name(list), statement.label(), matched),
                 "name the service prefix in full (\"s3:GetObject\")");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_service_prefix_wildcard() { return std::make_unique<ServicePrefixWildcard>(); }
}  // namespace seslint::rules
