// A policy held as a JSON string inside another JSON document (SES identity policies, Terraform
// attributes): parse the decoded text, then move every position back onto the file. A JSON string
// never spans lines, so each decoded byte maps to one byte offset and one column of the string's line.
#include <cstdint>
#include <vector>

#include "seslint/inputs.hpp"
#include "seslint/text_match.hpp"

namespace seslint {
namespace {

struct RawPlace {
  std::uint32_t byte = 0;    // from the opening quote
  std::uint32_t column = 0;  // code points from the opening quote
};

std::uint32_t hex4(std::string_view raw, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4 && at + i < raw.size(); ++i) value = value << 4 | static_cast<std::uint32_t>(std::max(0, hex_digit(raw[at + i])));
  return value;
}

std::size_t utf8_length(std::uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// For each decoded byte (and one past the end), where it was written in the raw string token.
// Empty when the token does not decode to `decoded` (then positions fall back to the token start).
std::vector<RawPlace> map_decoded_bytes(std::string_view raw, std::string_view decoded) {
  std::vector<RawPlace> places;
  places.reserve(decoded.size() + 1);
  if (raw.size() < 2 || raw.front() != '"') return {};
  std::size_t i = 1;
  std::uint32_t column = 1;
  while (i < raw.size() && raw[i] != '"') {
    const RawPlace here{static_cast<std::uint32_t>(i), column};
    std::size_t raw_length = 1, decoded_length = 1;
    const auto byte = static_cast<unsigned char>(raw[i]);
    if (byte == '\\' && i + 1 < raw.size()) {
      raw_length = 2;
      if (raw[i + 1] == 'u') {
        std::uint32_t cp = hex4(raw, i + 2);
        raw_length = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF && raw.substr(i + 6, 2) == "\\u") {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(raw, i + 8) - 0xDC00);
          raw_length = 12;
        }
        decoded_length = utf8_length(cp);
      }
    } else if (byte >= 0x80) {
      raw_length = decoded_length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    }
    for (std::size_t k = 0; k < decoded_length; ++k) places.push_back(here);
    i += raw_length;
    column += static_cast<std::uint32_t>(raw_length == decoded_length ? 1 : raw_length);
  }
  if (places.size() != decoded.size()) return {};
  places.push_back({static_cast<std::uint32_t>(i), column});
  return places;
}

class Remapper {
 public:
  Remapper(Position token_start, std::vector<RawPlace> places) : start_(token_start), places_(std::move(places)) {}

  Position operator()(const Position& inner) const {
    if (places_.empty()) return start_;
    const RawPlace& place = places_[std::min(inner.offset, places_.size() - 1)];
    return {start_.offset + place.byte, start_.line, start_.column + place.column};
  }
  Span operator()(const Span& inner) const { return {(*this)(inner.begin), (*this)(inner.end)}; }

  void tree(JsonValue& value) const {
    value.span = (*this)(value.span);
    for (auto& item : value.items) tree(item);
    for (auto& member : value.members) {
      member.key_span = (*this)(member.key_span);
      tree(member.value);
    }
  }

 private:
  Position start_;
  std::vector<RawPlace> places_;
};

}  // namespace

ParseResult parse_embedded_json(const JsonValue& string_value, const SourceWindow& source, const ParseOptions& options) {
  const Span& token = string_value.span;
  std::vector<RawPlace> places;
  if (!source.yaml && token.begin.offset >= source.base && token.end.offset <= source.base + source.text.size())
    places = map_decoded_bytes(source.text.substr(token.begin.offset - source.base, token.end.offset - token.begin.offset),
                               string_value.text);
  ParseOptions inner = options;
  inner.origin = Position{};
  inner.pointer_prefix = string_value.pointer;
  ParseResult result = parse_json(string_value.text, inner);
  const Remapper remap(token.begin, std::move(places));
  if (result.root) remap.tree(*result.root);
  if (result.error) result.error->where = remap(result.error->where);
  for (auto& duplicate : result.duplicates) {
    duplicate.key_span = remap(duplicate.key_span);
    duplicate.first_key_span = remap(duplicate.first_key_span);
  }
  return result;
}

}  // namespace seslint
