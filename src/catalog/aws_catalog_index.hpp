#pragma once
// The built-in AWS catalog as static data, generated at build time from rules/aws-catalog.txt by
// src/codegen/aws_catalog_codegen.cpp: start-up reads no text and builds no index, and a service's
// first use builds views over its tables (aws_catalog_tables.hpp) instead of decoding text.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "catalog/aws_catalog_tables.hpp"

namespace seslint::aws::generated {

struct NamePair {
  std::string_view first;
  std::string_view second;
};

// A service's records: ranges of CatalogIndex's keys, resources and actions. The records' offsets
// (names, action_resources, indexes, formats) are positions in the shared arrays.
struct ServiceBlock {
  std::string_view prefix;  // lower case
  std::uint32_t keys_begin;
  std::uint32_t keys_count;
  std::uint32_t resources_begin;
  std::uint32_t resources_count;
  std::uint32_t actions_begin;
  std::uint32_t actions_count;
};

struct CatalogIndex {
  std::string_view source;
  std::span<const tables::KeyRecord> globals;  // global condition keys, over names
  std::span<const NamePair> key_prefixes; // lower-case key prefix, service
  std::span<const ServiceBlock> services; // sorted by prefix
  // Open addressing by prefix_hash (aws_catalog_header.hpp), linear probing; 0 is empty, else
  // index + 1 into services. Its size is a power of two, at least twice the services.
  std::span<const std::uint16_t> slots;
  // Every service's tables, one after another.
  std::string_view names;
  std::span<const tables::KeyRecord> keys;
  std::span<const tables::ResourceRecord> resources;
  std::span<const tables::ActionRecord> actions;
  std::span<const ActionResource> action_resources;
  std::span<const std::uint32_t> indexes;
  std::span<const tables::TextRef> formats;
  // `actions` as the Action views a Service shows, built at compile time: a service's first use
  // then copies none (they were most of the memory a run kept, each new page costing ~10-13 us).
  std::span<const Action> built_actions;

  // The tables of services[i].
  tables::ServiceView service_view(std::size_t i) const {
    const ServiceBlock& block = services[i];
    return {names, keys.subspan(block.keys_begin, block.keys_count),
            resources.subspan(block.resources_begin, block.resources_count),
            actions.subspan(block.actions_begin, block.actions_count), action_resources, indexes, formats,
            built_actions.subspan(block.actions_begin, block.actions_count)};
  }
};

const CatalogIndex& catalog_index();

}  // namespace seslint::aws::generated
