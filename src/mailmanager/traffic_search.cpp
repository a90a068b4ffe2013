// Reachability over a traffic policy: the attributes its conditions read, each split into the
// classes the conditions can tell apart, searched depth first. A branch is cut as soon as the
// statements it has settled contradict the query.
#include <algorithm>
#include <set>

#include "mailmanager/address_classes.hpp"
#include "mailmanager/string_classes.hpp"
#include "seslint/bounded_memo.hpp"
#include "seslint/mailmanager_eval.hpp"

namespace seslint::mm {
namespace {

enum class AttributeKind { Sender, TlsVersion, Recipient, Analysis, AddressList, Unknown };

struct Attribute {
  AttributeKind kind;
  std::string key;                      // analysis key or address list ARN
  const Condition* unknown = nullptr;   // AttributeKind::Unknown
  std::vector<IpNetwork> senders;
  std::vector<Tls> versions;
  std::vector<std::string> strings;     // Recipient, Analysis
  std::size_t size() const {
    switch (kind) {
      case AttributeKind::Sender: return senders.size();
      case AttributeKind::TlsVersion: return versions.size();
      case AttributeKind::Recipient:
      case AttributeKind::Analysis: return strings.size();
      case AttributeKind::AddressList:
      case AttributeKind::Unknown: return 2;
    }
    return 0;
  }
  void apply(Connection& connection, std::size_t i) const {
    switch (kind) {
      case AttributeKind::Sender: connection.sender = senders[i]; break;
      case AttributeKind::TlsVersion: connection.tls = versions[i]; break;
      case AttributeKind::Recipient: connection.recipient = strings[i]; break;
      case AttributeKind::Analysis: connection.analysis[key] = strings[i]; break;
      case AttributeKind::AddressList: connection.in_address_list[key] = i == 1; break;
      case AttributeKind::Unknown: connection.unknowns[unknown] = i == 1; break;
    }
  }
};

// The classes of sender addresses the policy's CIDR blocks tell apart.
std::vector<IpNetwork> sender_classes(const TrafficPolicy& policy) {
  std::vector<IpNetwork> networks;
  for (const auto& statement : policy.statements)
    for (const auto& condition : statement.conditions) {
      if (condition.unknown() || (condition.type != "IpExpression" && condition.type != "Ipv6Expression")) continue;
      for (const auto& value : condition.values)
        if (const auto network = parse_ip_network(value.value); network && network->explicit_prefix)
          networks.push_back(*network);
    }
  return address_classes(networks);
}

// The rules search one policy several times (per statement, per query): its literals' classes are
// worked out once per thread. A pure function of the literals, so the answers never depend on it.
const StringClasses& memoized_string_classes(const std::vector<std::string>& literals) {
  thread_local BoundedMemo<std::map<std::vector<std::string>, StringClasses>> memo(64);
  return memo.get(literals, [&] { return string_classes(literals); });
}

bool reads_recipient(const Condition& c) { return c.type == "StringExpression" && c.subject == "Attribute"; }

std::vector<Attribute> attributes_of(const TrafficPolicy& policy, bool& complete) {
  std::vector<Attribute> out;
  out.push_back({AttributeKind::Sender, {}, nullptr, sender_classes(policy), {}, {}});
  out.push_back({AttributeKind::TlsVersion, {}, nullptr, {}, {Tls::Plaintext, Tls::Legacy, Tls::V1_2, Tls::V1_3}, {}});
  std::vector<std::string> recipients;
  std::map<std::string, std::vector<std::string>> analyses;
  std::set<std::string> lists;
  for (const auto& statement : policy.statements)
    for (const auto& condition : statement.conditions) {
      if (condition.unknown()) {
        out.push_back({AttributeKind::Unknown, {}, &condition, {}, {}, {}});
      } else if (condition.subject == "Analysis") {
        auto& literals = analyses[analysis_key(condition)];
        if (condition.type == "BooleanExpression") literals.insert(literals.end(), {"true", "false"});
        for (const auto& value : condition.values) literals.push_back(value.value);
      } else if (condition.subject == "IsInAddressList" && condition.address_lists.size() == 1) {
        lists.insert(condition.address_lists.front().value);
      } else if (reads_recipient(condition)) {
        for (const auto& value : condition.values) recipients.push_back(value.value);
      }
    }
  auto classes = [&](std::vector<std::string>& literals) {
    std::sort(literals.begin(), literals.end());
    literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
    const StringClasses& found = memoized_string_classes(literals);
    complete = complete && found.complete;
    return found.witnesses;
  };
  out.push_back({AttributeKind::Recipient, {}, nullptr, {}, {}, classes(recipients)});
  for (auto& [key, literals] : analyses) out.push_back({AttributeKind::Analysis, key, nullptr, {}, {}, classes(literals)});
  for (const auto& list : lists) out.push_back({AttributeKind::AddressList, list, nullptr, {}, {}, {}});
  return out;
}

// The attribute a condition reads last (Analysis conditions also read the sender's family).
std::size_t last_attribute(const Condition& condition, const std::vector<Attribute>& attributes) {
  for (std::size_t i = attributes.size(); i-- > 0;) {
    const Attribute& a = attributes[i];
    const bool reads = (a.kind == AttributeKind::Unknown && a.unknown == &condition) ||
                       (a.kind == AttributeKind::Analysis && condition.subject == "Analysis" && !condition.unknown() &&
                        a.key == analysis_key(condition)) ||
                       (a.kind == AttributeKind::AddressList && condition.subject == "IsInAddressList" &&
                        !condition.unknown() && condition.address_lists.size() == 1 &&
                        a.key == condition.address_lists.front().value) ||
                       (a.kind == AttributeKind::Recipient && reads_recipient(condition) && !condition.unknown()) ||
                       (a.kind == AttributeKind::TlsVersion && condition.type == "TlsExpression" && !condition.unknown());
    if (reads) return i;
  }
  return 0;  // the sender, or nothing: settled once the sender is
}

// The domains the policy's recipient conditions name ("acme-corp.io" of "@acme-corp.io").
std::vector<std::string> recipient_domains(const TrafficPolicy& policy) {
  std::vector<std::string> out;
  for (const auto& statement : policy.statements)
    for (const auto& condition : statement.conditions)
      if (reads_recipient(condition) && !condition.unknown())
        for (const auto& value : condition.values)
          if (const auto at = value.value.rfind('@'); at != std::string::npos && at + 1 < value.value.size() &&
                                                       std::find(out.begin(), out.end(), value.value.substr(at + 1)) == out.end())
            out.push_back(value.value.substr(at + 1));
  return out;
}

// The witness with a documentation address (203.0.113.9, 2001:db8::9) and a recipient like
// anyone@<domain> in place of a class's first member (0.0.0.0, ''), where the policy treats them
// alike: every statement matches as before, so the witness still answers the query.
Connection readable(const TrafficPolicy& policy, Connection found) {
  const std::vector<bool> matched = evaluate(policy, found).matched;
  auto keeps = [&](const Connection& candidate) { return evaluate(policy, candidate).matched == matched; };
  static constexpr std::array<std::string_view, 3> kV4 = {"203.0.113.9", "198.51.100.9", "192.0.2.9"};
  static constexpr std::array<std::string_view, 3> kV6 = {"2001:db8::9", "2001:db8:ffff::9", "2001:db8:1::9"};
  for (const std::string_view text : found.sender.v6 ? kV6 : kV4) {
    Connection candidate = found;
    candidate.sender = *parse_ip_network(text);
    if (keeps(candidate)) {
      found = std::move(candidate);
      break;
    }
  }
  if (found.recipient.find('@') != std::string::npos) return found;
  std::vector<std::string> domains = recipient_domains(policy);
  domains.push_back("example.com");
  for (const auto& domain : domains) {
    Connection candidate = found;
    candidate.recipient = "anyone@" + domain;
    if (keeps(candidate)) return candidate;
  }
  return found;
}

enum class Tri { False, True, Unknown };

class Search {
 public:
  Search(const TrafficPolicy& policy, const TrafficQuery& query, std::size_t budget)
      : policy_(policy), query_(query), budget_(budget) {
    attributes_ = attributes_of(policy, complete_);
    restrict_domains();
    for (const auto& statement : policy.statements) {
      conditions_ += statement.conditions.size();
      std::vector<std::size_t> lasts;
      for (const auto& condition : statement.conditions) lasts.push_back(last_attribute(condition, attributes_));
      last_.push_back(std::move(lasts));
    }
  }

  SearchResult run() {
    SearchResult out;
    Connection connection;
    if (dfs(0, connection)) out.witness = readable(policy_, found_);
    out.complete = complete_ && !exhausted_;
    return out;
  }

 private:
  // The query's family and TLS versions, and what the ingress point accepts.
  void restrict_domains() {
    const IngressPoint* ingress = query_.ingress;
    std::erase_if(attributes_[0].senders, [&](const IpNetwork& n) {
      return (query_.ipv6 && n.v6 != *query_.ipv6) || (ingress != nullptr && !ingress_accepts_sender(*ingress, n.v6));
    });
    std::erase_if(attributes_[1].versions, [&](Tls t) {
      return (!query_.tls.empty() && std::find(query_.tls.begin(), query_.tls.end(), t) == query_.tls.end()) ||
             (ingress != nullptr && !ingress_accepts(*ingress, t));
    });
  }

  Tri status(std::size_t s, std::size_t assigned, const Connection& connection) const {
    const Statement& statement = policy_.statements[s];
    Tri out = Tri::True;
    for (std::size_t c = 0; c < statement.conditions.size(); ++c) {
      if (last_[s][c] >= assigned) {
        out = Tri::Unknown;
      } else if (!traffic_condition_matches(statement.conditions[c], connection)) {
        return Tri::False;
      }
    }
    return out;
  }

  // False when the settled statements already contradict the query.
  bool consistent(std::size_t assigned, const Connection& connection) const {
    std::vector<Tri> statuses;
    for (std::size_t s = 0; s < policy_.statements.size(); ++s) statuses.push_back(status(s, assigned, connection));
    for (const std::size_t s : query_.must_match)
      if (s < statuses.size() && statuses[s] == Tri::False) return false;
    for (const std::size_t s : query_.must_not_match)
      if (s < statuses.size() && statuses[s] == Tri::True) return false;
    if (!query_.decision) return true;
    bool deny_true = false, deny_open = false, allow_true = false, allow_open = false;
    for (std::size_t s = 0; s < statuses.size(); ++s) {
      const Text& action = policy_.statements[s].action;
      if (action.is("DENY")) {
        deny_true = deny_true || statuses[s] == Tri::True;
        deny_open = deny_open || statuses[s] == Tri::Unknown;
      } else if (action.is("ALLOW")) {
        allow_true = allow_true || statuses[s] == Tri::True;
        allow_open = allow_open || statuses[s] == Tri::Unknown;
      }
    }
    std::optional<Decision> decided;
    if (deny_true) {
      decided = Decision::Deny;
    } else if (!deny_open && allow_true) {
      decided = Decision::Allow;
    } else if (!deny_open && !allow_open) {
      decided = policy_.default_action.is("ALLOW") ? Decision::Allow : Decision::Deny;
    }
    return !decided || *decided == *query_.decision;
  }

  bool dfs(std::size_t depth, Connection& connection) {
    work_ += conditions_ + 1;  // each node settles every condition again
    if (work_ > budget_) {
      exhausted_ = true;
      return false;
    }
    if (!consistent(depth, connection)) return false;
    if (depth == attributes_.size()) {
      found_ = connection;
      return true;
    }
    const Attribute& attribute = attributes_[depth];
    for (std::size_t i = 0; i < attribute.size() && !exhausted_; ++i) {
      attribute.apply(connection, i);
      if (dfs(depth + 1, connection)) return true;
    }
    return false;
  }

  const TrafficPolicy& policy_;
  const TrafficQuery& query_;
  std::size_t budget_;
  std::size_t work_ = 0;
  std::size_t conditions_ = 0;
  bool complete_ = true;
  bool exhausted_ = false;
  std::vector<Attribute> attributes_;
  std::vector<std::vector<std::size_t>> last_;  // per statement, per condition
  Connection found_;
};

}  // namespace

SearchResult find_connection(const TrafficPolicy& policy, const TrafficQuery& query, std::size_t budget) {
  return Search(policy, query, budget).run();
}

}  // namespace seslint::mm
