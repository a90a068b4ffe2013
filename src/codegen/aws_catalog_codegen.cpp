// Build-time generator: the header of rules/aws-catalog.txt -> static C++ data
// (src/catalog/aws_catalog_index.hpp), with a hash table of the service prefixes, so that start-up
// neither reads the header nor builds an index.
//   seslint_aws_catalog_codegen CATALOG_TXT OUT_CPP
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/aws_catalog_header.hpp"
#include "codegen/cpp_literal.hpp"

namespace {

using seslint::codegen::literal;

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
  std::ostringstream out;
  out << "// Generated from rules/aws-catalog.txt by seslint_aws_catalog_codegen; do not edit.\n"
      << "#include \"catalog/aws_catalog_index.hpp\"\n\nnamespace seslint::aws::generated {\nnamespace {\n\n";
  pairs(out, "kGlobals", header.globals);
  pairs(out, "kKeyPrefixes", header.key_prefixes);
  out << "constexpr ServiceBlock kServices[] = {\n";
  for (const auto& service : header.services)
    out << "    {" << literal(service.prefix) << ", " << service.offset << "u, " << service.length << "u},\n";
  out << "};\nconstexpr std::uint16_t kSlots[] = {";
  const auto slots = slot_table(header);
  for (std::size_t i = 0; i < slots.size(); ++i) out << (i % 24 == 0 ? "\n   " : "") << ' ' << slots[i] << ',';
  out << "\n};\n\n}  // namespace\n\nconst CatalogIndex& catalog_index() {\n"
      << "  static constexpr CatalogIndex kIndex{" << literal(header.source) << ", " << text.size() << "u,\n"
      << "      std::span(kGlobals, " << header.globals.size() << "), std::span(kKeyPrefixes, "
      << header.key_prefixes.size() << "),\n      kServices, kSlots};\n  return kIndex;\n}\n\n"
      << "}  // namespace seslint::aws::generated\n";
  std::ofstream file(argv[2], std::ios::binary);
  file << out.str();
  return file ? 0 : 1;
}
