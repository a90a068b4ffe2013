// Evaluations per second on typical SES policies: an SMTP user's identity policy (allow scoped to
// one identity with From pinned and an IP allow-list, plus a network Deny) and a cross-account SES
// identity policy, against requests that vary address, From, recipients and caller.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "seslint/eval.hpp"
#include "seslint/ip.hpp"
#include "seslint/reach.hpp"

using namespace seslint;

namespace {
std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: seslint_bench_eval IDENTITY.json SES-IDENTITY-POLICY.json [N]\n";
    return 2;
  }
  const long n = argc > 3 ? std::atol(argv[3]) : 1'000'000;
  const std::string identity_text = read(argv[1]), resource_text = read(argv[2]);
  const auto identity_json = parse_json(identity_text), resource_json = parse_json(resource_text);
  if (!identity_json.root || !resource_json.root) {
    std::cerr << "cannot parse the policies\n";
    return 2;
  }
  const Policy identity = build_policy(*identity_json.root, PolicyKind::Identity);
  const Policy resource = build_policy(*resource_json.root, PolicyKind::SesIdentity);
  const char* ips[] = {"198.51.100.7", "203.0.113.9", "2001:db8:1234::5", "8.8.8.8"};
  const char* froms[] = {"noreply@acme-corp.io", "news@acme-corp.io", "eve@evil.test"};
  const char* principals[] = {"arn:aws:iam::111122223333:user/smtp", "arn:aws:iam::444455556666:user/newsletter-sender"};
  std::vector<eval::Request> requests;
  for (const char* ip : ips)
    for (const char* from : froms)
      for (const char* principal : principals) {
        eval::Request r{"ses:SendRawEmail", "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io", principal, "", {}};
        r.context.set("aws:SourceIp", {ip});
        r.context.set("ses:FromAddress", {from});
        r.context.set("ses:Recipients", {"a@partner.org", "b@acme-corp.io"});
        eval::normalize(r);
        requests.push_back(std::move(r));
      }
  const eval::PolicySet set{{&identity}, &resource};
  std::size_t allowed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i)
    allowed += eval::evaluate(set, requests[static_cast<std::size_t>(i) % requests.size()]).decision == eval::Decision::Allowed;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("evaluations {} in {:.3f} s: {:.0f} per second, one thread ({} allowed)\n", n, seconds, static_cast<double>(n) / seconds, allowed);
  // Reachability: "allowed from a public address outside the policy's ranges, or via an endpoint?"
  eval::ReachQuery query{"ses:SendRawEmail", "arn:aws:ses:eu-west-1:111122223333:identity/acme-corp.io",
                         "arn:aws:iam::111122223333:user/smtp", "", {{"aws:SourceIp", {}}}, {}};
  // The policy allows only the office ranges, so no witness exists: the enumeration runs to the end.
  const auto office4 = *parse_ip_network("198.51.100.0/24"), office6 = *parse_ip_network("2001:db8:1234::/48");
  query.predicate = [&](const eval::Request& r) {
    const auto* ip = r.context.find("aws:SourceIp");
    if (ip == nullptr) return true;
    const auto address = *parse_ip_network((*ip)[0]);
    return !office4.contains(address) && !office6.contains(address);
  };
  const long queries = argc > 4 ? std::atol(argv[4]) : 200;
  std::size_t tried = 0, found = 0;
  const auto reach_start = std::chrono::steady_clock::now();
  for (long i = 0; i < queries; ++i) {
    const auto result = eval::find_allowed_request(set, query);
    tried += result.tried;
    found += result.witness.has_value();
  }
  const double reach_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - reach_start).count();
  fmt::print("reachability {} queries in {:.3f} s: {:.0f} per second ({} requests tried per query, {} with a witness)\n",
             queries, reach_seconds, static_cast<double>(queries) / reach_seconds, tried / static_cast<std::size_t>(queries), found);
  return 0;
}
