#pragma once
// The header of rules/aws-catalog.txt (docs/catalog.md): V, G, X and I lines before the first B.
// Read at build time by src/codegen/aws_catalog_codegen.cpp into static data (aws_catalog_index.hpp),
// and by the test that compares that data with the text, so both read it the same way.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seslint::aws {

struct CatalogHeaderService {
  std::string prefix;  // lower case
  std::size_t offset;  // of its block in the whole text
  std::size_t length;
};

struct CatalogHeader {
  std::string source;                                               // "<package> (data of <date>)"
  std::vector<std::pair<std::string, std::string>> globals;        // key name, type text
  std::vector<std::pair<std::string, std::string>> key_prefixes;   // lower-case key prefix, service
  std::vector<CatalogHeaderService> services;                      // sorted by prefix, unique
};

CatalogHeader parse_catalog_header(std::string_view text);

// A number field of the catalog text (an offset, a length, a record number); its non-digits are skipped.
constexpr std::size_t catalog_number(std::string_view text) {
  std::size_t value = 0;
  for (const char c : text)
    if (c >= '0' && c <= '9') value = value * 10 + static_cast<std::size_t>(c - '0');
  return value;
}

// FNV-1a of a lower-case service prefix: the build-time table's hash, the same on every platform.
constexpr std::uint32_t prefix_hash(std::string_view lower_prefix) {
  std::uint32_t hash = 2166136261u;
  for (const char c : lower_prefix) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

}  // namespace seslint::aws
