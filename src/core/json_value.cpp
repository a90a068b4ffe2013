#include "seslint/json.hpp"

#include <algorithm>

namespace seslint {

SharedText::SharedText(std::string_view text) {
  if (text.empty()) return;
  auto copy = std::make_shared<std::string>(text);
  static_cast<std::string_view&>(*this) = *copy;
  block_ = std::move(copy);
}

SharedText TextBlocks::store(std::string_view text) {
  if (text.empty()) return {};
  if (used_ + text.size() > size_) {
    constexpr std::size_t kFirstBlock = 512, kLargestBlock = 16 * 1024;
    size_ = std::max(std::clamp(2 * size_, kFirstBlock, kLargestBlock), text.size());
    block_.reset(new char[size_]);
    used_ = 0;
  }
  char* const at = block_.get() + used_;
  std::copy(text.begin(), text.end(), at);
  used_ += text.size();
  return SharedText(block_, std::string_view(at, text.size()));
}

std::string_view to_string(JsonKind kind) {
  switch (kind) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return "boolean";
    case JsonKind::Number: return "number";
    case JsonKind::String: return "string";
    case JsonKind::Array: return "array";
    case JsonKind::Object: return "object";
  }
  return "value";
}

const JsonMember* JsonValue::find(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it)
    if (it->key == key) return &*it;
  return nullptr;
}

Span JsonValue::opening() const {
  Span first{span.begin, span.begin};
  ++first.end.offset;
  ++first.end.column;
  return first;
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  // Runs without '~' or '/' (every key of a policy) are appended whole, not a character at a time;
  // a plain loop finds them (find_first_of would call memchr once per character).
  std::size_t run = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~' && token[i] != '/') continue;
    pointer.append(token.substr(run, i - run)).append(token[i] == '~' ? "~0" : "~1");
    run = i + 1;
  }
  pointer.append(token.substr(run));
}

bool pointer_within(std::string_view pointer, std::string_view root) {
  return pointer.substr(0, root.size()) == root && (pointer.size() == root.size() || pointer[root.size()] == '/');
}

}  // namespace seslint
