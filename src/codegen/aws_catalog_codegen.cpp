// Build-time generator: rules/aws-catalog.txt -> static C++ data (src/catalog/aws_catalog_index.hpp):
// the header (global keys, key prefixes), a hash table of the service prefixes, and every service's
// tables (aws_catalog_tables.hpp), so that a run neither reads the text nor decodes a service.
//   seslint_aws_catalog_codegen CATALOG_TXT OUT_CPP
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/aws_catalog_header.hpp"
#include "catalog/aws_catalog_tables.hpp"
#include "codegen/cpp_literal.hpp"

namespace {

using seslint::codegen::literal;
namespace tables = seslint::aws::tables;

std::vector<std::uint16_t> slot_table(const seslint::aws::CatalogHeader& header) {
  std::size_t size = 1;
  while (size < 2 * header.services.size()) size *= 2;
  std::vector<std::uint16_t> slots(size, 0);
  for (std::size_t i = 0; i < header.services.size(); ++i) {
    std::size_t at = seslint::aws::prefix_hash(header.services[i].prefix) & (size - 1);
    while (slots[at] != 0) at = (at + 1) & (size - 1);
    slots[at] = static_cast<std::uint16_t>(i + 1);
  }
  return slots;
}

void pairs(std::ostream& out, const char* name, const std::vector<std::pair<std::string, std::string>>& items) {
  out << "constexpr NamePair " << name << "[] = {\n";
  for (const auto& [first, second] : items) out << "    {" << literal(first) << ", " << literal(second) << "},\n";
  if (items.empty()) out << "    {\"\", \"\"},\n";  // no zero-length arrays; the span below says 0
  out << "};\n";
}

std::uint32_t size32(std::size_t size) { return static_cast<std::uint32_t>(size); }

// Every service's tables in shared arrays: a service's offsets are moved past those before it.
struct AllTables {
  tables::ServiceData all;
  std::vector<tables::KeyRecord> globals;  // over all.names too
  std::vector<std::vector<std::uint32_t>> ranges;  // per service: keys, resources, actions (begin, count)

  bool add_globals(const std::vector<std::pair<std::string, std::string>>& keys) {
    tables::ServiceData data;
    for (const auto& [name, type] : keys) {
      const auto parsed = seslint::aws::parse_key_type(type);
      if (!parsed) return false;
      data.add_key(name, *parsed);
    }
    const auto names = size32(all.names.size());
    all.names += data.names;
    for (auto key : data.keys) {
      key.name.offset += names;
      key.lower.offset += names;
      globals.push_back(key);
    }
    return true;
  }

  void add(const tables::ServiceData& one) {
    const auto names = size32(all.names.size()), action_resources = size32(all.action_resources.size()),
               indexes = size32(all.indexes.size()), formats = size32(all.formats.size());
    const auto moved = [&](tables::TextRef ref) { return tables::TextRef{ref.offset + names, ref.length}; };
    ranges.push_back({size32(all.keys.size()), size32(one.keys.size()), size32(all.resources.size()),
                      size32(one.resources.size()), size32(all.actions.size()), size32(one.actions.size())});
    all.names += one.names;
    for (auto key : one.keys) {
      key.name = moved(key.name);
      key.lower = moved(key.lower);
      all.keys.push_back(key);
    }
    for (auto resource : one.resources) {
      resource.name = moved(resource.name);
      resource.formats_begin += formats;
      resource.keys_begin += indexes;
      all.resources.push_back(resource);
    }
    for (auto action : one.actions) {
      action.name = moved(action.name);
      action.lower = moved(action.lower);
      action.resources_begin += action_resources;
      action.keys_begin += indexes;
      all.actions.push_back(action);
    }
    all.action_resources.insert(all.action_resources.end(), one.action_resources.begin(), one.action_resources.end());
    all.indexes.insert(all.indexes.end(), one.indexes.begin(), one.indexes.end());
    for (const auto format : one.formats) all.formats.push_back(moved(format));
  }
};

std::string ref(tables::TextRef text) { return "{" + std::to_string(text.offset) + "u," + std::to_string(text.length) + "u}"; }

// Writes `items` as a constexpr array, each item through `write` ("{...}"), a few to a line.
template <typename T, typename Write>
void array(std::ostream& out, const char* type, const char* name, const std::vector<T>& items, Write write) {
  out << "constexpr " << type << ' ' << name << "[] = {";
  for (std::size_t i = 0; i < items.size(); ++i) out << (i % 6 == 0 ? "\n   " : "") << ' ' << write(items[i]) << ',';
  if (items.empty()) out << type << "{}";  // no zero-length arrays; spans below take the size
  out << "\n};\n";
}

std::string key_record(const tables::KeyRecord& key) {
  return "{" + ref(key.name) + "," + ref(key.lower) + "," + std::to_string(key.base) + "," + std::to_string(key.multivalued) + "}";
}

bool write_tables(std::ostream& out, const AllTables& tables_of_all) {
  const auto& all = tables_of_all.all;
  const std::string delimiter = "seslint_names_";
  if (all.names.find(")" + delimiter + "\"") != std::string::npos || all.names.size() > UINT32_MAX) return false;
  // Sized by the array, not by a compile-time strlen of ~1 MB (beyond constexpr loop limits).
  out << "constexpr char kNamesText[] = R\"" << delimiter << "(" << all.names << ")" << delimiter << "\";\n"
      << "constexpr std::string_view kNames(kNamesText, sizeof kNamesText - 1);\n";
  array(out, "tables::KeyRecord", "kGlobalKeys", tables_of_all.globals, key_record);
  array(out, "tables::KeyRecord", "kKeys", all.keys, key_record);
  array(out, "tables::ResourceRecord", "kResources", all.resources, [](const tables::ResourceRecord& type) {
    return "{" + ref(type.name) + "," + std::to_string(type.formats_begin) + "u," + std::to_string(type.formats_count) +
           "u," + std::to_string(type.keys_begin) + "u," + std::to_string(type.keys_count) + "u}";
  });
  array(out, "tables::ActionRecord", "kActions", all.actions, [](const tables::ActionRecord& action) {
    return "{" + ref(action.name) + "," + ref(action.lower) + "," + std::to_string(action.levels) + "u," +
           std::to_string(action.resources_begin) + "u," + std::to_string(action.resources_count) + "u," +
           std::to_string(action.keys_begin) + "u," + std::to_string(action.keys_count) + "u}";
  });
  array(out, "ActionResource", "kActionResources", all.action_resources, [](const seslint::aws::ActionResource& each) {
    return "{" + std::to_string(each.type) + "u," + (each.required ? "true" : "false") + "}";
  });
  array(out, "std::uint32_t", "kIndexes", all.indexes, [](std::uint32_t index) { return std::to_string(index) + "u"; });
  array(out, "tables::TextRef", "kFormats", all.formats, ref);
  // The same actions as the views Service::actions shows (names into kNamesText, lists into the
  // arrays above), so that no service copies them at run time.
  const auto text = [](tables::TextRef ref) {
    return "std::string_view(kNamesText + " + std::to_string(ref.offset) + ", " + std::to_string(ref.length) + ")";
  };
  const auto list = [](const char* table, std::uint32_t begin, std::uint32_t count) {
    return "std::span(" + std::string(table) + " + " + std::to_string(begin) + ", " + std::to_string(count) + ")";
  };
  array(out, "Action", "kBuiltActions", all.actions, [&](const tables::ActionRecord& action) {
    return "{" + text(action.name) + "," + text(action.lower) + "," + std::to_string(action.levels) + "u," +
           list("kActionResources", action.resources_begin, action.resources_count) + "," +
           list("kIndexes", action.keys_begin, action.keys_count) + "}";
  });
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: seslint_aws_catalog_codegen CATALOG_TXT OUT_CPP\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const auto header = seslint::aws::parse_catalog_header(text);
  if (!in || header.services.empty() || header.services.size() >= 65535 || text.size() > UINT32_MAX) {
    std::cerr << argv[1] << ": not an AWS catalog text with services (docs/catalog.md)\n";
    return 1;
  }
  AllTables all;
  if (!all.add_globals(header.globals)) {
    std::cerr << argv[1] << ": a global condition key has a type that is not a condition key type\n";
    return 1;
  }
  for (const auto& service : header.services)
    all.add(tables::parse_service_block(std::string_view(text).substr(service.offset, service.length)));
  std::ostringstream out;
  out << "// Generated from rules/aws-catalog.txt by seslint_aws_catalog_codegen; do not edit.\n"
      << "#include \"catalog/aws_catalog_index.hpp\"\n\nnamespace seslint::aws::generated {\nnamespace {\n\n";
  pairs(out, "kKeyPrefixes", header.key_prefixes);
  out << "constexpr ServiceBlock kServices[] = {\n";
  for (std::size_t i = 0; i < header.services.size(); ++i) {
    out << "    {" << literal(header.services[i].prefix);
    for (const auto number : all.ranges[i]) out << ", " << number << 'u';
    out << "},\n";
  }
  out << "};\nconstexpr std::uint16_t kSlots[] = {";
  const auto slots = slot_table(header);
  for (std::size_t i = 0; i < slots.size(); ++i) out << (i % 24 == 0 ? "\n   " : "") << ' ' << slots[i] << ',';
  out << "\n};\n";
  if (!write_tables(out, all)) {
    std::cerr << argv[1] << ": the catalog's names hold the generator's string delimiter\n";
    return 1;
  }
  const auto& data = all.all;
  out << "\n}  // namespace\n\nconst CatalogIndex& catalog_index() {\n"
      << "  static constexpr CatalogIndex kIndex{" << literal(header.source) << ",\n"
      << "      std::span(kGlobalKeys, " << all.globals.size() << "), std::span(kKeyPrefixes, "
      << header.key_prefixes.size() << "),\n      kServices, kSlots, kNames,\n"
      << "      std::span(kKeys, " << data.keys.size() << "), std::span(kResources, " << data.resources.size()
      << "), std::span(kActions, " << data.actions.size() << "),\n      std::span(kActionResources, "
      << data.action_resources.size() << "), std::span(kIndexes, " << data.indexes.size()
      << "), std::span(kFormats, " << data.formats.size() << "), std::span(kBuiltActions, " << data.actions.size()
      << ")};\n  return kIndex;\n}\n\n"
      << "}  // namespace seslint::aws::generated\n";
  std::ofstream file(argv[2], std::ios::binary);
  file << out.str();
  return file ? 0 : 1;
}
