#pragma once
// The curated risk-category action lists of rules/risk-actions.json (embedded at build time).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/aws_catalog.hpp"
#include "seslint/policy.hpp"

namespace seslint::rules::risk {

enum class Category { CredentialsExposure, OwnTokens, DataExfiltration, ResourceExposure };

// Is the action listed under the category? Names compare ignoring case, as IAM's do.
bool listed(Category category, const aws::Service& service, const aws::Action& action);
// The category's names as the file writes them ("iam:CreateAccessKey"), for tests and docs.
const std::vector<std::string>& names(Category category);

// Is the action one of those the catalog files under Permissions management though it only reads
// (its name starts with a prefix of "permissions_management_reads")?
bool permissions_management_read(const aws::Action& action);

// The statement shapes the risk rules judge: an Allow in an identity policy with Action (NotAction is
// IAM102's) and Resource, and no Condition (a condition may well be the scoping; its content is not
// second-guessed, as Cloudsplaining does not).
bool judged(const Policy& policy, const Statement& statement);
// The "*" value of the statement's Resource, or nullptr.
const StringNode* resource_star(const Statement& statement);

// The actions of the statement that `wanted` picks, named by values other than "*" and "<service>:*"
// (IAM101 reports those whole), and not cut back by a Deny without condition on `resource` ("*":
// every resource). Sorted, each once. `first` is set to the first Action value that names one.
using Wanted = std::function<bool(const aws::Service&, const aws::Action&)>;
std::vector<std::string> granted(const Policy& policy, const Statement& statement, const aws::Catalog& aws,
                                 const Wanted& wanted, std::string_view resource, const StringNode** first = nullptr);

// The listed actions of `category` a judged statement grants on its Resource "*" (`star`): nothing
// when the statement is not judged or names no "*".
struct StarGrant {
  const StringNode* star = nullptr;
  std::vector<std::string> names;
};
StarGrant granted_on_star(const Policy& policy, const Statement& statement, const aws::Catalog& aws, Category category);

}  // namespace seslint::rules::risk
