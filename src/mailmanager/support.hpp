#pragma once
// Shared by the Mail Manager readers and rules: member lookups that tolerate any JSON.
#include "seslint/mailmanager.hpp"

namespace seslint::mm {

// A value known only at deploy time: a CloudFormation intrinsic ({"Ref": ...} or {"Fn::...": ...}),
// or a Terraform value known only at apply time (a templated scalar).
bool is_intrinsic(const JsonValue& value);
// The member's value when `object` is an object that has it, else nullptr.
const JsonValue* member(const JsonValue* object, std::string_view key);
Text text_of(const JsonValue* value);
Text text_member(const JsonValue* object, std::string_view key);
// A field naming another resource: plain text, or Ref / Fn::GetAtt / Fn::Sub of a logical ID.
Text reference_of(const JsonValue* value);
// The only member of a union object, or nullptr when it has zero or several.
const JsonMember* single_member(const JsonValue* object);

}  // namespace seslint::mm
