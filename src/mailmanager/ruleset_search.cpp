// Reachability over a rule set: the attributes the relevant rules read (the target rule and the
// Drop rules before it), each split into the classes those rules can tell apart, searched depth
// first. Assigning an attribute settles the conditions that read it; a branch is cut as soon as an
// earlier Drop rule surely fires or the target surely cannot be reached as the query asks.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <unordered_map>

#include "mailmanager/string_classes.hpp"
#include "seslint/mailmanager_ruleset_eval.hpp"

namespace seslint::mm {
namespace {

using Bytes = std::array<std::uint8_t, 16>;
enum class Tri : std::uint8_t { False, True, Open };

// The last address of `network`, plus one; false when it wraps around.
bool after_end(const IpNetwork& network, Bytes& out) {
  const int width = network.v6 ? 16 : 4;
  out = network.network().bytes;
  for (int bit = network.prefix; bit < width * 8; ++bit)
    out[static_cast<std::size_t>(bit / 8)] |= static_cast<std::uint8_t>(0x80 >> (bit % 8));
  for (int i = width - 1; i >= 0; --i)
    if (++out[static_cast<std::size_t>(i)] != 0) return true;
  return false;
}

// One attribute and the representatives of its classes.
struct Domain {
  std::string key;                    // rule_attribute_key; empty for an unknown condition
  const Condition* unknown = nullptr;
  std::vector<std::string> values;    // strings, verdicts, booleans
  std::vector<IpNetwork> sources;     // SOURCE_IP
  std::vector<double> sizes;          // MESSAGE_SIZE
  std::vector<std::string> literals;  // collected while building

  std::size_t size() const {
    if (unknown != nullptr) return 2;
    if (key == "SOURCE_IP") return sources.size();
    if (key == "MESSAGE_SIZE") return sizes.size();
    return values.size();
  }
  void apply(Message& message, std::size_t i) const {
    if (unknown != nullptr) {
      message.unknowns[unknown] = i == 1;
    } else if (key == "SOURCE_IP") {
      message.source = sources[i];
      message.values[key];
    } else if (key == "MESSAGE_SIZE") {
      message.size = sizes[i];
      message.values[key];
    } else {
      message.values[key] = values[i];
    }
  }
};

bool finite_key(const std::string& key, std::vector<std::string>& out) {
  if (key == "SPF" || key == "DKIM" || key.starts_with("verdict ")) {
    out = {"PASS", "FAIL", "GRAY", "PROCESSING_FAILED"};
  } else if (key == "DMARC") {
    out = {"NONE", "QUARANTINE", "REJECT"};
  } else if (key == "TLS" || key == "TLS_WRAPPED" || key == "READ_RECEIPT_REQUESTED" || key.starts_with("list ")) {
    out = {"false", "true"};
  } else {
    return false;
  }
  return true;
}

std::vector<IpNetwork> source_classes(const std::vector<std::string>& cidrs) {
  std::set<std::pair<bool, Bytes>> points{{false, Bytes{}}, {true, Bytes{}}};
  for (const auto& text : cidrs) {
    const auto network = parse_ip_network(text);
    points.insert({network->v6, network->network().bytes});
    if (Bytes end; after_end(*network, end)) points.insert({network->v6, end});
  }
  std::vector<IpNetwork> out;
  for (const auto& [v6, bytes] : points) {
    IpNetwork address;
    address.v6 = v6;
    address.bytes = bytes;
    address.prefix = v6 ? 128 : 32;
    out.push_back(address);
  }
  return out;
}

// Whole byte counts on each side of, and at, every threshold.
std::vector<double> size_classes(const std::vector<std::string>& thresholds) {
  std::set<double> out{0};
  for (const auto& text : thresholds) {
    const double v = std::strtod(text.c_str(), nullptr);
    for (const double candidate : {std::floor(v) - 1, std::floor(v), std::floor(v) + 1, std::ceil(v), std::ceil(v) + 1})
      if (candidate >= 0 && candidate < 1e18) out.insert(candidate);
  }
  return {out.begin(), out.end()};
}

class Search {
 public:
  Search(const RuleSet& rule_set, const RuleQuery& query, std::size_t budget)
      : rules_(rule_set.rules), query_(query), budget_(budget) {
    rule_order_.push_back(query.rule);
    for (std::size_t k = 0; k < query.rule; ++k)
      if (drops(rules_[k])) rule_order_.push_back(k);
    for (const std::size_t r : rule_order_) {
      for (const auto& c : rules_[r].conditions) add_condition(c);
      for (const auto& c : rules_[r].unless) add_condition(c);
    }
    restrict_verdict("SPF", query.spf);
    restrict_verdict("DKIM", query.dkim);
    finish_domains();
    status_.assign(conditions_.size(), Tri::Open);
  }

  MessageSearch run() {
    MessageSearch out;
    Message message;
    if (consistent() && dfs(0, message)) out.witness = found_;
    out.complete = complete_ && !exhausted_;
    return out;
  }

 private:
  struct Watched {
    const Condition* condition;
    std::size_t domain;
  };

  std::size_t domain_for(const std::string& key, const Condition* unknown) {
    for (std::size_t i = 0; i < domains_.size(); ++i)
      if (domains_[i].unknown == unknown && (unknown != nullptr || domains_[i].key == key)) return i;
    Domain domain;
    domain.key = key;
    domain.unknown = unknown;
    domains_.push_back(std::move(domain));
    return domains_.size() - 1;
  }

  void add_condition(const Condition& c) {
    const std::string key = rule_attribute_key(c);
    const std::size_t d = domain_for(key, key.empty() ? &c : nullptr);
    if (!key.empty() && c.type != "BooleanExpression")
      for (const auto& v : c.values) domains_[d].literals.push_back(v.value);
    if (!key.empty() && c.type == "BooleanExpression") domains_[d].literals.insert(domains_[d].literals.end(), {"true", "false"});
    index_.emplace(&c, conditions_.size());
    conditions_.push_back({&c, d});
  }

  void restrict_verdict(const std::string& key, const std::vector<std::string>& allowed) {
    if (allowed.empty()) return;
    restricted_.emplace(key, allowed);
    domain_for(key, nullptr);
  }

  void finish_domains() {
    for (auto& d : domains_) {
      if (d.unknown != nullptr) continue;
      if (d.key == "SOURCE_IP") {
        d.sources = source_classes(d.literals);
      } else if (d.key == "MESSAGE_SIZE") {
        d.sizes = size_classes(d.literals);
      } else if (!finite_key(d.key, d.values)) {
        std::sort(d.literals.begin(), d.literals.end());
        d.literals.erase(std::unique(d.literals.begin(), d.literals.end()), d.literals.end());
        StringClasses classes = string_classes(d.literals);
        complete_ = complete_ && classes.complete;
        d.values = std::move(classes.witnesses);
      }
      if (const auto it = restricted_.find(d.key); it != restricted_.end()) {
        const auto& allowed = it->second;
        std::erase_if(d.values, [&](const std::string& v) { return std::find(allowed.begin(), allowed.end(), v) == allowed.end(); });
      }
    }
    watchers_.resize(domains_.size());
    for (std::size_t i = 0; i < conditions_.size(); ++i) watchers_[conditions_[i].domain].push_back(i);
  }

  Tri condition_status(const Condition& c) const { return status_[index_.at(&c)]; }

  // Whether every Condition holds (True), one fails (False), or it is not settled yet.
  Tri all_hold(const std::vector<Condition>& conditions) const {
    Tri out = Tri::True;
    for (const auto& c : conditions) {
      const Tri s = condition_status(c);
      if (s == Tri::False) return Tri::False;
      if (s == Tri::Open) out = Tri::Open;
    }
    return out;
  }
  Tri any_holds(const std::vector<Condition>& conditions) const {
    Tri out = Tri::False;
    for (const auto& c : conditions) {
      const Tri s = condition_status(c);
      if (s == Tri::True) return Tri::True;
      if (s == Tri::Open) out = Tri::Open;
    }
    return out;
  }
  Tri fires(const Rule& rule) const {
    const Tri conditions = all_hold(rule.conditions);
    const Tri unless = any_holds(rule.unless);
    if (conditions == Tri::False || unless == Tri::True) return Tri::False;
    return conditions == Tri::True && unless == Tri::False ? Tri::True : Tri::Open;
  }

  bool target_possible() const {
    const Rule& rule = rules_[query_.rule];
    if (!query_.skipped_by) return fires(rule) != Tri::False;
    if (*query_.skipped_by >= rule.unless.size()) return false;
    return all_hold(rule.conditions) != Tri::False && condition_status(rule.unless[*query_.skipped_by]) != Tri::False;
  }

  bool consistent() const {
    for (std::size_t i = 1; i < rule_order_.size(); ++i)
      if (fires(rules_[rule_order_[i]]) == Tri::True) return false;  // an earlier Drop surely takes it
    return target_possible();
  }

  bool dfs(std::size_t depth, Message& message) {
    if (depth == domains_.size()) {
      found_ = message;
      return true;
    }
    const Domain& domain = domains_[depth];
    for (std::size_t i = 0; i < domain.size() && !exhausted_; ++i) {
      domain.apply(message, i);
      work_ += watchers_[depth].size() + rule_order_.size();
      if (work_ > budget_) {
        exhausted_ = true;
        break;
      }
      for (const std::size_t w : watchers_[depth])
        status_[w] = rule_condition_matches(*conditions_[w].condition, message) ? Tri::True : Tri::False;
      if (consistent() && dfs(depth + 1, message)) return true;
    }
    for (const std::size_t w : watchers_[depth]) status_[w] = Tri::Open;
    return false;
  }

  const std::vector<Rule>& rules_;
  const RuleQuery& query_;
  std::size_t budget_;
  std::size_t work_ = 0;
  bool complete_ = true;
  bool exhausted_ = false;
  std::vector<std::size_t> rule_order_;  // the target, then the earlier Drop rules
  std::vector<Domain> domains_;
  std::vector<Watched> conditions_;
  std::unordered_map<const Condition*, std::size_t> index_;
  std::map<std::string, std::vector<std::string>> restricted_;
  std::vector<std::vector<std::size_t>> watchers_;  // per domain, the conditions reading it
  std::vector<Tri> status_;
  Message found_;
};

}  // namespace

MessageSearch find_message(const RuleSet& rule_set, const RuleQuery& query, std::size_t budget) {
  if (query.rule >= rule_set.rules.size()) return {};
  return Search(rule_set, query, budget).run();
}

}  // namespace seslint::mm
