#include "seslint/json.hpp"

namespace seslint {

SharedText::SharedText(std::string_view text) {
  if (text.empty()) return;
  auto copy = std::make_shared<std::string>(text);
  static_cast<std::string_view&>(*this) = *copy;
  block_ = std::move(copy);
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
  for (char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer += c;
  }
}

bool pointer_within(std::string_view pointer, std::string_view root) {
  return pointer.substr(0, root.size()) == root && (pointer.size() == root.size() || pointer[root.size()] == '/');
}

}  // namespace seslint
