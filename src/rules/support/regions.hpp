#pragma once
// AWS partitions and their regions (rules/aws-regions.txt, embedded; refreshed by scripts/update-catalog).
#include <string>
#include <string_view>

namespace seslint::rules::regions {

bool known_partition(std::string_view partition);
bool in_partition(std::string_view partition, std::string_view region);
// The partition a region belongs to ("cn-north-1" -> "aws-cn"), or empty when no partition lists it.
std::string_view partition_of(std::string_view region);
// The listed region closest to `region` (did-you-mean), or empty.
std::string closest_region(std::string_view region);
// Does a pattern with '*' / '?' ("eu-*") match any listed region?
bool pattern_matches_some_region(std::string_view pattern);

}  // namespace seslint::rules::regions
