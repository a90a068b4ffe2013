#include "seslint/ip.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "seslint/text_match.hpp"

namespace seslint {
namespace {

bool parse_v4(std::string_view text, std::uint8_t* out) {
  int part = 0;
  std::size_t pos = 0;
  while (part < 4) {
    std::size_t end = pos;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == pos || end - pos > 3) return false;
    if (end - pos > 1 && text[pos] == '0') return false;  // leading zeros: octal in some readers, rejected
    int value = 0;
    std::from_chars(text.data() + pos, text.data() + end, value);
    if (value > 255) return false;
    out[part++] = static_cast<std::uint8_t>(value);
    pos = end;
    if (part < 4) {
      if (pos >= text.size() || text[pos] != '.') return false;
      ++pos;
    }
  }
  return pos == text.size();
}

// Up to eight 16-bit groups, on the stack: addresses are parsed often (every CIDR of every
// condition, the reachability's representatives), so without allocating.
struct Groups {
  std::array<std::uint16_t, 8> items{};
  std::size_t size = 0;
  bool push_back(std::uint16_t value) {
    if (size == items.size()) return false;
    items[size++] = value;
    return true;
  }
};

// Parses a run of ':'-separated hex groups (an IPv4 tail allowed last when `allow_v4`).
bool parse_groups(std::string_view text, Groups& groups, bool allow_v4) {
  if (text.empty()) return true;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t colon = text.find(':', pos);
    const std::string_view group = text.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos);
    if (colon == std::string_view::npos && allow_v4 && group.find('.') != std::string_view::npos) {
      std::uint8_t v4[4];
      if (!parse_v4(group, v4)) return false;
      return groups.push_back(static_cast<std::uint16_t>(v4[0] << 8 | v4[1])) &&
             groups.push_back(static_cast<std::uint16_t>(v4[2] << 8 | v4[3]));
    }
    if (group.empty() || group.size() > 4) return false;
    unsigned value = 0;
    for (char c : group) {
      const int digit = hex_digit(c);
      if (digit < 0) return false;
      value = value << 4 | static_cast<unsigned>(digit);
    }
    if (!groups.push_back(static_cast<std::uint16_t>(value))) return false;
    if (colon == std::string_view::npos) return true;
    pos = colon + 1;
  }
}

bool parse_v6(std::string_view text, std::uint8_t* out) {
  Groups head, tail;
  const std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (!parse_groups(text, head, true) || head.size != 8) return false;
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return false;
    if (!parse_groups(text.substr(0, gap), head, false) || !parse_groups(text.substr(gap + 2), tail, true)) return false;
    if (head.size + tail.size > 7) return false;
  }
  std::uint16_t groups[8] = {};
  for (std::size_t i = 0; i < head.size; ++i) groups[i] = head.items[i];
  for (std::size_t i = 0; i < tail.size; ++i) groups[8 - tail.size + i] = tail.items[i];
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xFF);
  }
  return true;
}

}  // namespace

std::optional<IpNetwork> parse_ip_network(std::string_view text) {
  IpNetwork net;
  std::string_view address = text;
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    address = text.substr(0, slash);
    const std::string_view prefix = text.substr(slash + 1);
    if (prefix.empty() || prefix.size() > 3) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), value);
    if (ec != std::errc() || end != prefix.data() + prefix.size()) return std::nullopt;
    net.prefix = value;
    net.explicit_prefix = true;
  }
  if (address.find(':') != std::string_view::npos) {
    net.v6 = true;
    if (!parse_v6(address, net.bytes.data())) return std::nullopt;
  } else if (!parse_v4(address, net.bytes.data())) {
    return std::nullopt;
  }
  if (!net.explicit_prefix) net.prefix = net.bits();
  if (net.prefix < 0 || net.prefix > net.bits()) return std::nullopt;
  return net;
}

bool IpNetwork::host_bits_set() const { return network().bytes != bytes; }

IpNetwork IpNetwork::network() const {
  IpNetwork out = *this;
  const int total_bytes = bits() / 8;
  for (int i = 0; i < total_bytes; ++i) {
    const int keep = prefix - i * 8;
    if (keep >= 8) continue;
    out.bytes[i] = static_cast<std::uint8_t>(keep <= 0 ? 0 : out.bytes[i] & (0xFF << (8 - keep)));
  }
  return out;
}

bool IpNetwork::contains(const IpNetwork& address) const {
  if (address.v6 != v6) return false;
  for (int i = 0; i < bits() / 8; ++i) {
    const int keep = prefix - i * 8;
    if (keep <= 0) break;
    const auto mask = static_cast<std::uint8_t>(keep >= 8 ? 0xFF : 0xFF << (8 - keep));
    if ((bytes[i] & mask) != (address.bytes[i] & mask)) return false;
  }
  return true;
}

std::string IpNetwork::to_string() const {
  std::string out;
  if (!v6) {
    out = fmt::format("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3]);
  } else {
    // RFC 5952: lower-case, leading zeros dropped, the longest run (>1) of zero groups as "::".
    std::uint16_t groups[8];
    for (int i = 0; i < 8; ++i) groups[i] = static_cast<std::uint16_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
    int best_start = -1, best_length = 1;
    for (int i = 0; i < 8;) {
      int j = i;
      while (j < 8 && groups[j] == 0) ++j;
      if (j - i > best_length) best_start = i, best_length = j - i;
      i = j == i ? i + 1 : j;
    }
    for (int i = 0; i < 8; ++i) {
      if (i == best_start) {
        out += "::";
        i += best_length - 1;
        continue;
      }
      if (!out.empty() && out.back() != ':') out += ':';
      out += fmt::format("{:x}", groups[i]);
    }
  }
  if (explicit_prefix) out += fmt::format("/{}", prefix);
  return out;
}

void IpRangeSet::add(const IpNetwork& network) {
  IpNetwork last = network.network();
  for (int bit = network.prefix; bit < network.bits(); ++bit) last.bytes[bit / 8] |= static_cast<std::uint8_t>(0x80 >> (bit % 8));
  intervals_[network.v6 ? 1 : 0].emplace_back(network.network().bytes, last.bytes);
}

void IpRangeSet::seal() {
  for (auto& intervals : intervals_) {
    std::sort(intervals.begin(), intervals.end());
    std::vector<std::pair<Bytes, Bytes>> merged;
    for (const auto& interval : intervals) {
      if (!merged.empty() && interval.first <= merged.back().second)
        merged.back().second = std::max(merged.back().second, interval.second);
      else
        merged.push_back(interval);
    }
    intervals = std::move(merged);
  }
}

bool IpRangeSet::contains(const IpNetwork& address) const {
  const auto& intervals = intervals_[address.v6 ? 1 : 0];
  const auto after = std::upper_bound(intervals.begin(), intervals.end(), address.bytes,
                                      [](const Bytes& bytes, const std::pair<Bytes, Bytes>& interval) { return bytes < interval.first; });
  return after != intervals.begin() && address.bytes <= std::prev(after)->second;
}

}  // namespace seslint
