#pragma once
// The classes of sender addresses a set of CIDR blocks can tell apart, for the traffic-policy and
// rule-set searches: every block either holds all the addresses of a class or none of them.
#include <vector>

#include "seslint/ip.hpp"

namespace seslint::mm {

// One address (prefix 32 or 128) per class: the first address of each family, and of every
// interval the blocks cut a family into (each block's first address and the one after its last).
// Sorted, IPv4 first.
std::vector<IpNetwork> address_classes(const std::vector<IpNetwork>& networks);

}  // namespace seslint::mm
