#pragma once
// The rule engine: rules subscribe to node kinds; one walk over the AST dispatches to them.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/aws_catalog.hpp"
#include "seslint/catalog.hpp"
#include "seslint/document.hpp"
#include "seslint/finding.hpp"

namespace seslint {

struct OrgConfig;  // org.hpp

enum class NodeKind : unsigned {
  Document,           // the file: parse errors, duplicate keys, size
  Policy,             // the top-level object
  Statement,
  Principal,          // Principal or NotPrincipal
  Action,             // Action or NotAction
  Resource,           // Resource or NotResource
  ConditionOperator,  // one operator block of a Condition
  ConditionClause,    // one key under one operator, with its values
};

constexpr unsigned bit(NodeKind kind) { return 1u << static_cast<unsigned>(kind); }

// Collects the findings of one rule; the rule's ID and default level are filled in here. Also hands
// the rule the run's AWS catalog and the organisation's parameters (.seslint.yaml org).
class Reporter {
 public:
  Reporter(const RuleInfo& rule, std::vector<Finding>& sink, const aws::Catalog& aws = aws::Catalog::builtin(),
           const OrgConfig* org = nullptr)
      : rule_(rule), sink_(sink), aws_(aws), org_(org) {}
  void report(const JsonValue& node, std::string message, std::string help = {});
  void report(Level level, const JsonValue& node, std::string message, std::string help = {});
  void report_at(Level level, Span span, std::string_view pointer, std::string message, std::string help = {});
  // At the key of a member (unknown or misplaced elements).
  void report_key(const JsonMember& member, std::string message, std::string help = {});
  Level default_level() const { return rule_.level; }
  const aws::Catalog& aws() const { return aws_; }
  const OrgConfig* org() const { return org_; }  // nullptr: no config

 private:
  const RuleInfo& rule_;
  std::vector<Finding>& sink_;
  const aws::Catalog& aws_;
  const OrgConfig* org_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual unsigned subscriptions() const = 0;  // a mask of bit(NodeKind)
  virtual void check_document(const Document&, Reporter&) const {}
  virtual void check_policy(const Policy&, Reporter&) const {}
  virtual void check_statement(const Policy&, const Statement&, Reporter&) const {}
  virtual void check_principal(const Policy&, const Statement&, const Principal&, Reporter&) const {}
  virtual void check_action(const Policy&, const Statement&, const ValueList&, Reporter&) const {}
  virtual void check_resource(const Policy&, const Statement&, const ValueList&, Reporter&) const {}
  virtual void check_operator(const Policy&, const Statement&, const ConditionOperator&, Reporter&) const {}
  virtual void check_clause(const Policy&, const Statement&, const ConditionClause&, Reporter&) const {}
};

struct RuleFactory {
  std::string_view id;
  std::unique_ptr<Rule> (*make)();
};
// Every built-in rule, sorted by ID (src/rules/registry.cpp).
std::span<const RuleFactory> builtin_rules();

// Which rules run: --select and --ignore take IDs or prefixes ("SES1", "IAM0").
struct RuleSelection {
  std::vector<std::string> select;  // empty: all
  std::vector<std::string> ignore;
  bool enabled(std::string_view id) const;
};

class Engine {
 public:
  Engine(const RuleCatalog& catalog, const RuleSelection& selection,
         const aws::Catalog& aws = aws::Catalog::builtin(), const OrgConfig* org = nullptr);
  ~Engine();
  Engine(Engine&&) noexcept;
  // Runs every enabled rule over the document; findings come back sorted.
  std::vector<Finding> run(const Document& document) const;
  // The enabled rules' metadata, sorted by ID.
  const std::vector<const RuleInfo*>& enabled_rules() const { return enabled_; }

 private:
  struct Active {
    const RuleInfo* info;
    std::unique_ptr<Rule> rule;
  };
  struct Superseding {  // an enabled rule's finding replaces a general rule's
    std::string_view specific, general;
    SupersedeScope scope;
  };
  void drop_superseded(std::vector<Finding>& findings, const Document& document) const;
  const aws::Catalog* aws_;
  const OrgConfig* org_;
  std::vector<Active> active_;
  std::vector<const RuleInfo*> enabled_;
  std::vector<std::vector<std::size_t>> by_kind_;  // node kind -> indexes into active_
  std::vector<Superseding> superseding_;
};

void sort_findings(std::vector<Finding>& findings);

}  // namespace seslint
