#include "output/json_stream.hpp"

#include "output/plain_run.hpp"

namespace seslint::output {

std::string dump(const Json& value, std::size_t indent) {
  std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
  if (indent == 0) return text;
  const std::string newline = "\n" + std::string(indent, ' ');
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {  // strings hold no raw newline: dump escapes it
    if (c == '\n') out += newline;
    else out += c;
  }
  return out;
}

std::vector<std::string> cut_at(const Json& skeleton, const std::vector<std::string_view>& placeholders) {
  const std::string text = dump(skeleton);
  std::vector<std::string> pieces;
  std::size_t from = 0;
  for (const auto placeholder : placeholders) {
    const std::string quoted = "\"" + std::string(placeholder) + "\"";
    const auto at = text.find(quoted, from);
    pieces.push_back(text.substr(from, at - from));
    from = at == std::string::npos ? text.size() : at + quoted.size();
  }
  pieces.push_back(text.substr(from));
  return pieces;
}

void ArrayWriter::item(const Json& value) {
  out_ << (count_++ == 0 ? "[\n" : ",\n") << std::string(indent_ + 2, ' ') << dump(value, indent_ + 2);
}

void ArrayWriter::item_text(std::string_view text) {
  out_ << (count_++ == 0 ? "[\n" : ",\n") << std::string(indent_ + 2, ' ') << text;
}

bool append_json_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    // A run of bytes that need no escape and no UTF-8 check is copied in one piece: most text is one.
    const std::size_t plain = plain_run_end(text, i, json_plain_word, json_plain);
    if (plain != i) {
      out.append(text.substr(i, plain - i));
      i = plain;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {  // copy a valid UTF-8 sequence; anything else is dump's to replace
      const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      if (length == 0 || i + length > text.size()) return out.resize(start), false;
      for (std::size_t k = 1; k < length; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return out.resize(start), false;
      const auto second = static_cast<unsigned char>(text[i + 1]);
      if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second >= 0xA0) || (c == 0xF0 && second < 0x90) ||
          (c == 0xF4 && second >= 0x90) || c > 0xF4)
        return out.resize(start), false;  // overlong, surrogate or beyond U+10FFFF
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
  return true;
}

void ArrayWriter::close() {
  if (count_ == 0) out_ << "[]";
  else out_ << '\n' << std::string(indent_, ' ') << ']';
}

}  // namespace seslint::output
