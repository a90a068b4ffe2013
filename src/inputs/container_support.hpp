#pragma once
// Shared by the container readers: member lookups and the sink that turns a found value into a
// PolicySite (objects as they are, JSON strings parsed with positions mapped back to the file).
#include <string>
#include <string_view>

#include "seslint/inputs.hpp"

namespace seslint::inputs {

// The member's value when `object` is an object that has it, else nullptr.
const JsonValue* field(const JsonValue& object, std::string_view key);
// The member's string, or "" when absent or not a string.
std::string_view text_field(const JsonValue& object, std::string_view key);

class SiteSink {
 public:
  SiteSink(Extraction& out, const SourceWindow& source, const ExtractOptions& options)
      : out_(out), source_(source), options_(options) {}
  // Adds the policy held by `value`: an object, or a string of JSON (URL-encoded JSON too, as the
  // IAM API returns it). null and other types are not policies and are skipped.
  void add(const JsonValue& value, PolicyOrigin origin);
  Extraction& out() { return out_; }
  const ExtractOptions& options() const { return options_; }
  const SourceWindow& source() const { return source_; }

 private:
  Extraction& out_;
  const SourceWindow& source_;
  const ExtractOptions& options_;
};

// A managed policy's default version (IsDefaultVersion, else DefaultVersionId) in an
// authorization-details Policies entry, or nullptr.
const JsonValue* default_version(const JsonValue& policy);

// Each reader returns false when the root is not its kind of container.
bool read_authorization_details(const JsonValue& root, SiteSink& sink);
// One element of an authorization-details list ("UserDetailList", ..., "Policies"): for streaming.
void read_authorization_entry(std::string_view list_key, const JsonValue& entry, SiteSink& sink);
bool read_aws_cli(const JsonValue& root, SiteSink& sink);
bool read_cloudformation(const JsonValue& root, SiteSink& sink);
bool read_terraform(const JsonValue& root, SiteSink& sink);

// IAM's quota on one user's, group's or role's inline policies, counted together (characters
// without whitespace): every container that knows a policy is inline applies the same one.
struct InlineQuota {
  std::size_t characters;
  std::string_view what;  // for IAM011's message
};
inline constexpr InlineQuota kUserInlineQuota{2048, "a user's inline policies (together)"};
inline constexpr InlineQuota kGroupInlineQuota{5120, "a group's inline policies (together)"};
inline constexpr InlineQuota kRoleInlineQuota{10240, "a role's inline policies (together)"};
void set_quota(PolicyOrigin& origin, const InlineQuota& quota);

// CloudFormation: a copy of a policy value with intrinsic functions resolved (see cloudformation.cpp).
JsonValue resolve_intrinsics(const JsonValue& value);

}  // namespace seslint::inputs
