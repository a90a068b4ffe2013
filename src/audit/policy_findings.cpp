// The lint findings of the policies that grant the report's senders: the linter runs on each input
// file holding one, and a finding belongs to the policy whose document holds its JSON pointer.
#include <set>

#include "seslint/audit.hpp"
#include "seslint/lint.hpp"

namespace seslint::audit {
namespace {

std::set<const ModelPolicy*> granting_policies(const AuditReport& report) {
  std::set<const ModelPolicy*> out;
  for (const auto& audit : report.identities) {
    for (const auto& sender : audit.senders) out.insert(sender.granting.begin(), sender.granting.end());
    out.insert(audit.identity->policies.begin(), audit.identity->policies.end());
  }
  return out;
}

// The policy whose root holds `pointer`: the longest prefix of it, cut at each '/', that roots one.
const ModelPolicy* owner(const std::map<std::string, const ModelPolicy*, std::less<>>& roots, std::string_view pointer) {
  while (true) {
    if (const auto found = roots.find(pointer); found != roots.end()) return found->second;
    const auto slash = pointer.rfind('/');
    if (slash == std::string_view::npos) return nullptr;
    pointer = pointer.substr(0, slash);
  }
}

}  // namespace

PolicyFindings lint_granting_policies(const AccountModel& model, const AuditReport& report) {
  std::map<std::string, std::map<std::string, const ModelPolicy*, std::less<>>> roots_by_path;
  for (const ModelPolicy* policy : granting_policies(report))
    if (policy->policy.root != nullptr) roots_by_path[policy->path][policy->policy.root->pointer.str()] = policy;
  LintOptions options;
  options.include_aws_managed = true;  // an AWS managed policy that grants is as much the auditor's concern
  const Linter linter(options);
  PolicyFindings out;
  for (const auto& [path, text] : model.inputs) {
    const auto roots = roots_by_path.find(path);
    if (roots == roots_by_path.end()) continue;
    FileResult result = linter.lint_source(path, std::string(text));
    for (auto& finding : result.findings)
      if (const ModelPolicy* policy = owner(roots->second, finding.pointer)) out[policy].push_back(std::move(finding));
  }
  return out;
}

}  // namespace seslint::audit
