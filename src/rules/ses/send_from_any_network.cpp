// SES103 send-from-any-network: an allowed send request from a public address outside every range
// the policy names, or through a VPC endpoint the policy does not name (or with no network keys at
// all, as SMTP endpoint traffic may be). IfExists on a VPC key therefore restricts nothing. With the
// organisation's trusted networks and VPC endpoints (.seslint.yaml org), an allowed send from a
// public address outside the networks, or through an endpoint outside the list, is a finding too,
// naming the address or endpoint.
#include <algorithm>

#include "rules/factories.hpp"
#include "rules/support/org.hpp"
#include "rules/support/rule_support.hpp"
#include "rules/support/ses.hpp"
#include "seslint/org.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules {
namespace {

std::string describe(const eval::Request& witness) {
  if (const auto* ip = witness.context.find("aws:SourceIp"))
    return fmt::format("from any public address, e.g. {}", (*ip)[0]);
  if (const auto* endpoint = witness.context.find("aws:SourceVpce"))
    return fmt::format("through a VPC endpoint the policy does not name, e.g. {}", (*endpoint)[0]);
  return "through a VPC endpoint that sets no aws:SourceVpce (no network condition applies)";
}

// An allowed send on `probe` from a public address outside every trusted network. The candidate
// addresses split the address space by the policy's ranges and the trusted ones alike.
std::optional<std::string> outside_trusted(const Policy& policy, const eval::PolicySet& set, std::string_view action,
                                           const ses::Probe& probe, const ses::NamedNetworks& named,
                                           const std::vector<IpNetwork>& trusted) {
  std::vector<std::string> cidrs;
  for (const auto& range : named.ranges) cidrs.push_back(range.to_string());
  for (const auto& range : trusted) cidrs.push_back(range.to_string());
  auto candidates = eval::ip_representatives(cidrs, true);
  eval::ReachQuery query = ses::query_for(policy, action, probe);
  query.extra_values = {{"aws:SourceIp", std::move(candidates)}};
  query.predicate = [&](const eval::Request& request) {
    const auto* ip = request.context.find("aws:SourceIp");
    const auto address = ip != nullptr ? parse_ip_network((*ip)[0]) : std::nullopt;
    return address && !eval::is_private_address((*ip)[0]) &&
           std::none_of(trusted.begin(), trusted.end(), [&](const IpNetwork& n) { return n.contains(*address); });
  };
  const auto witness = eval::find_allowed_request(set, query).witness;
  if (!witness) return std::nullopt;
  return (*witness->context.find("aws:SourceIp"))[0];
}

// An endpoint no policy names: stands for "any other endpoint" (never shown).
constexpr std::string_view kProbeEndpoint = "vpce-0seslintprobe0";

// An allowed send on `probe` through a VPC endpoint outside the organisation's: one the policy
// names, or any other (a probe ID stands for those). Returns how, for the message.
std::optional<std::string> outside_endpoints(const Policy& policy, const eval::PolicySet& set, std::string_view action,
                                             const ses::Probe& probe, const ses::NamedNetworks& named,
                                             const std::vector<std::string>& endpoints) {
  std::vector<std::string> candidates = named.endpoints;
  candidates.push_back(std::string(kProbeEndpoint));
  eval::ReachQuery query = ses::query_for(policy, action, probe);
  query.extra_values = {{"aws:SourceVpce", std::move(candidates)}};
  query.predicate = [&](const eval::Request& request) {
    const auto* endpoint = request.context.find("aws:SourceVpce");
    return endpoint != nullptr && std::find(endpoints.begin(), endpoints.end(), (*endpoint)[0]) == endpoints.end();
  };
  query.predicate_keys = {"aws:SourceVpce"};
  const auto witness = ses::reach(policy, set, query, "outside-org-endpoints").witness;
  if (!witness) return std::nullopt;
  const std::string& endpoint = (*witness->context.find("aws:SourceVpce"))[0];
  if (endpoint == kProbeEndpoint) return std::string("through a VPC endpoint the policy does not name");
  return fmt::format("through VPC endpoint {}", quoted(endpoint));
}

// A statement that grants only service principals: the service's requests do not come from your
// network, so network advice does not apply (IAM106 asks for aws:SourceAccount/aws:SourceArn there).
bool grants_only_services(const Statement& statement) {
  if (!statement.principal || statement.principal->negated || statement.principal->wildcard) return false;
  const auto& entries = statement.principal->entries;
  return !entries.empty() &&
         std::all_of(entries.begin(), entries.end(), [](const PrincipalEntry& e) { return e.member->key == "Service"; });
}

// A resource or SES identity policy names its holders statement by statement: a statement naming no
// IAM user (accounts, roles) is held by someone unknown, even beside one that names a user.
PrincipalKind statement_holder(const Policy& policy, const Statement& statement) {
  if (policy.kind == PolicyKind::Identity || policy.holder.kind != PrincipalKind::User || !statement.principal)
    return policy.holder.kind;
  for (const auto& entry : statement.principal->entries)
    for (const auto& value : entry.values)
      if (entry.member->key == "AWS" && value.text.find(":user/") != std::string_view::npos) return PrincipalKind::User;
  return PrincipalKind::Unknown;
}

class SendFromAnyNetwork final : public Rule {
 public:
  unsigned subscriptions() const override { return bit(NodeKind::Policy); }
  void check_policy(const Policy& policy, Reporter& out) const override {
    // aws:SourceIp is a control for long-lived keys; a service role's requests come from AWS.
    const auto level = level_for_long_lived_keys(policy, out.default_level());
    if (!level) return;
    const eval::PolicySet set = ses::policy_set(policy);
    const ses::NamedNetworks named = ses::named_networks(policy);
    UndecidedStatements undecided_statements;
    for (const auto& statement : policy.statements) {
      const auto actions = ses::granted_send_actions(statement);
      if (actions.empty() || grants_only_services(statement)) continue;
      bool undecided = false;
      for (const auto& probe : ses::probes_for(statement)) {
        std::vector<std::string_view> reachable;
        const eval::Request* example = nullptr;  // points into the session's answers: no copy of a large context
        for (std::string_view action : actions) {
          const auto& answer = ses::network_unrestricted(policy, set, action, probe, named);
          undecided = undecided || ses::undecided(answer);
          if (!answer.witness) continue;
          reachable.push_back(action);
          if (example == nullptr) example = &*answer.witness;
        }
        if (reachable.empty()) {
          check_org(*level, policy, set, named, actions, probe, statement, out);
          continue;
        }
        undecided = false;  // reported: the finding stands for the statement
        const PrincipalKind holder = statement_holder(policy, statement);
        out.report(holder == PrincipalKind::User ? *level : Level::Note, statement.action->member->value,
                   fmt::format("{} on {} {} allowed {}: {}{}", ses::join_actions(reachable), probe.label(),
                               ses::is_are(reachable), describe(*example),
                               named.ranges.empty() && named.endpoints.empty()
                                   ? "the policy restricts no network"
                                   : "the policy's network conditions leave this way open",
                               ses::long_lived_keys_caveat(holder)),
                   "allow only from your egress ranges (IpAddress aws:SourceIp) or your endpoint (StringEquals "
                   "aws:SourceVpce), or deny the rest with NotIpAddress plus StringNotEqualsIfExists aws:SourceVpce");
      }
      if (undecided) undecided_statements.add(statement);
    }
    undecided_statements.report(policy, "sending is allowed from any network", out);
  }

 private:
  // The organisation's networks (.seslint.yaml org), on a statement whose own conditions do restrict
  // the network: one finding naming a public address outside the trusted networks and an endpoint
  // outside the organisation's, whichever the policy allows.
  static void check_org(Level level, const Policy& policy, const eval::PolicySet& set, const ses::NamedNetworks& named,
                        const std::vector<std::string_view>& actions, const ses::Probe& probe,
                        const Statement& statement, Reporter& out) {
    if (out.org() == nullptr) return;
    const OrgConfig& org = *out.org();
    std::string ways, help;
    std::vector<std::string_view> reachable;
    auto add = [&](const org::Reached& found, std::string way, std::string_view narrow) {
      if (found.actions.empty()) return;
      ways += (ways.empty() ? "" : ", and ") + way;
      help += (help.empty() ? "narrow " : " and ") + std::string(narrow);
      for (auto action : found.actions)
        if (std::find(reachable.begin(), reachable.end(), action) == reachable.end()) reachable.push_back(action);
    };
    if (!org.trusted_networks.empty()) {
      const auto found = org::reached(actions, [&](std::string_view action) {
        return outside_trusted(policy, set, action, probe, named, org.trusted_networks);
      });
      add(found, fmt::format("from {}, outside the organisation's trusted networks", found.example),
          "aws:SourceIp to the trusted networks");
    }
    if (!org.vpc_endpoints.empty()) {
      const auto found = org::reached(actions, [&](std::string_view action) {
        return outside_endpoints(policy, set, action, probe, named, org.vpc_endpoints);
      });
      add(found, fmt::format("{}, not one of the organisation's vpc-endpoints", found.example),
          "aws:SourceVpce to the organisation's endpoints");
    }
    if (ways.empty()) return;
    std::sort(reachable.begin(), reachable.end(), [](std::string_view a, std::string_view b) {
      return std::find(ses::kSendActions.begin(), ses::kSendActions.end(), a) <
             std::find(ses::kSendActions.begin(), ses::kSendActions.end(), b);
    });
    out.report(level, statement.action->member->value,
               fmt::format("{} on {} {} allowed {} (.seslint.yaml org)", ses::join_actions(reachable), probe.label(),
                           ses::is_are(reachable), ways),
               help);
  }
};

}  // namespace
std::unique_ptr<Rule> make_send_from_any_network() { return std::make_unique<SendFromAnyNetwork>(); }
}  // namespace seslint::rules
