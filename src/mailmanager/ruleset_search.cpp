// Reachability over a rule set: the attributes the relevant rules read (the target rule and the
// Drop rules before it), each split into the classes those rules can tell apart, searched depth
// first. Assigning an attribute settles the conditions that read it; a branch is cut as soon as an
// earlier Drop rule surely fires or the target surely cannot be reached as the query asks.
#include <algorithm>
#include <cmath>
#include <set>

#include "mailmanager/address_classes.hpp"
#include "mailmanager/string_classes.hpp"
#include "seslint/mailmanager_ruleset_eval.hpp"

namespace seslint::mm {
namespace {

enum class Tri : std::uint8_t { False, True, Open };

// One attribute and the representatives of its classes.
struct Domain {
  std::string key;                    // rule_attribute_key; empty for an unknown condition
  const Condition* unknown = nullptr;
  std::vector<std::string> values;    // strings, verdicts, booleans
  std::vector<IpNetwork> sources;     // SOURCE_IP
  std::vector<double> sizes;          // MESSAGE_SIZE
  std::vector<StringTest> literals;   // collected while building

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

// The classes of source addresses the CIDRs tell apart (rule_attribute_key admits only valid ones).
std::vector<IpNetwork> source_classes(const std::vector<std::string>& cidrs) {
  std::vector<IpNetwork> networks;
  for (const auto& text : cidrs)
    if (const auto network = parse_ip_network(text)) networks.push_back(*network);
  return address_classes(networks);
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

// What a condition asks of its literals (a boolean add-on result: whether it is "true" or "false").
void add_literals(const Condition& c, std::vector<StringTest>& out) {
  if (c.type == "BooleanExpression") {
    out.insert(out.end(), {{"true", kEquals}, {"false", kEquals}});
    return;
  }
  const std::string& op = c.op.value;
  const unsigned relations = op == "EQUALS" || op == "NOT_EQUALS" ? kEquals
                             : op == "STARTS_WITH"                ? kStartsWith
                             : op == "ENDS_WITH"                  ? kEndsWith
                             : op == "CONTAINS"                   ? kContains
                                                                  : kEveryRelation;
  for (const auto& v : c.values) out.push_back({v.value, relations});
}

// Sorted, one test per literal asking every relation asked of it.
std::vector<StringTest> merged(std::vector<StringTest> tests) {
  std::sort(tests.begin(), tests.end());
  std::vector<StringTest> out;
  for (auto& test : tests) {
    if (!out.empty() && out.back().literal == test.literal)
      out.back().relations |= test.relations;
    else
      out.push_back(std::move(test));
  }
  return out;
}

std::vector<std::string> texts(const std::vector<StringTest>& tests) {
  std::vector<std::string> out;
  for (const auto& test : tests) out.push_back(test.literal);
  return out;
}

using Classes = std::pair<std::vector<std::string>, bool>;  // one witness per class; complete

// Automaton states one attribute's string classes may take: the tests of the target rule and the
// Drop rules before it, at the quotas (40 rules of 10 conditions), stay below it.
constexpr std::size_t kMaxStringStates = 20'000;

// One witness per class of strings the tests tell apart, and whether the list is complete.
Classes classes_of(const std::vector<StringTest>& tests) {
  StringClasses classes = string_classes(tests, kMaxStringStates);
  return {std::move(classes.witnesses), classes.complete};
}

}  // namespace

struct RuleSetSearcher::Memo {
  std::map<std::vector<StringTest>, Classes> classes;
  const Classes& classes_of(const std::vector<StringTest>& tests) {
    if (const auto found = classes.find(tests); found != classes.end()) return found->second;
    return classes.emplace(tests, mm::classes_of(tests)).first->second;
  }
};

namespace {

class Search {
 public:
  Search(const RuleSet& rule_set, const RuleQuery& query, std::size_t budget, RuleSetSearcher::Memo* shared)
      : rules_(rule_set.rules), query_(query), budget_(budget), shared_(shared) {
    rule_order_.push_back(query.rule);
    for (std::size_t k = 0; k < query.rule; ++k)
      if (drops(rules_[k])) rule_order_.push_back(k);
    for (std::size_t p = 0; p < rule_order_.size(); ++p) {
      const Rule& rule = rules_[rule_order_[p]];
      Span span;
      span.conditions = conditions_.size();
      for (const auto& c : rule.conditions) add_condition(c, p);
      span.unless = conditions_.size();
      for (const auto& c : rule.unless) add_condition(c, p);
      span.end = conditions_.size();
      spans_.push_back(span);
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
    out.complete = out.witness.has_value() || (complete_ && !exhausted_);  // a witness is an answer
    return out;
  }

 private:
  struct Watched {
    const Condition* condition;
    std::string key;
    std::size_t domain;
    std::size_t position;  // of its rule in rule_order_
  };
  // A rule's conditions in conditions_: [conditions, unless) its Conditions, [unless, end) its Unless.
  struct Span {
    std::size_t conditions = 0, unless = 0, end = 0;
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

  void add_condition(const Condition& c, std::size_t position) {
    const std::string key = rule_attribute_key(c);
    const std::size_t d = domain_for(key, key.empty() ? &c : nullptr);
    if (!key.empty()) add_literals(c, domains_[d].literals);
    conditions_.push_back({&c, key, d, position});
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
        d.sources = source_classes(texts(d.literals));
      } else if (d.key == "MESSAGE_SIZE") {
        d.sizes = size_classes(texts(d.literals));
      } else if (!finite_key(d.key, d.values)) {
        const std::vector<StringTest> tests = merged(std::move(d.literals));
        const Classes classes = shared_ != nullptr ? shared_->classes_of(tests) : classes_of(tests);
        complete_ = complete_ && classes.second;
        d.values = classes.first;
      }
      if (const auto it = restricted_.find(d.key); it != restricted_.end()) {
        const auto& allowed = it->second;
        std::erase_if(d.values, [&](const std::string& v) { return std::find(allowed.begin(), allowed.end(), v) == allowed.end(); });
      }
    }
    watchers_.resize(domains_.size());
    affected_.resize(domains_.size());
    for (std::size_t i = 0; i < conditions_.size(); ++i) {
      watchers_[conditions_[i].domain].push_back(i);
      auto& positions = affected_[conditions_[i].domain];
      if (positions.empty() || positions.back() != conditions_[i].position) positions.push_back(conditions_[i].position);
    }
  }

  // Whether every condition in [begin, end) holds (True), one fails (False), or it is not settled.
  Tri all_hold(std::size_t begin, std::size_t end) const {
    Tri out = Tri::True;
    for (std::size_t i = begin; i < end; ++i) {
      if (status_[i] == Tri::False) return Tri::False;
      if (status_[i] == Tri::Open) out = Tri::Open;
    }
    return out;
  }
  Tri any_holds(std::size_t begin, std::size_t end) const {
    Tri out = Tri::False;
    for (std::size_t i = begin; i < end; ++i) {
      if (status_[i] == Tri::True) return Tri::True;
      if (status_[i] == Tri::Open) out = Tri::Open;
    }
    return out;
  }
  Tri fires(std::size_t position) const {
    const Span& span = spans_[position];
    const Tri conditions = all_hold(span.conditions, span.unless);
    const Tri unless = any_holds(span.unless, span.end);
    if (conditions == Tri::False || unless == Tri::True) return Tri::False;
    return conditions == Tri::True && unless == Tri::False ? Tri::True : Tri::Open;
  }

  bool target_possible() const {
    if (!query_.skipped_by) return fires(0) != Tri::False;
    const Span& span = spans_[0];
    const std::size_t unless = span.unless + *query_.skipped_by;
    return unless < span.end && all_hold(span.conditions, span.unless) != Tri::False && status_[unless] != Tri::False;
  }

  // Position 0 is the target; the others are earlier Drop rules, which must not surely fire.
  bool consistent(std::size_t position) const { return position == 0 ? target_possible() : fires(position) != Tri::True; }
  bool consistent() const {
    for (std::size_t p = 0; p < rule_order_.size(); ++p)
      if (!consistent(p)) return false;
    return true;
  }

  bool dfs(std::size_t depth, Message& message) {
    if (depth == domains_.size()) {
      found_ = message;
      return true;
    }
    const Domain& domain = domains_[depth];
    for (std::size_t i = 0; i < domain.size() && !exhausted_; ++i) {
      domain.apply(message, i);
      work_ += watchers_[depth].size() + affected_[depth].size();
      if (work_ > budget_) {
        exhausted_ = true;
        break;
      }
      for (const std::size_t w : watchers_[depth])
        status_[w] = rule_condition_matches(*conditions_[w].condition, conditions_[w].key, message) ? Tri::True : Tri::False;
      // Only the rules reading this attribute changed; the others were consistent already.
      const bool ok = std::all_of(affected_[depth].begin(), affected_[depth].end(),
                                  [&](std::size_t position) { return consistent(position); });
      if (ok && dfs(depth + 1, message)) return true;
    }
    for (const std::size_t w : watchers_[depth]) status_[w] = Tri::Open;
    return false;
  }

  const std::vector<Rule>& rules_;
  const RuleQuery& query_;
  std::size_t budget_;
  RuleSetSearcher::Memo* shared_;
  std::size_t work_ = 0;
  bool complete_ = true;
  bool exhausted_ = false;
  std::vector<std::size_t> rule_order_;  // the target, then the earlier Drop rules
  std::vector<Domain> domains_;
  std::vector<Watched> conditions_;
  std::vector<Span> spans_;  // per position in rule_order_
  std::map<std::string, std::vector<std::string>> restricted_;
  std::vector<std::vector<std::size_t>> watchers_;  // per domain, the conditions reading it
  std::vector<std::vector<std::size_t>> affected_;  // per domain, the positions of the rules reading it
  std::vector<Tri> status_;
  Message found_;
};

}  // namespace

MessageSearch find_message(const RuleSet& rule_set, const RuleQuery& query, std::size_t budget) {
  if (query.rule >= rule_set.rules.size()) return {};
  return Search(rule_set, query, budget, nullptr).run();
}

RuleSetSearcher::RuleSetSearcher(const RuleSet& rule_set) : rule_set_(rule_set), memo_(std::make_unique<Memo>()) {}
RuleSetSearcher::~RuleSetSearcher() = default;

MessageSearch RuleSetSearcher::find(const RuleQuery& query, std::size_t budget) const {
  if (query.rule >= rule_set_.rules.size()) return {};
  return Search(rule_set_, query, budget, memo_.get()).run();
}

}  // namespace seslint::mm
