#include "mailmanager/address_classes.hpp"

#include <set>
#include <utility>

namespace seslint::mm {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

// The last address of `network`, plus one; false when it wraps around.
bool after_end(const IpNetwork& network, Bytes& out) {
  const int width = network.v6 ? 16 : 4;
  out = network.network().bytes;
  for (int bit = network.prefix; bit < width * 8; ++bit)
    out[static_cast<std::size_t>(bit / 8)] |= static_cast<std::uint8_t>(0x80 >> (bit % 8));
  for (int i = width - 1; i >= 0; --i)
    if (++out[static_cast<std::size_t>(i)] != 0) return true;
  return false;
}

}  // namespace

std::vector<IpNetwork> address_classes(const std::vector<IpNetwork>& networks) {
  std::set<std::pair<bool, Bytes>> points{{false, Bytes{}}, {true, Bytes{}}};
  for (const auto& network : networks) {
    points.insert({network.v6, network.network().bytes});
    if (Bytes end; after_end(network, end)) points.insert({network.v6, end});
  }
  std::vector<IpNetwork> out;
  out.reserve(points.size());
  for (const auto& [v6, bytes] : points) {
    IpNetwork address;
    address.v6 = v6;
    address.bytes = bytes;
    address.prefix = v6 ? 128 : 32;
    out.push_back(address);
  }
  return out;
}

}  // namespace seslint::mm
