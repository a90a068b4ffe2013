#pragma once
// Reachability: "is there an allowed request for action A on resource R whose context satisfies P?"
// The decision is constant on equivalence classes of each key's values induced by the constants the
// policies mention, so trying one representative per class is exact for the shapes SES policies use
// (docs/evaluator.md says which are exact and which approximate). The product of the classes is
// searched key by key, skipping every part in which a Deny surely applies, no Allow can, or P fails,
// so the work follows the policy's structure rather than the product's size; it is bounded all the
// same. Every witness returned has been evaluated: the evaluator allows it and P holds.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "seslint/eval.hpp"
#include "seslint/ip.hpp"

namespace seslint::eval {

// The value a multivalued key's choices pair with a representative, and the one that matches no
// literal (and, almost surely, no pattern); readers of search results recognise it by this name.
inline constexpr std::string_view kFreshValue = "seslint-fresh-value";

struct ReachQuery {
  std::string action;
  std::string resource;
  std::string principal;   // default: a user in the resource's account
  std::string account_id;  // default: the resource ARN's account
  // Keys to vary besides the ones the policies mention, with extra candidate values (e.g. a fresh
  // From address in the identity's domain). An empty list still varies the key (absent or not).
  std::map<std::string, std::vector<std::string>> extra_values;
  // The property P of the context; empty: any context.
  std::function<bool(const Request&)> predicate;
  // The keys P reads, when it reads no others: P is then tested as soon as they are set (on a
  // request holding only the keys set so far), and the search skips what it rejects. Empty: P is
  // tested on complete requests only.
  std::vector<std::string> predicate_keys = {};
};

struct ReachOptions {
  std::size_t max_requests = 200'000;  // the bound on requests, partial or complete, the search tries
  std::size_t* work_left = nullptr;    // a budget several queries share (ReachSession's): spent as they go
  // Only requests AWS can make: aws:SourceIp (internet) never comes with aws:SourceVpce,
  // aws:SourceVpc or aws:VpcSourceIp (VPC endpoint), and vice versa (facts §3.1).
  bool realistic_network = true;
};

// False for a context AWS never sends: aws:SourceIp together with a VPC endpoint key.
bool network_context_possible(const Request& request);

struct ReachResult {
  std::optional<Request> witness;  // an allowed request satisfying P, if one was found
  bool exhaustive = true;          // false when a bound cut the search short: absence of a witness then proves nothing
  std::size_t tried = 0;
};

ReachResult find_allowed_request(const PolicySet& policies, const ReachQuery& query, const ReachOptions& options = {});

// The reachability queries about one policy, each answered once and all within one work budget:
// many statements, probes and rules asking the same question cost one search, and no policy,
// however built, makes linting hang. Past the budget every new query comes back not exhaustive.
class ReachSession {
 public:
  static constexpr std::size_t kWorkBudget = 3'000'000;
  explicit ReachSession(std::size_t work_budget = kWorkBudget) : work_left_(work_budget) {}
  // find_allowed_request, remembered by `name` with the query's action, resource, principal, account
  // and extra values: `name` must tell the query's predicate apart (empty when it has none).
  const ReachResult& find(const PolicySet& policies, const ReachQuery& query, std::string_view name);
  bool budget_spent() const { return work_left_ == 0; }

 private:
  std::size_t work_left_;
  std::map<std::string, ReachResult> answers_;
};

// The session for queries about `policy` alone (made on first use, kept with the policy).
ReachSession& reach_session(const Policy& policy);

// Representatives of the classes that `cidrs` (and the private and special-use ranges) induce on one
// address family's space. `public_only`: leave out private, loopback, link-local and CGNAT ones.
std::vector<std::string> ip_representatives(const std::vector<std::string>& cidrs, bool public_only);
bool is_private_address(std::string_view address);
// True when every address of `network` is private or special-use (never in aws:SourceIp).
bool is_private_range(const IpNetwork& network);  // RFC 1918, 100.64/10, 127/8, 169.254/16, fc00::/7, fe80::/10, ::1, ...

}  // namespace seslint::eval
