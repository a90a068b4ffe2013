#include "rules/support/regions.hpp"

#include <map>
#include <vector>

#include "seslint/embedded.hpp"
#include "seslint/glob.hpp"
#include "seslint/text_match.hpp"

namespace seslint::rules::regions {
namespace {

struct Table {
  std::map<std::string, std::string, std::less<>> region_partition;  // region -> partition
  std::vector<std::string> partitions;
  std::vector<std::string> regions;
};

// "P aws" / "R aws us-east-1" lines; '#' starts a comment line.
const Table& table() {
  static const Table parsed = [] {
    Table out;
    std::string_view text = embedded::named("aws_regions");
    while (!text.empty()) {
      const auto end = text.find('\n');
      const std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (line.size() > 2 && line[0] == 'P' && line[1] == ' ') {
        out.partitions.emplace_back(line.substr(2));
      } else if (line.size() > 2 && line[0] == 'R' && line[1] == ' ') {
        const auto space = line.find(' ', 2);
        if (space == std::string_view::npos) continue;
        out.regions.emplace_back(line.substr(space + 1));
        out.region_partition.emplace(line.substr(space + 1), line.substr(2, space - 2));
      }
    }
    return out;
  }();
  return parsed;
}

}  // namespace

bool known_partition(std::string_view partition) {
  for (const auto& each : table().partitions)
    if (each == partition) return true;
  return false;
}

bool in_partition(std::string_view partition, std::string_view region) { return partition_of(region) == partition; }

std::string_view partition_of(std::string_view region) {
  const auto& map = table().region_partition;
  const auto found = map.find(region);
  return found == map.end() ? std::string_view() : std::string_view(found->second);
}

std::string closest_region(std::string_view region) {
  const auto& names = table().regions;
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  return std::string(did_you_mean(region, candidates));
}

bool pattern_matches_some_region(std::string_view pattern) {
  const GlobPattern glob = GlobPattern::wildcard(pattern);
  for (const auto& region : table().regions)
    if (glob.matches(region)) return true;
  return false;
}

}  // namespace seslint::rules::regions
