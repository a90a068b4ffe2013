#pragma once
// Rule metadata from rules/catalog.json, the one source of truth for --list-rules, explain, SARIF
// tool.driver.rules and the docs index. The build turns the file into static data
// (src/codegen/rule_catalog_codegen.cpp), so start-up parses no JSON.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace seslint {

enum class Level { Note, Warning, Error };  // ordered: a threshold compares with >=
std::string_view to_string(Level level);
std::optional<Level> parse_level(std::string_view text);

// Where a specific rule's finding silences a general rule's (see docs/architecture.md).
enum class SupersedeScope {
  Node,       // the same JSON node, or one inside the other
  Statement,  // anywhere in the same statement (falls back to Node outside statements); for a Mail
              // Manager resource, the same traffic-policy statement or rule-set rule
  Document,   // anywhere in the same document: one policy, or one Mail Manager resource
};

struct Supersession {
  std::string_view rule;  // the general rule's ID
  SupersedeScope scope = SupersedeScope::Node;
};

// Views into static data (the built-in catalog) or into the owning RuleCatalog (from_json).
struct RuleInfo {
  std::string_view id;                 // "IAM001": stable, never reused
  std::string_view name;               // "duplicate-key": the flagged pattern, kebab-case
  std::string_view title;              // one line for lists
  std::string_view summary;            // one sentence; opens the doc page too
  Level level = Level::Warning;        // default level
  std::string_view security_severity;  // "0.0".."10.0" or empty
  // SARIF precision: very-high (follows from the text), high (catalog- or reachability-based),
  // medium, low.
  std::string_view precision;
  std::span<const std::string_view> tags;
  std::string_view since;
  std::string_view help_uri;           // derived from the ID
  std::string_view doc;                // the embedded docs/rules/<ID>.md, empty if missing
  std::span<const Supersession> supersedes;  // general rules whose findings this rule's findings replace
  // Peer checks this rule covers, "<peer>:<check>" with peer AA (IAM Access Analyzer), parliament
  // or cloudsplaining: "AA:REDUNDANT_ACTION", "cloudsplaining:CredentialsExposure".
  std::span<const std::string_view> peers;
};

// The peer prefixes a catalog `peers` entry may carry, in the order docs list them.
std::span<const std::string_view> peer_prefixes();

class RuleCatalog {
 public:
  // Parses catalog JSON; throws std::runtime_error with a message on malformed data. The rules'
  // doc fields stay empty (only the built-in catalog carries the embedded pages).
  static RuleCatalog from_json(std::string_view json, std::string_view docs_base_url);
  // The catalog generated from rules/catalog.json at build time.
  static const RuleCatalog& builtin();

  const RuleInfo* find(std::string_view id) const;
  std::span<const RuleInfo> rules() const { return rules_; }

 private:
  struct Storage;
  std::vector<RuleInfo> rules_;            // sorted by ID
  std::shared_ptr<const Storage> storage_;  // the text rules_ views, when parsed at run time
};

}  // namespace seslint
