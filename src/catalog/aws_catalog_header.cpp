// Reads the catalog text's header; no library dependencies, as the build-time generator links it.
#include "catalog/aws_catalog_header.hpp"

#include <algorithm>
#include <array>
#include <map>

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

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

CatalogHeader parse_catalog_header(std::string_view text) {
  CatalogHeader header;
  std::vector<std::array<std::string_view, 3>> index;
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const auto fields = split(text.substr(at, end - at), '\t');
    at = end + 1;
    if (fields[0] == "B") break;
    if (fields[0] == "V" && fields.size() >= 3)
      header.source = std::string(fields[1]) + " (data of " + std::string(fields[2]) + ")";
    if (fields[0] == "G" && fields.size() >= 3) header.globals.emplace_back(fields[1], fields[2]);
    if (fields[0] == "X" && fields.size() >= 3) header.key_prefixes.emplace_back(lower(fields[1]), fields[2]);
    if (fields[0] == "I" && fields.size() >= 4) index.push_back({fields[1], fields[2], fields[3]});
  }
  // Block offsets count from the line after the first B line.
  const std::size_t blocks_start = std::min(at, text.size());
  const std::size_t blocks_size = text.size() - blocks_start;
  std::map<std::string, std::pair<std::size_t, std::size_t>> sorted;  // the first of equal prefixes stays
  for (const auto& [prefix, offset, length] : index) {
    const std::size_t start = catalog_number(offset), size = catalog_number(length);
    if (start > blocks_size || size > blocks_size - start) continue;  // a corrupt index: leave the service out
    sorted.emplace(lower(prefix), std::pair{blocks_start + start, size});
  }
  for (const auto& [prefix, block] : sorted) header.services.push_back({prefix, block.first, block.second});
  return header;
}

}  // namespace seslint::aws
