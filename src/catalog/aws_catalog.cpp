// The AWS catalog: the built-in one from the static tables generated from rules/aws-catalog.txt
// (docs/catalog.md), a service's views built on its first use; and loading AWS's Service Reference
// JSON files into tables of the same shape.
#include "seslint/aws_catalog.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/aws_catalog_header.hpp"
#include "catalog/aws_catalog_index.hpp"
#include "catalog/aws_catalog_tables.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::aws {
namespace {

ConditionKey key_from(const tables::KeyRecord& key, std::string_view names) {
  return {names.substr(key.name.offset, key.name.length), names.substr(key.lower.offset, key.lower.length),
          KeyType{static_cast<KeyBase>(key.base), key.multivalued != 0}};
}

// A name's ASCII lower case, in a buffer on the stack when it fits: lookups compare it with the
// catalog's lower-case names by memcmp, without allocating.
class Folded {
 public:
  explicit Folded(std::string_view text) {
    if (text.size() > buffer_.size()) {
      long_ = to_lower(text);
      view_ = long_;
      return;
    }
    for (std::size_t i = 0; i < text.size(); ++i) buffer_[i] = ascii_lower(text[i]);
    view_ = std::string_view(buffer_.data(), text.size());
  }
  std::string_view view() const { return view_; }

 private:
  std::array<char, 120> buffer_;
  std::string long_;
  std::string_view view_;
};

// The first action whose lower-case name is not below `lower`, in a table sorted by lower-case name.
std::span<const Action>::iterator first_not_below(std::span<const Action> actions, std::string_view lower) {
  return std::lower_bound(actions.begin(), actions.end(), lower,
                          [](const Action& action, std::string_view text) { return action.lower_name < text; });
}

std::string json_string(const nlohmann::json& object, const char* field) {
  const auto it = object.find(field);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> json_strings(const nlohmann::json& object, const char* field) {
  std::vector<std::string> out;
  const auto it = object.find(field);
  if (it == object.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
    else if (item.is_object() && !json_string(item, "Name").empty()) out.push_back(json_string(item, "Name"));
  }
  return out;
}

bool json_flag(const nlohmann::json& properties, const char* field) {
  const auto it = properties.find(field);
  return it != properties.end() && it->is_boolean() && it->get<bool>();
}

unsigned levels_from_annotations(const nlohmann::json& action) {
  const auto annotations = action.find("Annotations");
  if (annotations == action.end() || !annotations->is_object()) return kRead;
  const auto properties = annotations->find("Properties");
  if (properties == annotations->end() || !properties->is_object()) return kRead;
  unsigned levels = 0;
  if (json_flag(*properties, "IsPermissionManagement")) levels |= kPermissionsManagement;
  if (json_flag(*properties, "IsTaggingOnly")) levels |= kTagging;
  if (json_flag(*properties, "IsWrite")) levels |= kWrite;
  if (json_flag(*properties, "IsList")) levels |= kList;
  return levels == 0 ? kRead : levels;
}

// One Service Reference file: {"Name": "ses", "Actions": [...], "ConditionKeys": [...], "Resources": [...]}.
std::unique_ptr<Service> service_from_reference(const nlohmann::json& data) {
  auto owned = std::make_unique<tables::ServiceData>();
  const auto text = [&](tables::TextRef ref) { return std::string_view(owned->names).substr(ref.offset, ref.length); };
  auto key_index = [&](const std::string& name) {
    for (std::size_t i = 0; i < owned->keys.size(); ++i)
      if (iequals(text(owned->keys[i].name), name)) return static_cast<std::uint32_t>(i);
    owned->add_key(name, KeyType{});
    return static_cast<std::uint32_t>(owned->keys.size() - 1);
  };
  if (const auto keys = data.find("ConditionKeys"); keys != data.end() && keys->is_array()) {
    for (const auto& key : *keys) {
      if (!key.is_object()) continue;
      const auto types = json_strings(key, "Types");
      const KeyType type = (types.empty() ? std::optional<KeyType>{} : parse_key_type(types.front())).value_or(KeyType{});
      auto& record = owned->keys[key_index(json_string(key, "Name"))];
      record.base = tables::base_number(type.base);
      record.multivalued = type.multivalued ? 1 : 0;
    }
  }
  if (const auto resources = data.find("Resources"); resources != data.end() && resources->is_array()) {
    for (const auto& resource : *resources) {
      if (!resource.is_object()) continue;
      std::vector<std::uint32_t> keys;
      for (const auto& key : json_strings(resource, "ConditionKeys")) keys.push_back(key_index(key));
      const auto arn_formats = json_strings(resource, "ARNFormats");
      owned->add_resource(json_string(resource, "Name"), std::vector<std::string_view>(arn_formats.begin(), arn_formats.end()),
                          keys);
    }
  }
  if (const auto actions = data.find("Actions"); actions != data.end() && actions->is_array()) {
    for (const auto& entry : *actions) {
      const std::string name = entry.is_object() ? json_string(entry, "Name") : std::string();
      if (name.empty()) continue;
      std::vector<std::uint32_t> keys;
      for (const auto& key : json_strings(entry, "ActionConditionKeys")) keys.push_back(key_index(key));
      std::vector<ActionResource> resource_types;
      for (const auto& resource : json_strings(entry, "Resources")) {
        for (std::size_t i = 0; i < owned->resources.size(); ++i) {
          const auto& type = owned->resources[i];
          if (!iequals(text(type.name), resource)) continue;
          resource_types.push_back({static_cast<std::uint32_t>(i), false});
          for (std::uint32_t k = 0; k < type.keys_count; ++k) keys.push_back(owned->indexes[type.keys_begin + k]);
        }
      }
      owned->add_action(name, levels_from_annotations(entry), resource_types, keys);
    }
  }
  owned->sort_actions();
  const tables::ServiceView view = owned->view();  // of the data, which moving the pointer leaves in place
  return std::make_unique<Service>(to_lower(json_string(data, "Name")), view, std::move(owned), false);
}

}  // namespace

std::string access_levels_text(unsigned levels) {
  static constexpr std::array<std::pair<unsigned, std::string_view>, 5> kNames = {{
      {kPermissionsManagement, "Permissions management"}, {kTagging, "Tagging"}, {kWrite, "Write"},
      {kRead, "Read"}, {kList, "List"}}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((levels & bit) == 0) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string to_string(KeyType type) {
  static constexpr std::array<std::string_view, 7> kNames = {"String", "ARN", "Numeric", "Date", "Bool", "IPAddress", "Binary"};
  return (type.multivalued ? std::string("ArrayOf") : std::string()).append(kNames[static_cast<std::size_t>(type.base)]);
}

// Templates ("${TagKey}") stand for one or more characters; literal parts compare without regard
// to case and are placed leftmost, which is exact for this pattern language (as in glob.hpp).
bool key_name_matches(std::string_view catalog_name, std::string_view key) {
  auto open = catalog_name.find("${");
  if (open == std::string_view::npos) return iequals(catalog_name, key);
  auto starts_at = [&](std::string_view part, std::size_t at) {
    return at + part.size() <= key.size() && iequals(key.substr(at, part.size()), part);
  };
  const std::string_view head = catalog_name.substr(0, open);
  if (!starts_at(head, 0)) return false;
  std::size_t at = head.size();
  while (open != std::string_view::npos) {
    const auto close = catalog_name.find('}', open);
    if (close == std::string_view::npos) return false;
    const auto next_open = catalog_name.find("${", close + 1);
    const std::string_view part = catalog_name.substr(close + 1, next_open == std::string_view::npos ? std::string_view::npos : next_open - close - 1);
    ++at;  // the template takes at least one character
    if (at > key.size()) return false;
    if (next_open == std::string_view::npos)  // the last literal part must end the key
      return key.size() - at >= part.size() && starts_at(part, key.size() - part.size());
    std::size_t found = at;
    while (found + part.size() <= key.size() && !starts_at(part, found)) ++found;
    if (found + part.size() > key.size()) return false;
    at = found + part.size();
    open = next_open;
  }
  return at == key.size();
}

void KeyIndex::build(std::span<const ConditionKey> keys) {
  exact_.clear();
  templates_.clear();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].name.find("${") != std::string_view::npos) templates_.push_back(static_cast<std::uint32_t>(i));
    else exact_.emplace_back(keys[i].lower_name, static_cast<std::uint32_t>(i));
  }
  std::stable_sort(exact_.begin(), exact_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

const ConditionKey* KeyIndex::find(std::span<const ConditionKey> keys, std::string_view name) const {
  std::uint32_t best = static_cast<std::uint32_t>(keys.size());
  const Folded lower(name);
  const auto it = std::lower_bound(exact_.begin(), exact_.end(), lower.view(),
                                   [](const auto& entry, std::string_view n) { return std::string_view(entry.first) < n; });
  if (it != exact_.end() && it->first == lower.view()) best = it->second;  // stable: the first of equal names
  for (const std::uint32_t index : templates_) {
    if (index >= best) break;
    if (key_name_matches(keys[index].name, name)) {
      best = index;
      break;
    }
  }
  return best < keys.size() ? &keys[best] : nullptr;
}

Service::Service(std::string_view prefix_name, const tables::ServiceView& view,
                 std::unique_ptr<const tables::ServiceData> owned, bool lives_until_exit)
    : prefix(prefix_name), owned_(std::move(owned)), lives_until_exit_(lives_until_exit) {
  const auto text = [&](tables::TextRef ref) { return view.names.substr(ref.offset, ref.length); };
  keys.reserve(view.keys.size());
  for (const auto& key : view.keys)
    keys.push_back(key_from(key, view.names));
  std::size_t formats = 0;
  for (const auto& type : view.resources) formats += type.formats_count;
  arn_formats_.reserve(formats);  // sized once: the spans below stay valid
  resources.reserve(view.resources.size());
  for (const auto& type : view.resources) {
    const std::size_t first = arn_formats_.size();
    for (const auto format : view.formats.subspan(type.formats_begin, type.formats_count))
      arn_formats_.push_back(text(format));
    resources.push_back({text(type.name), std::span<const std::string_view>(arn_formats_).subspan(first, type.formats_count),
                         view.indexes.subspan(type.keys_begin, type.keys_count)});
  }
  if (view.built_actions.size() == view.actions.size()) {
    actions = view.built_actions;
  } else {
    owned_actions_.reserve(view.actions.size());
    for (const auto& action : view.actions)
      owned_actions_.push_back({text(action.name), text(action.lower), action.levels,
                                view.action_resources.subspan(action.resources_begin, action.resources_count),
                                view.indexes.subspan(action.keys_begin, action.keys_count)});
    actions = owned_actions_;
  }
  key_index_.build(keys);
  index_actions();
}

namespace {

// A hash of a name's ASCII lower case, the same for the name in any case, eight characters at a
// time (the last word overlapping the one before it; a name under eight bytes is read byte by
// byte): look-ups hash every action name of every policy. Built at run time, so free to change.
std::uint32_t folded_hash(std::string_view name) {
  const std::size_t size = name.size();
  std::uint64_t hash = size * 0x9E3779B97F4A7C15u;
  const auto mix = [&hash](std::uint64_t word) {
    hash = (hash ^ lower_ascii_word(word)) * 0xFF51AFD7ED558CCDu;
    hash ^= hash >> 32;
  };
  const auto word_at = [&name](std::size_t at) {
    std::uint64_t word;
    std::memcpy(&word, name.data() + at, sizeof word);
    return word;
  };
  if (size >= 8) {
    for (std::size_t at = 0; at + 8 <= size; at += 8) mix(word_at(at));
    if (size % 8 != 0) mix(word_at(size - 8));
  } else {
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < size; ++i) word |= std::uint64_t{static_cast<unsigned char>(name[i])} << (8 * i);
    mix(word);
  }
  return static_cast<std::uint32_t>(hash ^ (hash >> 29));
}

}  // namespace

void Service::index_actions() {
  if (actions.size() >= 0xFFFF) return;
  action_slots_.assign(std::bit_ceil(std::max<std::size_t>(2 * actions.size(), 2)), 0);
  const std::size_t mask = action_slots_.size() - 1;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    for (std::size_t at = folded_hash(actions[i].lower_name) & mask;; at = (at + 1) & mask) {
      const std::uint16_t slot = action_slots_[at];
      if (slot != 0 && actions[slot - 1u].lower_name == actions[i].lower_name) break;  // sorted: the first stays
      if (slot != 0) continue;
      action_slots_[at] = static_cast<std::uint16_t>(i + 1);
      break;
    }
  }
}

Service::~Service() = default;

namespace {

// An indexed service's action of a name (any case) from its hash: linear probing to an empty slot.
const Action* probe_slots(std::span<const std::uint16_t> slots, std::span<const Action> actions, std::uint32_t hash,
                          std::string_view name) {
  const std::size_t mask = slots.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint16_t slot = slots[at];
    if (slot == 0) return nullptr;
    if (equals_folded(actions[slot - 1u].lower_name, name)) return &actions[slot - 1u];
  }
}

}  // namespace

const Action* Service::action(std::string_view name) const {
  // The first of equal names in sorted order, as a binary search of the table finds.
  if (!action_slots_.empty()) return probe_slots(action_slots_, actions, folded_hash(name), name);
  const Folded lower(name);
  const auto it = first_not_below(actions, lower.view());
  return it != actions.end() && it->lower_name == lower.view() ? &*it : nullptr;
}

void Service::find_actions(std::span<ActionQuery> queries) {
  // Step by step over all queries, each step's loads prefetched by the one before: the slot, then
  // the action it names, then that action's name text; the last step compares and, on a miss,
  // probes on as action() does.
  const auto indexed = [](const ActionQuery& query) { return query.service != nullptr && !query.service->action_slots_.empty(); };
  for (auto& query : queries) {
    query.found = nullptr;
    query.slot = 0;
    if (!indexed(query)) continue;
    query.hash = folded_hash(query.name);
    __builtin_prefetch(&query.service->action_slots_[query.hash & (query.service->action_slots_.size() - 1)]);
  }
  for (auto& query : queries) {
    if (!indexed(query)) continue;
    query.slot = query.service->action_slots_[query.hash & (query.service->action_slots_.size() - 1)];
    if (query.slot != 0) __builtin_prefetch(&query.service->actions[query.slot - 1u]);
  }
  for (const auto& query : queries)
    if (query.slot != 0) __builtin_prefetch(query.service->actions[query.slot - 1u].lower_name.data());
  for (auto& query : queries)
    if (query.service != nullptr)
      query.found = indexed(query) ? probe_slots(query.service->action_slots_, query.service->actions, query.hash, query.name)
                                   : query.service->action(query.name);
}

namespace {

// The longest run of a lower-case pattern between its wildcards: every name it matches holds it.
std::string_view longest_literal(std::string_view pattern) {
  std::string_view longest;
  for (std::size_t start = 0; start < pattern.size();) {
    const std::size_t stop = std::min(pattern.find_first_of("*?", start), pattern.size());
    if (stop - start > longest.size()) longest = pattern.substr(start, stop - start);
    start = stop + 1;
  }
  return longest;
}

}  // namespace

const Service::NameText& Service::name_text() const {
  std::call_once(name_text_once_, [&] {
    auto names = std::make_unique<NameText>();
    names->starts.reserve(actions.size() + 1);
    for (const auto& action : actions) {
      names->starts.push_back(static_cast<std::uint32_t>(names->text.size()));
      names->text.append(action.lower_name).push_back('\n');
    }
    names->starts.push_back(static_cast<std::uint32_t>(names->text.size()));
    for (const char c : names->text) ++names->counts[static_cast<unsigned char>(c)];
    name_text_ = std::move(names);
  });
  return *name_text_;
}

bool Service::may_match(std::string_view name_pattern) const {
  const NameText& names = name_text();
  for (const char c : name_pattern)
    if (c != '*' && c != '?' && names.counts[static_cast<unsigned char>(ascii_lower(c))] == 0) return false;
  return true;
}

std::vector<const Action*> Service::matching_uncached(std::string_view name_pattern) const {
  std::vector<const Action*> out;
  const std::string lower = to_lower(name_pattern);
  const GlobPattern pattern = GlobPattern::wildcard(lower);
  // Only names that start with the text before the first wildcard ("describe" of "Describe*") can
  // match: one range of the table, which is sorted by lower-case name.
  const std::string_view literal = std::string_view(lower).substr(0, lower.find_first_of("*?"));
  const std::string_view inner = literal.empty() ? longest_literal(lower) : std::string_view();
  if (inner.empty()) {
    for (auto candidate = first_not_below(actions, literal);
         candidate != actions.end() && candidate->lower_name.starts_with(literal); ++candidate)
      if (pattern.matches(candidate->lower_name)) out.push_back(&*candidate);
    return out;
  }
  // A leading wildcard ("*Tag*", "*:*a1*" across every service): only names holding the longest
  // literal text can match. Searching all names, one after another, for that text's rarest
  // character finds them without a match per name, which for distinct such patterns was most of a run.
  const NameText& names = name_text();
  std::size_t rarest = 0;
  for (std::size_t k = 1; k < inner.size(); ++k)
    if (names.counts[static_cast<unsigned char>(inner[k])] < names.counts[static_cast<unsigned char>(inner[rarest])]) rarest = k;
  const std::string_view text = names.text;
  for (std::size_t at = text.find(inner[rarest], rarest); at != std::string_view::npos;) {
    const std::size_t start = at - rarest;
    if (text.compare(start, inner.size(), inner) != 0) {
      at = text.find(inner[rarest], at + 1);
      continue;
    }
    const auto next = std::upper_bound(names.starts.begin(), names.starts.end(), static_cast<std::uint32_t>(start));
    const auto index = static_cast<std::size_t>(next - names.starts.begin()) - 1;
    if (pattern.matches(actions[index].lower_name)) out.push_back(&actions[index]);
    at = text.find(inner[rarest], *next + rarest);  // on in the next name: each name is a candidate once
  }
  return out;
}

std::vector<const Action*> Service::matching(std::string_view name_pattern) const {
  if (!has_wildcard(name_pattern)) {
    const Action* exact = action(name_pattern);
    return exact != nullptr ? std::vector<const Action*>{exact} : std::vector<const Action*>{};
  }
  // A pattern with a letter no name of the service holds matches nothing: answered before the memo,
  // since "*:*x1*" asks every service, and most hold no such name.
  // ("ses:*" has no letter to test: it does not build the names' text for nothing.)
  if ((name_pattern.front() == '*' || name_pattern.front() == '?') &&
      name_pattern.find_first_not_of("*?") != std::string_view::npos && !may_match(name_pattern))
    return {};
  const auto compute = [&] { return matching_uncached(name_pattern); };
  // The built-in catalog's services live as long as the process: each thread keeps its own memo of
  // them (by the pattern as written), so --jobs threads never wait for each other here.
  if (lives_until_exit_) {
    thread_local std::map<const Service*, PatternMemo> memo;
    return memo.try_emplace(this, kPatternMemoBound).first->second.get(name_pattern, compute);
  }
  std::lock_guard lock(matching_mutex_);
  return matching_memo_.get(name_pattern, compute);
}

const ConditionKey* Service::key(std::string_view name) const { return key_index_.find(keys, name); }

bool Service::action_supports(const Action& action, std::string_view key) const {
  return std::any_of(action.keys.begin(), action.keys.end(),
                     [&](std::uint32_t index) { return key_name_matches(keys[index].name, key); });
}

Catalog::~Catalog() = default;

// From the build-time index (aws_catalog_index.hpp): only the global keys' index is built here.
const Catalog& Catalog::builtin() {
  static const std::unique_ptr<Catalog> catalog = [] {
    std::unique_ptr<Catalog> built(new Catalog());
    const auto& index = generated::catalog_index();
    built->source_ = std::string(index.source);
    built->globals_.reserve(index.globals.size());
    for (const auto& key : index.globals) built->globals_.push_back(key_from(key, index.names));
    for (const auto& [key_prefix, service] : index.key_prefixes)
      built->key_prefix_services_.emplace(std::string(key_prefix), std::string(service));
    built->entries_ = std::vector<Entry>(index.services.size());
    for (std::size_t i = 0; i < index.services.size(); ++i) {
      built->entries_[i].prefix = index.services[i].prefix;
      built->entries_[i].builtin = static_cast<std::uint32_t>(i);
    }
    built->builtin_index_ = &index;
    built->global_index_.build(built->globals_);
    return built;
  }();
  return *catalog;
}

std::unique_ptr<Catalog> Catalog::load_service_reference(const std::string& dir,
                                                         std::vector<std::string>& errors) {
  std::unique_ptr<Catalog> catalog(new Catalog());
  const Catalog& base = builtin();
  catalog->globals_ = base.globals_;
  catalog->global_index_ = base.global_index_;
  catalog->key_prefix_services_ = base.key_prefix_services_;
  catalog->source_ = fmt::format("AWS Service Reference files in {}", dir);
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
    if (it->path().extension() == ".json") files.push_back(it->path());
  if (error) {
    errors.push_back(fmt::format("{}: cannot read the catalog directory: {}", dir, error.message()));
    return catalog;
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, std::unique_ptr<Service>> decoded;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const auto data = nlohmann::json::parse(buffer.str(), nullptr, false);
    if (data.is_discarded()) {
      errors.push_back(fmt::format("{}: not valid JSON; skipped", file.string()));
      continue;
    }
    if (data.is_array()) continue;  // the service index ([{"service", "url"}]), not a service
    if (!data.is_object() || json_string(data, "Name").empty() || !data.contains("Actions")) {
      errors.push_back(fmt::format("{}: not a Service Reference file (no Name and Actions); skipped", file.string()));
      continue;
    }
    auto service = service_from_reference(data);
    const std::string prefix = service->prefix;
    decoded[prefix] = std::move(service);
  }
  if (decoded.empty()) errors.push_back(fmt::format("{}: no Service Reference files found", dir));
  catalog->entries_ = std::vector<Entry>(decoded.size());
  std::size_t i = 0;
  for (auto& [prefix, service] : decoded) {
    catalog->entries_[i].prefix = service->prefix;  // owned_ keeps it
    catalog->entries_[i++].service = service.get();
    catalog->owned_.push_back(std::move(service));
  }
  catalog->index_entries();
  return catalog;
}

// Entries never change once a catalog is built; only a built-in service's pointer is filled,
// once, under the lock (and read without it afterwards).
const Catalog::Entry* Catalog::entry(std::string_view prefix) const {
  const Folded lower(prefix);
  if (builtin_index_ != nullptr) {
    const auto slots = builtin_index_->slots;
    for (std::size_t at = prefix_hash(lower.view()) & (slots.size() - 1);; at = (at + 1) & (slots.size() - 1)) {
      if (slots[at] == 0) return nullptr;
      if (entries_[slots[at] - 1u].prefix == lower.view()) return &entries_[slots[at] - 1u];
    }
  }
  const auto it = entry_index_.find(lower.view());
  return it != entry_index_.end() ? &entries_[it->second] : nullptr;
}

void Catalog::index_entries() {
  entry_index_.clear();
  entry_index_.reserve(entries_.size());
  for (std::size_t i = 0; i < entries_.size(); ++i) entry_index_.emplace(entries_[i].prefix, static_cast<std::uint32_t>(i));
}

const Service* Catalog::build_builtin(const Entry& entry) const {
  std::lock_guard lock(mutex_);
  if (const Service* done = entry.service.load(std::memory_order_acquire)) return done;
  owned_.push_back(std::make_unique<Service>(entry.prefix, builtin_index_->service_view(entry.builtin), nullptr, true));
  entry.service.store(owned_.back().get(), std::memory_order_release);
  return owned_.back().get();
}

bool Catalog::has_service(std::string_view prefix) const { return entry(prefix) != nullptr; }

const Service* Catalog::service(std::string_view prefix) const {
  const Entry* found = entry(prefix);
  if (found == nullptr) return nullptr;
  if (const Service* done = found->service.load(std::memory_order_acquire)) return done;
  return build_builtin(*found);
}

const std::vector<std::string_view>& Catalog::service_prefixes() const {
  std::call_once(prefixes_once_, [&] {
    prefixes_.reserve(entries_.size());
    for (const auto& each : entries_) prefixes_.push_back(each.prefix);  // entries are sorted
  });
  return prefixes_;
}

const ConditionKey* Catalog::global_key(std::string_view name) const { return global_index_.find(globals_, name); }

std::vector<std::string> Catalog::services_for_key_prefix(std::string_view key_prefix) const {
  std::vector<std::string> out;
  const std::string lower = to_lower(key_prefix);
  for (const auto& [prefix, service] : key_prefix_services_)
    if (key_name_matches(prefix, lower)) out.push_back(service);
  if (has_service(lower)) out.push_back(lower);
  return out;
}

// Five rules look up every condition key of a policy, each through the global templates and every
// service sharing the prefix: with the built-in catalog (which lives until exit) each thread
// answers a key once.
const ConditionKey* Catalog::find_key(std::string_view key) const {
  if (this != &builtin()) return find_key_uncached(key);
  thread_local BoundedMemo<std::unordered_map<std::string, const ConditionKey*, TextHash, std::equal_to<>>> memo(100000);
  return memo.get(key, [&] { return find_key_uncached(key); });
}

const ConditionKey* Catalog::find_key_uncached(std::string_view key) const {
  if (const ConditionKey* global = global_key(key)) return global;
  const auto colon = key.find(':');
  if (colon == std::string_view::npos) return nullptr;
  // As services_for_key_prefix, without building the list: the other services using the prefix,
  // then the service of that prefix.
  const std::string_view key_prefix = key.substr(0, colon);
  for (const auto& [prefix, name] : key_prefix_services_)
    if (key_name_matches(prefix, key_prefix))
      if (const Service* owner = service(name))
        if (const ConditionKey* found = owner->key(key)) return found;
  if (const Service* owner = service(key_prefix)) return owner->key(key);
  return nullptr;
}

std::vector<std::pair<const Service*, const Action*>> Catalog::expand(std::string_view action_pattern) const {
  std::vector<std::pair<const Service*, const Action*>> out;
  const auto colon = action_pattern.find(':');
  if (colon == std::string_view::npos) {
    if (action_pattern != "*") return out;
    return expand("*:*");
  }
  const std::string_view prefix = action_pattern.substr(0, colon);
  const std::string_view name = action_pattern.substr(colon + 1);
  auto add = [&](const Service* owner) {
    if (owner == nullptr) return;
    if (!has_wildcard(name)) {
      if (const Action* exact = owner->action(name)) out.emplace_back(owner, exact);
      return;
    }
    for (const Action* action : owner->matching(name)) out.emplace_back(owner, action);
  };
  if (!has_wildcard(prefix)) {
    add(service(prefix));
    return out;
  }
  for (const auto& each : entries_)
    if (glob_match(prefix, each.prefix, true)) add(service(each.prefix));
  return out;
}

}  // namespace seslint::aws
