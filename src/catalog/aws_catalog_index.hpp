#pragma once
// The built-in AWS catalog's header as static data, generated at build time from
// rules/aws-catalog.txt by src/codegen/aws_catalog_codegen.cpp: start-up reads no header text and
// builds no index. Service blocks stay text, decoded on first use (aws_catalog.cpp).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace seslint::aws::generated {

struct NamePair {
  std::string_view first;
  std::string_view second;
};

struct ServiceBlock {
  std::string_view prefix;  // lower case
  std::uint32_t offset;     // of its block in embedded::aws_catalog()
  std::uint32_t length;
};

struct CatalogIndex {
  std::string_view source;
  std::size_t text_size;                  // of the text the offsets refer to
  std::span<const NamePair> globals;      // key name, type text
  std::span<const NamePair> key_prefixes; // lower-case key prefix, service
  std::span<const ServiceBlock> services; // sorted by prefix
  // Open addressing by prefix_hash (aws_catalog_header.hpp), linear probing; 0 is empty, else
  // index + 1 into services. Its size is a power of two, at least twice the services.
  std::span<const std::uint16_t> slots;
};

const CatalogIndex& catalog_index();

}  // namespace seslint::aws::generated
