#pragma once
// A Terraform plan (or state) as `terraform show -json` prints it, read for what more than one reader
// needs: the managed resources of planned_values (a state's values) in every module, each with its
// configuration expressions and, for a plan, what is known only at apply time (after_unknown); and
// the configuration's references, followed from an attribute to the resources it names. Shared by
// the audit's account model and the Mail Manager loader.
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/json.hpp"

namespace seslint::inputs {

struct PlanResource {
  std::string address;         // as planned: "module.mail.aws_iam_user.alice[0]"
  std::string config_address;  // without instance keys: "module.mail.aws_iam_user.alice"
  std::string module;          // "module.mail." or ""
  std::string type;
  const JsonValue* item = nullptr;           // the resource's entry in planned_values / values
  const JsonValue* values = nullptr;
  const JsonValue* expressions = nullptr;    // the configuration's, when the plan has one
  const JsonValue* after_unknown = nullptr;  // resource_changes: what is known only at apply time
};

// "module.a[0].aws_iam_user.u[\"x\"]" -> "module.a.aws_iam_user.u"
std::string without_instance_keys(std::string_view address);

class TerraformPlan {
 public:
  explicit TerraformPlan(const JsonValue& root);
  TerraformPlan(const TerraformPlan&) = delete;
  TerraformPlan& operator=(const TerraformPlan&) = delete;

  std::deque<PlanResource>& resources() { return resources_; }
  const std::deque<PlanResource>& resources() const { return resources_; }

  // Whether the configuration sets `attribute` to a value known only at apply time.
  static bool is_unknown(const PlanResource& resource, std::string_view attribute);

  // The resources a configuration expression ({"references": [...]}) of `from` leads to, among
  // those `wanted` accepts; with count/for_each, the instance with `from`'s key.
  using Filter = std::function<bool(const PlanResource&)>;
  std::vector<const PlanResource*> referenced(const PlanResource& from, const JsonValue* expression,
                                              const Filter& wanted) const;
  // The same for a top-level attribute of `from`.
  std::vector<const PlanResource*> referenced(const PlanResource& from, std::string_view attribute,
                                              const Filter& wanted) const;

 private:
  void collect_resources(const JsonValue& module);

  std::deque<PlanResource> resources_;
  std::multimap<std::string, const PlanResource*> by_config_address_;
};

}  // namespace seslint::inputs
