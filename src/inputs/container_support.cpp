#include "inputs/container_support.hpp"
#include "seslint/text_match.hpp"

namespace seslint::inputs {
namespace {

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

bool url_encoded_json(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && (text.substr(start, 3) == "%7B" || text.substr(start, 3) == "%7b");
}

}  // namespace

const JsonValue* field(const JsonValue& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const JsonMember* member = object.find(key);
  return member == nullptr ? nullptr : &member->value;
}

std::string_view text_field(const JsonValue& object, std::string_view key) {
  const JsonValue* value = field(object, key);
  return value != nullptr && value->is_string() ? std::string_view(value->text) : std::string_view();
}

void set_quota(PolicyOrigin& origin, const InlineQuota& quota) {
  origin.size_limit = quota.characters;
  origin.size_limit_what = std::string(quota.what);
}

void SiteSink::add(const JsonValue& value, PolicyOrigin origin) {
  if (value.is_object()) {
    out_.policies.push_back({&value, nullptr, {}, std::move(origin)});
    return;
  }
  if (!value.is_string()) return;
  const JsonValue* text = &value;
  SourceWindow window = source_;
  if (url_encoded_json(value.text)) {  // positions inside cannot follow %-escapes: they go to the string's start
    JsonValue& decoded = out_.rewritten.emplace_back(value);
    decoded.text = url_decode(value.text);
    text = &decoded;
    window = SourceWindow{{}, 0, true};
  }
  const ParseResult& parsed = out_.embedded.emplace_back(parse_embedded_json(*text, window, options_.parse));
  out_.policies.push_back({parsed.root ? &*parsed.root : nullptr, &parsed, text->text, std::move(origin)});
}

}  // namespace seslint::inputs
