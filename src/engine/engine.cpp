#include "seslint/engine.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/document_memo.hpp"
#include "seslint/mailmanager.hpp"

namespace seslint {

void Reporter::report(const JsonValue& node, std::string message, std::string help) {
  report(rule_.level, node, std::move(message), std::move(help));
}

void Reporter::report(Level level, const JsonValue& node, std::string message, std::string help) {
  // A templated value (CloudFormation intrinsic, '*' for the parts known only at deploy time) is
  // not what will be deployed: a finding about the value itself would be a guess.
  if (node.templated) return;
  report_at(level, node.span, node.pointer, std::move(message), std::move(help));
}

void Reporter::report_at(Level level, Span span, std::string_view pointer, std::string message, std::string help) {
  Finding finding;
  finding.rule_id = rule_.id;
  finding.level = level;
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.span = span;
  finding.pointer = std::string(pointer);
  sink_.push_back(std::move(finding));
}

void Reporter::report_key(const JsonMember& member, std::string message, std::string help) {
  report_at(rule_.level, member.key_span, member.value.pointer, std::move(message), std::move(help));
}

namespace {
bool matches(std::string_view id, const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return id.substr(0, p.size()) == p; });
}
constexpr std::size_t kNodeKinds = static_cast<std::size_t>(NodeKind::ConditionClause) + 1;
}  // namespace

bool RuleSelection::enabled(std::string_view id) const {
  if (!select.empty() && !matches(id, select)) return false;
  return !matches(id, ignore);
}

Engine::Engine(const RuleCatalog& catalog, const RuleSelection& selection, const aws::Catalog& aws,
               const OrgConfig* org)
    : aws_(&aws), org_(org), by_kind_(kNodeKinds) {
  // The registry and the catalog are both sorted by ID: one walk finds every rule's entry.
  const auto infos = catalog.rules();
  std::size_t at = 0;
  for (const auto& factory : builtin_rules()) {
    while (at < infos.size() && infos[at].id < factory.id) ++at;
    const RuleInfo* info = at < infos.size() && infos[at].id == factory.id ? &infos[at] : catalog.find(factory.id);
    if (info == nullptr) throw std::logic_error("rule " + std::string(factory.id) + " is not in the catalog");
    if (!selection.enabled(factory.id)) continue;
    active_.push_back({info, factory.make()});
    enabled_.push_back(info);
    for (const auto& each : info->supersedes) superseding_.push_back({info->id, each.rule, each.scope});
  }
  // By general rule: a finding looks up only the pairs it can be dropped by (drop_superseded).
  std::stable_sort(superseding_.begin(), superseding_.end(),
                   [](const Superseding& a, const Superseding& b) { return a.general < b.general; });
  for (std::size_t i = 0; i < active_.size(); ++i)
    for (std::size_t kind = 0; kind < kNodeKinds; ++kind)
      if (active_[i].rule->subscriptions() & (1u << kind)) by_kind_[kind].push_back(i);
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;

std::vector<Finding> Engine::run(const Document& document) const {
  const DocumentMemoScope memo;  // the rules' shared per-document analyses
  std::vector<Finding> findings;
  std::vector<Reporter> reporters;
  reporters.reserve(active_.size());
  for (const auto& active : active_) reporters.emplace_back(*active.info, findings, *aws_, org_);
  auto each = [&](NodeKind kind, auto&& call) {
    for (std::size_t i : by_kind_[static_cast<std::size_t>(kind)]) call(*active_[i].rule, reporters[i]);
  };
  each(NodeKind::Document, [&](const Rule& r, Reporter& out) { r.check_document(document, out); });
  if (document.policy) {
    const Policy& policy = *document.policy;
    each(NodeKind::Policy, [&](const Rule& r, Reporter& out) { r.check_policy(policy, out); });
    for (const auto& st : policy.statements) {
      each(NodeKind::Statement, [&](const Rule& r, Reporter& out) { r.check_statement(policy, st, out); });
      if (st.principal)
        each(NodeKind::Principal, [&](const Rule& r, Reporter& out) { r.check_principal(policy, st, *st.principal, out); });
      if (st.action)
        each(NodeKind::Action, [&](const Rule& r, Reporter& out) { r.check_action(policy, st, *st.action, out); });
      if (st.resource)
        each(NodeKind::Resource, [&](const Rule& r, Reporter& out) { r.check_resource(policy, st, *st.resource, out); });
      for (const auto& op : st.operators)
        each(NodeKind::ConditionOperator, [&](const Rule& r, Reporter& out) { r.check_operator(policy, st, op, out); });
      for (const auto& clause : st.clauses)
        each(NodeKind::ConditionClause, [&](const Rule& r, Reporter& out) { r.check_clause(policy, st, clause, out); });
    }
  }
  drop_superseded(findings, document);
  sort_findings(findings);
  return findings;
}

namespace {

// The pointer of the traffic-policy statement or rule-set rule `pointer` lies in, in the Mail
// Manager resource being linted, or empty.
std::string_view mail_manager_statement_of(std::string_view pointer) {
  const mm::Subject* subject = mm::SubjectScope::current();
  if (subject == nullptr) return {};
  for (const auto& statement : subject->resource->traffic_policy.statements)
    if (statement.node != nullptr && pointer_within(pointer, statement.node->pointer)) return statement.node->pointer;
  for (const auto& rule : subject->resource->rule_set.rules)
    if (rule.node != nullptr && pointer_within(pointer, rule.node->pointer)) return rule.node->pointer;
  return {};
}

// The pointer of the statement `pointer` lies in, or empty.
std::string_view statement_of(const Document& document, std::string_view pointer) {
  if (!document.policy) return mail_manager_statement_of(pointer);
  for (const auto& statement : document.policy->statements)
    if (statement.node != nullptr && pointer_within(pointer, statement.node->pointer)) return statement.node->pointer;
  return {};
}

// Where findings stand, looked up once per finding: the statement each lies in.
class FindingPlaces {
 public:
  FindingPlaces(const Document& document, const std::vector<Finding>& findings)
      : document_(document), findings_(findings), statements_(findings.size()) {}

  bool same(SupersedeScope scope, std::size_t general, std::size_t specific) {
    if (scope == SupersedeScope::Document) return true;  // run() sees one document's findings
    const std::string_view g = findings_[general].pointer, s = findings_[specific].pointer;
    if (pointer_within(g, s) || pointer_within(s, g)) return true;
    if (scope != SupersedeScope::Statement) return false;
    const std::string_view statement = statement_at(general);
    return !statement.empty() && statement == statement_at(specific);
  }

 private:
  std::string_view statement_at(std::size_t i) {
    if (!statements_[i]) statements_[i] = statement_of(document_, findings_[i].pointer);
    return *statements_[i];
  }
  const Document& document_;
  const std::vector<Finding>& findings_;
  std::vector<std::optional<std::string_view>> statements_;
};

}  // namespace

// One finding per cause: a general rule's finding is dropped when a rule that supersedes it
// reported the same place. Every finding counts as a superseder, dropped or not, so the result
// does not depend on the order rules ran in. A superseding rule that is not enabled reports
// nothing, so the general rule speaks.
void Engine::drop_superseded(std::vector<Finding>& findings, const Document& document) const {
  if (superseding_.empty() || findings.size() < 2) return;
  struct ByGeneral {
    bool operator()(const Superseding& pair, std::string_view id) const { return pair.general < id; }
    bool operator()(std::string_view id, const Superseding& pair) const { return id < pair.general; }
  };
  // The findings by rule: a pair looks up its specific rule's findings, not every finding.
  using Indexed = std::pair<std::string_view, std::size_t>;
  std::vector<Indexed> by_rule;
  by_rule.reserve(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) by_rule.emplace_back(findings[i].rule_id, i);
  std::sort(by_rule.begin(), by_rule.end());
  const auto by_id = [](const Indexed& entry, std::string_view id) { return entry.first < id; };
  FindingPlaces places(document, findings);
  std::vector<bool> drop(findings.size(), false);
  for (std::size_t g = 0; g < findings.size(); ++g) {
    const auto [first, last] =
        std::equal_range(superseding_.begin(), superseding_.end(), std::string_view(findings[g].rule_id), ByGeneral{});
    for (auto pair = first; pair != last && !drop[g]; ++pair)
      for (auto it = std::lower_bound(by_rule.begin(), by_rule.end(), pair->specific, by_id);
           it != by_rule.end() && it->first == pair->specific; ++it)
        if (places.same(pair->scope, g, it->second)) {
          drop[g] = true;
          break;
        }
  }
  if (std::find(drop.begin(), drop.end(), true) == drop.end()) return;
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (!drop[i]) kept.push_back(std::move(findings[i]));
  findings = std::move(kept);
}

// Sorts positions, then moves each finding once: a Finding is large (strings, spans, notes), and
// stable_sort moved them ~19 times each over the AWS managed policies (88,170 moves).
void sort_findings(std::vector<Finding>& findings) {
  const auto before = [](const Finding& a, const Finding& b) {
    return std::tie(a.span.begin.offset, a.rule_id, a.span.end.offset, a.message) <
           std::tie(b.span.begin.offset, b.rule_id, b.span.end.offset, b.message);
  };
  if (std::is_sorted(findings.begin(), findings.end(), before)) return;
  std::vector<std::size_t> order(findings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable over the positions: equal findings keep their order, as a stable sort of them would.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return before(findings[a], findings[b]); });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (const std::size_t at : order) sorted.push_back(std::move(findings[at]));
  findings = std::move(sorted);
}

}  // namespace seslint
