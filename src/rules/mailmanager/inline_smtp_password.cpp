// MM020 inline-smtp-password: an ingress point's SmtpPassword written into the template (or input)
// as a literal, or taken from a parameter that is not NoEcho; also a password shorter than 16
// characters. The message never repeats the password.
#include <fmt/format.h>

#include "mailmanager/support.hpp"
#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

constexpr std::size_t kShortPassword = 16;
constexpr std::string_view kHelp =
    "keep the password in Secrets Manager and set SecretArn instead (rotation included), or at least a NoEcho "
    "parameter or a {{resolve:secretsmanager:...}} dynamic reference";
// A plan or state holds the value in clear text even when it is marked sensitive.
constexpr std::string_view kTerraformHelp =
    "keep the password in Secrets Manager and set secret_arn instead, or use the aws provider's write-only "
    "smtp_password_wo, which never reaches the plan or the state";

bool secret_reference(std::string_view text) {
  return text.starts_with("{{resolve:secretsmanager:") || text.starts_with("{{resolve:ssm-secure:");
}

class InlineSmtpPassword final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind != mm::Kind::IngressPoint) return;
    const mm::Text& password = resource.ingress.smtp_password;
    if (!password.present()) return;
    if (password.known && password.node->is_string()) {
      if (secret_reference(password.value)) return;
      const std::size_t length = password.value.size();
      out.report(*password.node,
                 fmt::format("the SMTP password is written in the {} as a literal{}: anyone who can read it can send "
                             "through the ingress point",
                             resource.written_in,
                             length < kShortPassword ? fmt::format(", and it has only {} characters", length) : ""),
                 std::string(resource.written_in == "plan" || resource.written_in == "state" ? kTerraformHelp : kHelp));
      return;
    }
    check_parameter(resource, *password.node, out);
  }

 private:
  static void check_parameter(const mm::Resource& resource, const JsonValue& value, Reporter& out) {
    const JsonValue* ref = mm::member(&value, "Ref");
    if (ref == nullptr || !ref->is_string()) return;
    const JsonValue* parameter = mm::member(resource.template_parameters, ref->text);
    if (parameter == nullptr) return;
    const mm::Text no_echo = mm::text_member(parameter, "NoEcho");
    if (no_echo.is("true")) return;
    out.report_at(out.default_level(), value.span, value.pointer,
                  fmt::format("the SMTP password comes from parameter '{}', which is not NoEcho: CloudFormation shows "
                              "its value in the console and in describe-stacks",
                              ref->text),
                  std::string(kHelp));
  }
};

}  // namespace

std::unique_ptr<Rule> make_inline_smtp_password() { return std::make_unique<InlineSmtpPassword>(); }

}  // namespace seslint::rules
