// MM022 unencrypted-mail-storage: mail kept or handed on where your own KMS key does not guard it:
// a WriteToS3 action without S3SseKmsKeyId, an archive without KmsKeyArn (both then use keys AWS
// manages, so access to the bucket or archive alone reads the mail), and PublishToSns with the
// whole message as payload (PayloadType CONTENT, the default) rather than its headers.
#include <fmt/format.h>

#include "rules/mailmanager/factories.hpp"
#include "rules/support/mailmanager.hpp"

namespace seslint::rules {
namespace {

class UnencryptedMailStorage final : public MailManagerRule {
 public:
  void check_mail_manager(const mm::Resource& resource, const mm::Configuration&, Reporter& out) const override {
    if (resource.kind == mm::Kind::Archive) check_archive(resource, out);
    if (resource.kind != mm::Kind::RuleSet) return;
    for (const auto& rule : resource.rule_set.rules)
      for (const auto& action : rule.actions) {
        if (action.body == nullptr || !action.body->is_object()) continue;
        if (action.type == "WriteToS3" && !action.field("S3SseKmsKeyId").present())
          out.report_at(out.default_level(), action.body->opening(), action.body->pointer,
                        fmt::format("{} writes mail to S3 bucket {} without S3SseKmsKeyId: the objects are encrypted "
                                    "with a key AWS manages, so whoever can read the bucket reads the mail",
                                    rule.label(), bucket(action)),
                        "set S3SseKmsKeyId to a customer managed KMS key whose policy admits only the readers you mean");
        if (action.type == "PublishToSns") check_sns(rule, action, out);
      }
  }

 private:
  static std::string bucket(const mm::Action& action) {
    return mm::quote(action.field("S3Bucket"));
  }

  static void check_archive(const mm::Resource& resource, Reporter& out) {
    if (resource.node == nullptr || !resource.node->is_object() || resource.archive.kms_key.present()) return;
    out.report_at(out.default_level(), resource.node->opening(), resource.node->pointer,
                  "the archive has no KmsKeyArn: archived mail is encrypted with a key AWS manages, so anyone allowed "
                  "to search or export the archive reads it",
                  "set KmsKeyArn to a customer managed KMS key when you create the archive (it cannot be added later)");
  }

  static void check_sns(const mm::Rule& rule, const mm::Action& action, Reporter& out) {
    const mm::Text payload = action.field("PayloadType");
    if (payload.present() && !payload.is("CONTENT")) return;  // HEADERS, or a template value
    const JsonValue& at = payload.present() ? *payload.node : *action.body;
    out.report_at(out.default_level(), payload.present() ? at.span : at.opening(), at.pointer,
                  fmt::format("{} publishes the whole message to SNS (PayloadType CONTENT{}): every subscriber of the "
                              "topic (e-mail, HTTP, SQS) receives the mail's content",
                              rule.label(), payload.present() ? "" : ", the default"),
                  "set PayloadType HEADERS and fetch the content where it is stored (an archive or an encrypted S3 "
                  "bucket), or keep the topic's subscribers to systems meant to read the mail");
  }
};

}  // namespace

std::unique_ptr<Rule> make_unencrypted_mail_storage() { return std::make_unique<UnencryptedMailStorage>(); }

}  // namespace seslint::rules
