#include "seslint/fingerprint.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace seslint {
namespace {

// FNV-1a, 64 bit: stable across platforms and releases, which is all a fingerprint needs.
class Fnv {
 public:
  void bytes(std::string_view part) {
    for (unsigned char c : part) byte(c);
  }
  void part(std::string_view text) {
    bytes(text);
    byte(0xFF);  // separator, so ("ab","c") differs from ("a","bc")
  }
  std::uint64_t value() const { return hash_; }

 private:
  void byte(unsigned char c) {
    hash_ ^= c;
    hash_ *= 0x100000001b3ULL;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Content in a canonical order (object keys sorted), so the hash ignores layout and key order.
void hash_content(const JsonValue& value, Fnv& hash) {
  hash.part(to_string(value.kind));
  switch (value.kind) {
    case JsonKind::Null: return;
    case JsonKind::Bool: return hash.part(value.boolean ? "true" : "false");
    case JsonKind::Number:
    case JsonKind::String: return hash.part(value.text);
    case JsonKind::Array:
      for (const auto& item : value.items) hash_content(item, hash);
      return hash.part("]");
    case JsonKind::Object: {
      std::vector<const JsonMember*> members;
      for (const auto& member : value.members) members.push_back(&member);
      std::stable_sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key < b->key; });
      for (const auto* member : members) {
        hash.part(member->key);
        hash_content(member->value, hash);
      }
      return hash.part("}");
    }
  }
}

std::string item_key(const JsonValue& item) {
  if (item.is_object())
    if (const JsonMember* sid = item.find("Sid"); sid != nullptr && sid->value.is_string() && !sid->value.text.empty())
      return "sid:" + sid->value.text.str();
  if (item.is_string()) return "=" + item.text.str();
  Fnv hash;
  hash_content(item, hash);
  return fmt::format("#{:016x}", hash.value());
}

std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::optional<std::size_t> array_index(std::string_view token) {
  if (token.empty() || token.size() > 9 || !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return static_cast<std::size_t>(std::stoul(std::string(token)));
}

// The walk of stable_pointer; `key_of` gives an array item's key.
template <typename KeyOf>
std::string stable_pointer_with(const JsonValue& root, std::string_view pointer, KeyOf&& key_of) {
  if (!pointer.starts_with(root.pointer)) return std::string(pointer);
  std::string_view rest = pointer.substr(root.pointer.size());
  std::string out;
  const JsonValue* node = &root;
  while (!rest.empty() && rest.front() == '/') {
    rest.remove_prefix(1);
    const auto slash = rest.find('/');
    const std::string_view token = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    const JsonValue* next = nullptr;
    if (node != nullptr && node->is_array()) {
      if (const auto index = array_index(token); index && *index < node->items.size()) next = &node->items[*index];
    } else if (node != nullptr && node->is_object()) {
      if (const JsonMember* member = node->find(unescape_token(token))) next = &member->value;
    }
    if (next != nullptr && node->is_array()) {
      append_pointer_token(out, key_of(*next));
    } else {
      out.append("/").append(token);
    }
    node = next;
  }
  out.append(rest);
  return out;
}

}  // namespace

std::string stable_pointer(const JsonValue& root, std::string_view pointer) {
  return stable_pointer_with(root, pointer, item_key);
}

std::string StablePointers::of(std::string_view pointer) {
  return stable_pointer_with(root_, pointer, [&](const JsonValue& item) -> const std::string& {
    auto [it, added] = item_keys_.try_emplace(&item);
    if (added) it->second = item_key(item);
    return it->second;
  });
}

std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view document,
                        std::string_view stable, std::size_t rank) {
  Fnv hash;
  hash.part(rule_id);
  hash.part(path);
  hash.part(document);
  hash.part(stable);
  hash.part(std::to_string(rank));
  // Sixteen lower-case hex digits, as "{:016x}" would print them, without parsing a format string.
  std::string out(16, '0');
  std::uint64_t value = hash.value();
  for (std::size_t i = out.size(); i-- > 0; value >>= 4) out[i] = "0123456789abcdef"[value & 0xF];
  return out;
}

}  // namespace seslint
