#include <cstdint>

#include <fmt/format.h>

#include "seslint/output.hpp"

namespace seslint {

std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view pointer, std::size_t rank) {
  // FNV-1a, 64 bit: stable across platforms and releases, which is all a fingerprint needs.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&](std::string_view part) {
    for (unsigned char c : part) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    hash ^= 0xFF;  // separator, so ("ab","c") differs from ("a","bc")
    hash *= 0x100000001b3ULL;
  };
  mix(rule_id);
  mix(path);
  mix(pointer);
  mix(std::to_string(rank));
  return fmt::format("{:016x}", hash);
}

}  // namespace seslint
