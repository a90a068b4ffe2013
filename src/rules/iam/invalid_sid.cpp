// IAM009 invalid-sid: a Sid with characters outside [A-Za-z0-9] in an identity policy.
#include "rules/factories.hpp"
#include "rules/support/rule_support.hpp"

namespace seslint::rules {
namespace {

bool is_alnum_ascii(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

class InvalidSid final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Statement); }
  void check_statement(const Policy& policy, const Statement& statement, Reporter& out) const override {
    if (policy.kind != PolicyKind::Identity || !statement.sid) return;
    std::string bad;
    for (std::size_t i = 0; i < statement.sid->text.size(); ++i) {
      const char c = statement.sid->text[i];
      if (is_alnum_ascii(c)) continue;
      std::size_t length = 1;  // keep a multi-byte character whole
      while (i + length < statement.sid->text.size() && (static_cast<unsigned char>(statement.sid->text[i + length]) & 0xC0) == 0x80) ++length;
      const std::string_view character = statement.sid->text.substr(i, length);
      if (bad.find(character) == std::string::npos) bad += character;
      i += length - 1;
    }
    if (bad.empty()) return;
    out.report(*statement.sid->node,
               fmt::format("Sid {} has characters IAM does not accept in identity policies: {}",
                           quoted(statement.sid->text), quoted(bad)),
               "use only ASCII letters and digits, e.g. 'AllowSendFromNoReply'");
  }
};

}  // namespace
std::unique_ptr<Rule> make_invalid_sid() { return std::make_unique<InvalidSid>(); }
}  // namespace seslint::rules
