// MM024 relay-without-auth: a relay that authenticates with nothing (NoAuthentication) to a server
// that is not on a private network. The server must then accept mail from Mail Manager's shared
// sending addresses without credentials, which other AWS accounts' Mail Manager relays reach too.
#include <fmt/format.h>

#include "mailmanager/support.hpp"
#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class RelayWithoutAuth final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::Relay || !resource.relay.no_authentication) return;
    const mm::Text& server = resource.relay.server_name;
    if (!server.known || server.value.empty() || private_server(server.value)) return;
    const JsonValue* none = mm::member(resource.relay.authentication, "NoAuthentication");
    out.report(*none,
               fmt::format("the relay sends to {} with NoAuthentication: that server accepts mail from Mail Manager's "
                           "shared addresses without credentials, and other AWS accounts' relays can reach it the "
                           "same way",
                           mm::quote(server)),
               "set Authentication.SecretArn to a Secrets Manager secret holding the server's SMTP credentials, or "
               "relay only to a server on your private network");
  }
};

}  // namespace

std::unique_ptr<Rule> make_relay_without_auth() { return std::make_unique<RelayWithoutAuth>(); }

}  // namespace seslint::rules
