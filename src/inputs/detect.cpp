// Recognises what an input is, from its shape, and hands it to the matching container reader.
#include "inputs/container_support.hpp"

namespace seslint {

std::optional<InputType> parse_input_type(std::string_view text) {
  if (text == "auto") return InputType::Auto;
  if (text == "policy") return InputType::Policy;
  if (text == "aws-cli") return InputType::AwsCli;
  if (text == "cloudformation") return InputType::CloudFormation;
  if (text == "terraform") return InputType::Terraform;
  return std::nullopt;
}

std::string_view to_string(InputType type) {
  switch (type) {
    case InputType::Auto: return "auto";
    case InputType::Policy: return "policy";
    case InputType::AwsCli: return "aws-cli";
    case InputType::CloudFormation: return "cloudformation";
    case InputType::Terraform: return "terraform";
  }
  return "";
}

namespace {

// A policy has Statement, Version or Id at the top; an empty object is a policy with nothing in it.
bool looks_like_policy(const JsonValue& root) {
  return root.is_object() && (root.members.empty() || root.find("Statement") || root.find("Version") || root.find("Id"));
}

bool read_as(InputType type, const JsonValue& root, inputs::SiteSink& sink) {
  switch (type) {
    case InputType::AwsCli: return inputs::read_authorization_details(root, sink) || inputs::read_aws_cli(root, sink);
    case InputType::CloudFormation: return inputs::read_cloudformation(root, sink);
    case InputType::Terraform: return inputs::read_terraform(root, sink);
    case InputType::Auto:
    case InputType::Policy: return false;
  }
  return false;
}

}  // namespace

Extraction extract_policies(const JsonValue& root, const SourceWindow& source, const ExtractOptions& options) {
  Extraction out;
  inputs::SiteSink sink(out, source, options);
  auto as_policy = [&] {
    out.recognised = true;
    out.type = InputType::Policy;
    out.policies.push_back({&root, nullptr, {}, {}});
  };
  if (options.type == InputType::Policy || (options.type == InputType::Auto && looks_like_policy(root))) {
    as_policy();
    return out;
  }
  const InputType candidates[] = {InputType::AwsCli, InputType::CloudFormation, InputType::Terraform};
  for (InputType type : candidates) {
    if (options.type != InputType::Auto && options.type != type) continue;
    if (read_as(type, root, sink)) {
      out.recognised = true;
      out.type = type;
      return out;
    }
    out = Extraction{};
  }
  return out;
}

}  // namespace seslint
