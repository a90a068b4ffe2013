// MM010 message-size-limit: a traffic policy without MaxMessageSizeBytes accepts messages up to the
// service maximum (40 MB); a value above it is meaningless.
#include <cstdlib>

#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

constexpr double kServiceMaximum = 40.0 * 1024 * 1024;

class MessageSizeLimit final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::TrafficPolicy || resource.node == nullptr) return;
    const mm::Text& size = resource.traffic_policy.max_message_size;
    if (!size.present()) {
      out.report_at(out.default_level(), resource.node->opening(), resource.node->pointer,
                    "no MaxMessageSizeBytes: messages up to the service maximum (40 MB) are accepted",
                    "set MaxMessageSizeBytes to the largest message you expect, e.g. 10485760 (10 MB)");
      return;
    }
    if (!size.known || size.node->kind != JsonKind::Number) return;
    if (std::strtod(size.value.c_str(), nullptr) > kServiceMaximum)
      out.report(*size.node,
                 fmt::format("MaxMessageSizeBytes {} is above the service maximum of 40 MB (41943040 bytes), so it "
                             "limits nothing",
                             mm::quote(size)),
                 "set it to the largest message you expect, at most 41943040");
  }
};

}  // namespace

std::unique_ptr<Rule> make_message_size_limit() { return std::make_unique<MessageSizeLimit>(); }

}  // namespace seslint::rules
