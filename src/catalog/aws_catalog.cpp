// The AWS catalog: decoding the built-in text (docs/catalog.md) lazily, one service per block, and
// loading AWS's Service Reference JSON files.
#include "seslint/aws_catalog.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "seslint/embedded.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::aws {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const auto end = text.find(separator, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::vector<std::string_view> list_items(std::string_view field) {
  if (field == "-" || field.empty()) return {};
  return split(field, ',');
}

std::uint32_t to_index(std::string_view text) {
  std::uint32_t value = 0;
  for (const char c : text)
    if (c >= '0' && c <= '9') value = value * 10 + static_cast<std::uint32_t>(c - '0');
  return value;
}

unsigned levels_from_letters(std::string_view letters) {
  unsigned levels = 0;
  for (const char c : letters) {
    switch (c) {
      case 'L': levels |= kList; break;
      case 'R': levels |= kRead; break;
      case 'W': levels |= kWrite; break;
      case 'P': levels |= kPermissionsManagement; break;
      case 'T': levels |= kTagging; break;
      default: break;
    }
  }
  return levels;
}

// Guards against a corrupt index: an out-of-range reference is dropped, never followed.
template <typename T>
void push_index(std::vector<T>& out, std::uint32_t index, std::size_t bound, T value) {
  if (index < bound) out.push_back(value);
}

void sort_actions(Service& service) {
  for (auto& action : service.actions) action.lower_name = to_lower(action.name);
  std::sort(service.actions.begin(), service.actions.end(),
            [](const Action& a, const Action& b) { return a.lower_name < b.lower_name; });
}

std::unique_ptr<Service> decode_service(std::string_view prefix, std::string_view block) {
  auto service = std::make_unique<Service>();
  service->prefix = std::string(prefix);
  for (const auto line : split(block, '\n')) {
    const auto fields = split(line, '\t');
    if (fields.size() < 2) continue;
    const std::string_view tag = fields[0];
    if (tag == "K" && fields.size() >= 3) {
      service->keys.push_back({std::string(fields[1]), parse_key_type(fields[2]).value_or(KeyType{})});
    } else if (tag == "R" && fields.size() >= 4) {
      ResourceType type{std::string(fields[1]), {}, {}};
      for (const auto key : list_items(fields[2])) push_index(type.keys, to_index(key), service->keys.size(), to_index(key));
      for (const auto arn : list_items(fields[3])) type.arn_formats.emplace_back(arn);
      service->resources.push_back(std::move(type));
    } else if (tag == "A" && fields.size() >= 5) {
      Action action{std::string(fields[1]), {}, levels_from_letters(fields[2]), {}, {}};
      for (const auto item : list_items(fields[3]))
        push_index(action.resources, to_index(item), service->resources.size(),
                   ActionResource{to_index(item), item.ends_with('*')});
      for (const auto key : list_items(fields[4])) push_index(action.keys, to_index(key), service->keys.size(), to_index(key));
      service->actions.push_back(std::move(action));
    }
  }
  sort_actions(*service);
  return service;
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
  auto service = std::make_unique<Service>();
  service->prefix = to_lower(json_string(data, "Name"));
  auto key_index = [&](const std::string& name) {
    for (std::size_t i = 0; i < service->keys.size(); ++i)
      if (iequals(service->keys[i].name, name)) return static_cast<std::uint32_t>(i);
    service->keys.push_back({name, KeyType{}});
    return static_cast<std::uint32_t>(service->keys.size() - 1);
  };
  if (const auto keys = data.find("ConditionKeys"); keys != data.end() && keys->is_array()) {
    for (const auto& key : *keys) {
      if (!key.is_object()) continue;
      const auto types = json_strings(key, "Types");
      const auto type = types.empty() ? std::optional<KeyType>{} : parse_key_type(types.front());
      service->keys[key_index(json_string(key, "Name"))].type = type.value_or(KeyType{});
    }
  }
  if (const auto resources = data.find("Resources"); resources != data.end() && resources->is_array()) {
    for (const auto& resource : *resources) {
      if (!resource.is_object()) continue;
      ResourceType type{json_string(resource, "Name"), json_strings(resource, "ARNFormats"), {}};
      for (const auto& key : json_strings(resource, "ConditionKeys")) type.keys.push_back(key_index(key));
      service->resources.push_back(std::move(type));
    }
  }
  if (const auto actions = data.find("Actions"); actions != data.end() && actions->is_array()) {
    for (const auto& entry : *actions) {
      if (!entry.is_object()) continue;
      Action action{json_string(entry, "Name"), {}, levels_from_annotations(entry), {}, {}};
      for (const auto& key : json_strings(entry, "ActionConditionKeys")) action.keys.push_back(key_index(key));
      for (const auto& name : json_strings(entry, "Resources")) {
        for (std::size_t i = 0; i < service->resources.size(); ++i) {
          if (!iequals(service->resources[i].name, name)) continue;
          action.resources.push_back({static_cast<std::uint32_t>(i), false});
          for (const auto key : service->resources[i].keys) action.keys.push_back(key);
        }
      }
      if (!action.name.empty()) service->actions.push_back(std::move(action));
    }
  }
  sort_actions(*service);
  return service;
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

std::optional<KeyType> parse_key_type(std::string_view text) {
  KeyType type;
  if (text.starts_with("ArrayOf")) {
    type.multivalued = true;
    text.remove_prefix(7);
  }
  static constexpr std::array<std::pair<std::string_view, KeyBase>, 8> kBases = {{
      {"String", KeyBase::String}, {"ARN", KeyBase::Arn}, {"Arn", KeyBase::Arn}, {"Numeric", KeyBase::Numeric},
      {"Date", KeyBase::Date}, {"Bool", KeyBase::Bool}, {"IPAddress", KeyBase::IpAddress}, {"Binary", KeyBase::Binary}}};
  for (const auto& [name, base] : kBases)
    if (iequals(text, name)) {
      type.base = base;
      return type;
    }
  return std::nullopt;
}

std::string to_string(KeyType type) {
  static constexpr std::array<std::string_view, 7> kNames = {"String", "ARN", "Numeric", "Date", "Bool", "IPAddress", "Binary"};
  return fmt::format("{}{}", type.multivalued ? "ArrayOf" : "", kNames[static_cast<std::size_t>(type.base)]);
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

const Action* Service::action(std::string_view name) const {
  const std::string lower = to_lower(name);
  const auto it = std::lower_bound(actions.begin(), actions.end(), lower,
                                   [](const Action& a, const std::string& n) { return a.lower_name < n; });
  return it != actions.end() && it->lower_name == lower ? &*it : nullptr;
}

std::vector<const Action*> Service::matching(std::string_view name_pattern) const {
  std::vector<const Action*> out;
  if (!has_wildcard(name_pattern)) {
    if (const Action* exact = action(name_pattern)) out.push_back(exact);
    return out;
  }
  std::string lower = to_lower(name_pattern);
  auto match = [&] {
    const GlobPattern pattern = GlobPattern::wildcard(lower);
    for (const auto& candidate : actions)
      if (pattern.matches(candidate.lower_name)) out.push_back(&candidate);
  };
  // The built-in catalog's services live as long as the process: each thread keeps its own memo of
  // them, so --jobs threads never wait for each other here.
  if (Catalog::builtin().service(prefix) == this) {
    thread_local std::map<std::pair<const Service*, std::string>, std::vector<const Action*>> memo;
    std::pair<const Service*, std::string> key{this, std::move(lower)};
    if (const auto it = memo.find(key); it != memo.end()) return it->second;
    lower = key.second;
    match();
    memo.emplace(std::move(key), out);
    return out;
  }
  std::lock_guard lock(matching_mutex_);
  if (const auto it = matching_memo_.find(lower); it != matching_memo_.end()) return it->second;
  match();
  matching_memo_.emplace(lower, out);
  return out;
}

const ConditionKey* Service::key(std::string_view name) const {
  for (const auto& candidate : keys)
    if (key_name_matches(candidate.name, name)) return &candidate;
  return nullptr;
}

bool Service::action_supports(const Action& action, std::string_view key) const {
  return std::any_of(action.keys.begin(), action.keys.end(),
                     [&](std::uint32_t index) { return key_name_matches(keys[index].name, key); });
}

Catalog::~Catalog() = default;

const Catalog& Catalog::builtin() {
  static const std::unique_ptr<Catalog> catalog = [] {
    std::unique_ptr<Catalog> owned(new Catalog());
    Catalog& built = *owned;
    const std::string_view text = embedded::aws_catalog();
    std::size_t at = 0;
    // Header: V (source), G (global keys), X (key prefixes of other services), I (each service's
    // block: offset and length after the B line). The blocks are decoded on first use.
    std::vector<std::array<std::string_view, 3>> index;
    while (at < text.size()) {
      auto end = text.find('\n', at);
      if (end == std::string_view::npos) end = text.size();
      const auto fields = split(text.substr(at, end - at), '\t');
      at = end + 1;
      if (fields[0] == "B") break;
      if (fields[0] == "V" && fields.size() >= 3) built.source_ = fmt::format("{} (data of {})", fields[1], fields[2]);
      if (fields[0] == "G" && fields.size() >= 3)
        built.globals_.push_back({std::string(fields[1]), parse_key_type(fields[2]).value_or(KeyType{})});
      if (fields[0] == "X" && fields.size() >= 3) built.key_prefix_services_.emplace(to_lower(fields[1]), fields[2]);
      if (fields[0] == "I" && fields.size() >= 4) index.push_back({fields[1], fields[2], fields[3]});
    }
    const std::string_view blocks = at < text.size() ? text.substr(at) : std::string_view();
    for (const auto& [prefix, offset, length] : index) {
      const std::size_t start = to_index(offset), size = to_index(length);
      if (start > blocks.size() || size > blocks.size() - start) continue;  // a corrupt index: leave the service out
      built.encoded_.emplace(to_lower(prefix), blocks.substr(start, size));
    }
    return owned;
  }();
  return *catalog;
}

std::unique_ptr<Catalog> Catalog::load_service_reference(const std::string& dir,
                                                         std::vector<std::string>& errors) {
  std::unique_ptr<Catalog> catalog(new Catalog());
  const Catalog& base = builtin();
  catalog->globals_ = base.globals_;
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
    catalog->decoded_[prefix] = std::move(service);
  }
  if (catalog->decoded_.empty()) errors.push_back(fmt::format("{}: no Service Reference files found", dir));
  return catalog;
}

// Only the built-in catalog has encoded blocks, and their keys never change. A Service Reference
// catalog is decoded whole when loaded and never changes after. So neither lookup below needs the
// lock except to decode a built-in service the first time.
bool Catalog::has_service(std::string_view prefix) const {
  const std::string lower = to_lower(prefix);
  return encoded_.empty() ? decoded_.contains(lower) : encoded_.contains(lower);
}

const Service* Catalog::service(std::string_view prefix) const {
  std::string lower = to_lower(prefix);
  if (encoded_.empty()) {
    const auto it = decoded_.find(lower);
    return it == decoded_.end() ? nullptr : it->second.get();
  }
  // The built-in catalog (the only one with encoded blocks, alive until exit): each thread
  // remembers the services it has seen, and takes the lock only on its first look at one.
  thread_local std::map<std::string, const Service*, std::less<>> seen;
  if (const auto it = seen.find(lower); it != seen.end()) return it->second;
  const Service* found = nullptr;
  if (const auto it = encoded_.find(lower); it != encoded_.end()) {
    std::lock_guard lock(mutex_);
    auto& slot = decoded_[lower];
    if (!slot) slot = decode_service(lower, it->second);
    found = slot.get();
  }
  seen.emplace(std::move(lower), found);
  return found;
}

std::vector<std::string> Catalog::service_prefixes() const {
  std::vector<std::string> out;
  if (encoded_.empty())
    for (const auto& [prefix, service] : decoded_) out.push_back(prefix);
  else
    for (const auto& [prefix, block] : encoded_) out.push_back(prefix);
  return out;  // a map's keys are sorted
}

const ConditionKey* Catalog::global_key(std::string_view name) const {
  for (const auto& key : globals_)
    if (key_name_matches(key.name, name)) return &key;
  return nullptr;
}

std::vector<std::string> Catalog::services_for_key_prefix(std::string_view key_prefix) const {
  std::vector<std::string> out;
  const std::string lower = to_lower(key_prefix);
  for (const auto& [prefix, service] : key_prefix_services_)
    if (key_name_matches(prefix, lower)) out.push_back(service);
  if (has_service(lower)) out.push_back(lower);
  return out;
}

const ConditionKey* Catalog::find_key(std::string_view key) const {
  if (const ConditionKey* global = global_key(key)) return global;
  const auto colon = key.find(':');
  if (colon == std::string_view::npos) return nullptr;
  for (const auto& prefix : services_for_key_prefix(key.substr(0, colon)))
    if (const Service* owner = service(prefix))
      if (const ConditionKey* found = owner->key(key)) return found;
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
  std::vector<std::string> prefixes;
  if (!has_wildcard(prefix)) prefixes.emplace_back(prefix);
  else
    for (auto& candidate : service_prefixes())
      if (glob_match(prefix, candidate, true)) prefixes.push_back(std::move(candidate));
  for (const auto& each : prefixes)
    if (const Service* owner = service(each))
      for (const Action* action : owner->matching(name)) out.emplace_back(owner, action);
  return out;
}

}  // namespace seslint::aws
