#pragma once
// IPv4 and IPv6 addresses and CIDR blocks, as IAM's IpAddress operators read them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seslint {

struct IpNetwork {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4
  int prefix = 32;                       // a bare address is /32 or /128
  bool explicit_prefix = false;

  int bits() const { return v6 ? 128 : 32; }
  bool host_bits_set() const;
  IpNetwork network() const;  // host bits cleared
  bool contains(const IpNetwork& address) const;
  std::string to_string() const;  // canonical text, with "/prefix" when explicit
};

std::optional<IpNetwork> parse_ip_network(std::string_view text);

// Networks as sorted disjoint [first, last] intervals per family: whether an address lies in any of
// them is a binary search, not a scan (policies list thousands of ranges).
class IpRangeSet {
 public:
  using Bytes = std::array<std::uint8_t, 16>;
  void add(const IpNetwork& network);  // then call `seal` before asking
  void seal();
  bool contains(const IpNetwork& address) const;  // IpNetwork::contains for some added network
  const std::vector<std::pair<Bytes, Bytes>>& intervals(bool v6) const { return intervals_[v6 ? 1 : 0]; }

 private:
  std::array<std::vector<std::pair<Bytes, Bytes>>, 2> intervals_;  // IPv4, IPv6
};

}  // namespace seslint
