#pragma once
// Helpers for the rules that consult the AWS catalog (IAM201-IAM208, SES109).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/arn.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/policy.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules::catalog {

// "ses:SendRawEmail" -> {"ses", "SendRawEmail"}; nullopt without a ':'.
struct ActionName {
  std::string_view prefix;
  std::string_view name;
  bool wild_prefix() const { return has_wildcard(prefix); }
  bool wild_name() const { return has_wildcard(name); }
};
std::optional<ActionName> split_action(std::string_view text);

// What one Action or NotAction value names, worked out once per list for every rule of a document
// (the split, the wildcards, the catalog look-ups: several rules ask the same of each value).
struct ActionFact {
  std::optional<ActionName> name;  // split_action of the value
  bool wild_prefix = false, wild_name = false;
  // The catalog's service of a prefix without wildcards and, for an exact name, its action; nullptr
  // where the catalog has none.
  const aws::Service* service = nullptr;
  const aws::Action* action = nullptr;
  // Known to the catalog: an exact name's action exists; a pattern's service exists (a pattern is
  // known without matching it, and a wildcard service is known); a wildcard service with an exact
  // name matches some action.
  bool known = false;
  bool exact() const { return name && !wild_prefix && !wild_name; }
};
// One fact per value of `list`, in its order: shared through the document's memo in an engine run
// (else valid until the next call on this thread).
const std::vector<ActionFact>& action_facts(const ValueList& list, const aws::Catalog& catalog);

struct ExpandedAction {
  const aws::Service* service = nullptr;
  const aws::Action* action = nullptr;
  const StringNode* source = nullptr;  // the Action value that names it
  std::string full_name() const;       // "ses:SendRawEmail"
};
// Matching an Action value whose name starts with a wildcard ("ec2:*Tag*", "*:*a1*") compares it with
// every action name of the services it names, so distinct such values cost a document's analysis the
// most: a document may spend kExpansionBudget name comparisons on them (each distinct value once,
// in the order met; a wildcard service counts as the whole catalog). Beyond that a value's actions
// are not worked out: its statement's actions are not known exactly and IAM202 says so. Always
// true outside an engine run. Deterministic: the cost does not depend on memos or threads.
inline constexpr std::size_t kExpansionBudget = 100000;
bool within_expansion_budget(std::string_view text, const aws::Catalog& catalog);
// Every action a statement's Action values name, or nullopt when that is not known exactly
// (NotAction, no Action, an unknown service or action, a value that is not service:name). "*" expands to
// every action only when `allow_star`.
std::optional<std::vector<ExpandedAction>> expand_statement_actions(const Statement& statement,
                                                                    const aws::Catalog& catalog,
                                                                    bool allow_star = false);
// The same, computed once per statement for all the rules of a document's run (DocumentMemo).
const std::optional<std::vector<ExpandedAction>>& statement_actions(const Statement& statement,
                                                                    const aws::Catalog& catalog,
                                                                    bool allow_star = false);

// Could an ARN pattern of a policy (wildcards, policy variables) and a catalog ARN format
// ("arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}") name the same resource?
// Over-approximates ('?' is read as '*'), so a "no" is certain.
bool arn_patterns_overlap(std::string_view policy_arn, std::string_view catalog_format);
// One field of an ARN pattern as the overlap tests read it.
struct ArnFieldShape {
  std::string_view text;
  std::uint32_t head_size = 0, tail_size = 0;  // of the text before its first wildcard, and after its last
  bool wild = false;                           // holds a wildcard ('*', '?', a closed "${...}")
  bool any_text = false;                       // "*" or one placeholder ("${Region}"): overlaps any field
  bool pattern = false;                        // holds '*', '?' or '$'
  std::string_view head() const { return text.substr(0, head_size); }
  std::string_view tail() const { return text.substr(text.size() - tail_size); }
};

// A policy ARN prepared, once, for overlap tests against catalog formats with its region and
// account fields ignored: whether it names a resource of that type, if perhaps with a region or
// account the type does not take (IAM028 judges those fields). Over-approximates as
// arn_patterns_overlap does. Views `policy_arn`, which must outlive it.
class PlacementFreeArn {
 public:
  explicit PlacementFreeArn(std::string_view policy_arn);
  bool overlaps(std::string_view catalog_format) const;
  // For any ARN format of the types.
  bool overlaps_any_type(const std::vector<const aws::ResourceType*>& types) const;

 private:
  const std::array<ArnFieldShape, 6>& shapes() const;
  std::string_view text_;
  std::optional<ArnParts> parts_;  // split_arn(text_)
  // Of "arn:<partition>:<service>:*:*:<resource>", at the first comparison (many never meet one).
  mutable std::optional<std::array<ArnFieldShape, 6>> shapes_;
};

// An ARN pattern that names every resource of `service` ("<prefix>" of an action), wildcards standing
// for everything after the service: "arn:aws:*:*:*:*" (every service), "arn:*:s3:::*" (every S3
// resource), "arn:aws:ses:*:*:*". Parliament calls these "effectively *".
bool effectively_star(std::string_view arn, std::string_view service);

// A resource of a catalog ARN format that no policy names: the placeholders filled with made-up
// values (partition aws, region us-east-1, `account`, "seslint-probe").
std::string made_up_arn(std::string_view catalog_format, std::string_view account = "999988887777");

// A Deny without Condition covers the action on this resource ("*" stands for every resource and
// is covered only by a Deny on "*"), NotAction and NotResource honoured. Cheap and certain: rules
// use it to respect the Denies that narrow an Allow, where full reachability would cost too much.
bool denied_unconditionally(const Policy& policy, std::string_view action, std::string_view resource);

// A condition key prefix named after an identity provider's host ("accounts.google.com",
// "oidc.eks.<region>.amazonaws.com/id/<id>"): its keys carry the provider's claims, which no catalog lists.
bool is_provider_key_prefix(std::string_view prefix);

}  // namespace seslint::rules::catalog
