// IAM001 duplicate-key: an object repeats a key; readers keep one value and drop the other.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class DuplicateKeyRule final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document& document, Reporter& out) const override {
    if (document.parse == nullptr) return;
    for (const auto& duplicate : document.parse->duplicates) {
      std::string pointer = duplicate.object_pointer;
      append_pointer_token(pointer, duplicate.key);
      out.report_at(out.default_level(), duplicate.key_span, std::move(pointer),
                    fmt::format("key {} repeats the key on line {} of the same object; readers keep only one "
                                "of the two values (seslint reads this one)",
                                quoted(duplicate.key), duplicate.first_key_span.begin.line),
                    "merge the two values under one key");
    }
  }
};

}  // namespace
std::unique_ptr<Rule> make_duplicate_key() { return std::make_unique<DuplicateKeyRule>(); }
}  // namespace seslint::rules
