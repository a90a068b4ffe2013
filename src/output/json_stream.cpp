#include "output/json_stream.hpp"

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

void ArrayWriter::close() {
  if (count_ == 0) out_ << "[]";
  else out_ << '\n' << std::string(indent_, ' ') << ']';
}

}  // namespace seslint::output
