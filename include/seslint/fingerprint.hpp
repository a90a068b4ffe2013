#pragma once
// Fingerprints that survive real edits (docs/configuration.md, "Fingerprints"): a finding is
// identified by its rule, its file's path relative to the repository root, the policy's logical
// name in its container, and its JSON pointer with array indexes replaced by what the item is, so
// that moving lines, and inserting, deleting or reordering other statements, change nothing.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "seslint/json.hpp"

namespace seslint {

// `pointer` (a pointer into the tree `root` belongs to, starting with root.pointer) with every
// array index below `root` replaced by a key for the item: "sid:<Sid>" for an object with a string
// Sid, "=<text>" for a string, otherwise "#<hash of the item's content, keys sorted>". Parts of the
// pointer that leave the tree are kept as they are. Relative to `root`.
std::string stable_pointer(const JsonValue& root, std::string_view pointer);

// stable_pointer for many findings of one tree: each item's key (a hash of its content, for an item
// without a Sid) is worked out once, not once per finding below it.
class StablePointers {
 public:
  explicit StablePointers(const JsonValue& root) : root_(root) {}
  std::string of(std::string_view pointer);

 private:
  const JsonValue& root_;
  std::unordered_map<const JsonValue*, std::string> item_keys_;
};

// 16 hex digits: FNV-1a (64 bit) of the parts, each followed by a separator. `rank` tells apart
// findings that agree on everything else (the n-th in source order).
std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view document,
                        std::string_view stable_pointer, std::size_t rank);

}  // namespace seslint
