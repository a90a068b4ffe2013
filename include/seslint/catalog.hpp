#pragma once
// Rule metadata, read from rules/catalog.json (embedded at build time): the one source of truth for
// --list-rules, explain, SARIF tool.driver.rules and the docs index.
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
  std::string rule;  // the general rule's ID
  SupersedeScope scope = SupersedeScope::Node;
};

struct RuleInfo {
  std::string id;                 // "IAM001": stable, never reused
  std::string name;               // "duplicate-key": the flagged pattern, kebab-case
  std::string title;              // one line for lists
  std::string summary;            // one sentence; opens the doc page too
  Level level = Level::Warning;   // default level
  std::string security_severity;  // "0.0".."10.0" or empty
  // SARIF precision: very-high (follows from the text), high (catalog- or reachability-based),
  // medium, low.
  std::string precision;
  std::vector<std::string> tags;
  std::string since;
  std::string help_uri;           // derived from the ID
  std::string_view doc;           // the embedded docs/rules/<ID>.md, empty if missing
  std::vector<Supersession> supersedes;  // general rules whose findings this rule's findings replace
  // Peer checks this rule covers, "<peer>:<check>" with peer AA (IAM Access Analyzer), parliament
  // or cloudsplaining: "AA:REDUNDANT_ACTION", "cloudsplaining:CredentialsExposure".
  std::vector<std::string> peers;
};

// The peer prefixes a catalog `peers` entry may carry, in the order docs list them.
std::span<const std::string_view> peer_prefixes();

class RuleCatalog {
 public:
  // Parses catalog JSON; throws std::runtime_error with a message on malformed data.
  static RuleCatalog from_json(std::string_view json, std::string_view docs_base_url);
  // The embedded catalog (parsed once).
  static const RuleCatalog& builtin();

  const RuleInfo* find(std::string_view id) const;
  std::span<const RuleInfo> rules() const { return rules_; }

 private:
  std::vector<RuleInfo> rules_;  // sorted by ID
};

}  // namespace seslint
