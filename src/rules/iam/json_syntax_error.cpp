// IAM000 json-syntax-error: the file could not be read as JSON (syntax, UTF-8, depth, size).
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

class JsonSyntaxError final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Document); }
  void check_document(const Document& document, Reporter& out) const override {
    if (document.parse == nullptr || !document.parse->error) return;
    const ParseError& error = *document.parse->error;
    Span span{error.where, error.where};
    if (error.where.offset < document.source.size()) {  // underline the offending character
      ++span.end.offset;
      ++span.end.column;
    }
    out.report_at(out.default_level(), span, "", error.message);
  }
};

}  // namespace
std::unique_ptr<Rule> make_json_syntax_error() { return std::make_unique<JsonSyntaxError>(); }
}  // namespace seslint::rules
