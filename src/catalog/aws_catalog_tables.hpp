#pragma once
// A service's catalog data as flat tables of numbers and one text of names: what the build-time
// generator (src/codegen/aws_catalog_codegen.cpp) writes out as static arrays for every built-in
// service, and what a Service Reference file is turned into at run time. aws_catalog.cpp builds a
// Service's views over either without copying a name. No library dependencies: the generator links it.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seslint/aws_catalog.hpp"

namespace seslint::aws::tables {

struct TextRef {  // into the names text
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

struct KeyRecord {
  TextRef name;
  TextRef lower;
  std::uint8_t base = 0;  // KeyBase
  std::uint8_t multivalued = 0;
};

struct ResourceRecord {
  TextRef name;
  std::uint32_t formats_begin = 0;  // into formats
  std::uint32_t formats_count = 0;
  std::uint32_t keys_begin = 0;  // into indexes (numbers of the service's keys)
  std::uint32_t keys_count = 0;
};

struct ActionRecord {
  TextRef name;
  TextRef lower;
  std::uint32_t levels = 0;
  std::uint32_t resources_begin = 0;  // into action_resources
  std::uint32_t resources_count = 0;
  std::uint32_t keys_begin = 0;  // into indexes
  std::uint32_t keys_count = 0;
};

// One service's records: spans of the shared static arrays (built-in) or of a ServiceData.
// Record numbers (a resource's type, a key's number) count from the service's first record.
struct ServiceView {
  std::string_view names;
  std::span<const KeyRecord> keys;
  std::span<const ResourceRecord> resources;
  std::span<const ActionRecord> actions;  // sorted by lower-case name, stable
  std::span<const ActionResource> action_resources;
  std::span<const std::uint32_t> indexes;
  std::span<const TextRef> formats;
  // The actions as Action views, when the tables come with them (the built-in catalog's are
  // static data); empty otherwise, and the Service builds them from `actions`.
  std::span<const Action> built_actions = {};
};

// The tables of one service, owned: filled record by record, then viewed.
struct ServiceData {
  std::string names;
  std::vector<KeyRecord> keys;
  std::vector<ResourceRecord> resources;
  std::vector<ActionRecord> actions;
  std::vector<ActionResource> action_resources;
  std::vector<std::uint32_t> indexes;
  std::vector<TextRef> formats;

  TextRef add_text(std::string_view text);
  TextRef add_lower(std::string_view text);  // ASCII lower case
  void add_key(std::string_view name, KeyType type);
  // A resource type: its name, ARN formats and condition keys (numbers of `keys`).
  void add_resource(std::string_view name, std::span<const std::string_view> arn_formats,
                    std::span<const std::uint32_t> key_numbers);
  // An action: its name, access levels, resource types and condition keys (numbers of `keys`).
  void add_action(std::string_view name, unsigned levels, std::span<const ActionResource> resource_types,
                  std::span<const std::uint32_t> key_numbers);
  // Sorts the actions by lower-case name, keeping the order of equal names.
  void sort_actions();
  ServiceView view() const;
};

// A service block of rules/aws-catalog.txt (docs/catalog.md: its K, R and A lines). References
// out of range are dropped, never followed.
ServiceData parse_service_block(std::string_view block);

// The number of a key type's base, and back (KeyBase's order).
std::uint8_t base_number(KeyBase base);

}  // namespace seslint::aws::tables
