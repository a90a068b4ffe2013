#pragma once
// What the SES rules share: the send actions, the identities a policy lets one send as, and the
// evaluator set-up for probing a policy (identity policies as they are; a resource policy with a
// caller whose own policies allow everything, the worst case).
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/eval.hpp"
#include "seslint/reach.hpp"

namespace seslint::rules::ses {

constexpr std::array<std::string_view, 7> kSendActions = {
    "ses:SendEmail",           "ses:SendRawEmail",         "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail",
    "ses:SendBulkEmail",       "ses:SendCustomVerificationEmail", "ses:SendBounce"};

// An identity to probe: named in the policy, or made up where the policy allows every identity.
struct Probe {
  std::string identity_arn;  // arn:aws:ses:<region>:<account>:identity/<name>
  std::string name;          // acme-corp.io or user@acme-corp.io
  std::string domain;        // acme-corp.io
  bool made_up = false;      // the policy allows every identity; this one stands for them

  // "identity 'acme-corp.io'" or "any identity"
  std::string label() const;
};

// Send actions that an Allow statement with an ses: action pattern names (not "*" or NotAction:
// IAM101 and IAM102 report those), in kSendActions order. Worked out once per statement for every
// rule of a document's run (ten SES rules ask); outside a run, valid until the next call.
const std::vector<std::string_view>& granted_send_actions(const Statement& statement);
// The identity one Resource value names (wildcards filled in), if it can name SES identities.
std::optional<Probe> probe_for(std::string_view resource);
// The identities named in the statement's Resource, with wildcards filled in by a made-up name.
std::vector<Probe> probes_for(const Statement& statement);
// The caller to use for `policy`: for resource policies, the first principal an Allow names.
std::string probe_principal(const Policy& policy, const std::string& resource_owner);
eval::PolicySet policy_set(const Policy& policy);
// A reachability query for `action` on `probe`, by the caller probe_principal chooses.
eval::ReachQuery query_for(const Policy& policy, std::string_view action, const Probe& probe);
// The policy's ses:FromAddress values (patterns included), and per domain an address in it that
// none of them names or matches ("billing@..."), for witnesses that read as mail someone could
// really send. Made once per policy by a rule: every statement's queries share the answers.
class FreshAddresses {
 public:
  explicit FreshAddresses(const Policy& policy);
  const std::string& in(std::string_view domain);

 private:
  std::vector<std::string_view> named_;
  std::map<std::string, std::string, std::less<>> by_domain_;
};
// The answer to `query` about `policy`, searched once per policy for all the rules and statements
// that ask it, within the policy's work budget (`predicate_name` tells the query's predicate apart).
const eval::ReachResult& reach(const Policy& policy, const eval::PolicySet& set, const eval::ReachQuery& query,
                               std::string_view predicate_name = {});
// An allowed `action` request on `probe`: reach() for query_for().
const eval::ReachResult& allowed(const Policy& policy, const eval::PolicySet& set, std::string_view action,
                                 const Probe& probe);
// An allowed `action` request on `probe` whose From is a fresh address of the identity's domain
// (SendBulkEmail never carries ses:FromAddress, so any allowed request counts for it).
const eval::ReachResult& from_unpinned(const Policy& policy, const eval::PolicySet& set, std::string_view action,
                                       const Probe& probe, FreshAddresses& fresh);
// The networks a policy names: aws:SourceIp ranges and aws:SourceVpce/aws:SourceVpc values.
struct NamedNetworks {
  std::vector<IpNetwork> ranges;
  IpRangeSet range_set;  // `ranges`, for lookups
  std::vector<std::string> endpoints;
};
NamedNetworks named_networks(const Policy& policy);
// An allowed `action` request on `probe` from a public address outside every named range, or
// through an endpoint the policy does not name.
const eval::ReachResult& network_unrestricted(const Policy& policy, const eval::PolicySet& set,
                                              std::string_view action, const Probe& probe, const NamedNetworks& named);
// True when `result` found nothing only because the work budget ran out: no claim either way.
inline bool undecided(const eval::ReachResult& result) { return !result.witness && !result.exhaustive; }

// "ses:SendEmail and ses:SendRawEmail"
std::string join_actions(const std::vector<std::string_view>& actions);
// "is" or "are", to agree with join_actions.
std::string_view is_are(const std::vector<std::string_view>& actions);
// For advice meant for long-lived keys, reported below full level because the holder is not known to
// be an IAM user: what the advice depends on, to end the message with ("" for a user).
std::string long_lived_keys_caveat(PrincipalKind holder);

}  // namespace seslint::rules::ses
