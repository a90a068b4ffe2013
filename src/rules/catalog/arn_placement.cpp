// IAM028 arn-placement: a resource ARN whose region or account field contradicts every ARN format of
// its resource type in the catalog: a region where the type takes none (IAM: arn:aws:iam:us-east-1:...),
// an account where it takes none (S3 buckets: arn:aws:s3::111122223333:bucket), or no region where the
// type needs one (arn:aws:ses::111122223333:identity/x). Such an ARN names no resource.
#include "rules/factories.hpp"
#include "rules/support/catalog_support.hpp"
#include "rules/support/rule_support.hpp"
#include "seslint/arn.hpp"
#include "seslint/text_match.hpp"
#include "seslint/values.hpp"

namespace seslint::rules {
namespace {

bool literal(std::string_view text) { return !has_wildcard(text) && !has_variables(text); }

// How the formats an ARN fits treat one field: every one leaves it empty, every one fills it, or mixed.
struct FieldUse {
  bool some_empty = false, some_filled = false;
  void add(std::string_view field) { (field.empty() ? some_empty : some_filled) = true; }
};

class ArnPlacement final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Resource); }
  void check_resource(const Policy&, const Statement& statement, const ValueList& list, Reporter& out) const override {
    for (const auto& value : list.values) {
      if (value.node->templated || !arn_is_well_formed(value.text)) continue;  // IAM015
      const auto arn = split_arn(value.text);
      if (!arn || !literal(arn->region) || !literal(arn->account) || !literal(arn->service)) continue;
      const aws::Service* service = out.aws().service(arn->service);
      if (service == nullptr) continue;
      FieldUse region, account;
      std::string type_name, example;
      const catalog::PlacementFreeArn probe(value.text);
      for (const auto& type : service->resources)
        for (const auto& format : type.arn_formats) {
          const auto parts = split_arn(format);
          if (!parts || parts->service != arn->service ||
              !probe.overlaps(format))
            continue;
          region.add(parts->region);
          account.add(parts->account);
          if (type_name.empty()) {
            type_name = type.name;
            example = format;
          }
        }
      if (type_name.empty()) continue;  // no type fits: not a placement question
      std::vector<std::string> problems;
      if (!arn->region.empty() && !region.some_filled)
        problems.push_back(fmt::format("a region ({}) where {} ARNs take none", quoted(arn->region), type_name));
      if (arn->region.empty() && !region.some_empty)
        problems.push_back(fmt::format("no region where {} ARNs need one", type_name));
      if (!arn->account.empty() && !account.some_filled)
        problems.push_back(fmt::format("an account ({}) where {} ARNs take none", quoted(arn->account), type_name));
      if (problems.empty()) continue;
      out.report(*value.node,
                 fmt::format("{} in {} of {} has {}, so it names no resource and matches nothing",
                             quoted(value.text), element_name(list), statement.label(),
                             problems.size() == 1 ? problems.front() : problems.front() + " and " + problems.back()),
                 fmt::format("write it in the form {}", example));
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_arn_placement() { return std::make_unique<ArnPlacement>(); }
}  // namespace seslint::rules
