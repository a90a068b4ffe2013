#pragma once
// A memo of answers that depend only on their key, cleared whole once it holds `bound` entries:
// inputs that repeat (policies repeat their values, keys and CIDR lists) are answered once, and an
// input with endless distinct values never grows memory past the bound. Used per thread
// (thread_local), so --jobs threads never wait for each other. A reference get() returns stays
// valid until the next get() that adds an entry.
#include <cstddef>
#include <utility>

namespace seslint {

template <typename Map>
class BoundedMemo {
 public:
  using Value = typename Map::mapped_type;

  explicit BoundedMemo(std::size_t bound) : bound_(bound) {}

  // The memoized answer for `key`, or compute()'s, remembered. `key` may be any type the map finds
  // by (a string_view in a map with a transparent hash or comparison).
  template <typename Key, typename Compute>
  const Value& get(Key&& key, Compute&& compute) {
    if (const auto it = map_.find(key); it != map_.end()) return it->second;
    if (map_.size() >= bound_) map_.clear();
    return map_.emplace(typename Map::key_type(std::forward<Key>(key)), std::forward<Compute>(compute)()).first->second;
  }

 private:
  Map map_;
  std::size_t bound_;
};

}  // namespace seslint
