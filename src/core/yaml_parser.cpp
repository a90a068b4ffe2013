// YAML -> the same position-aware tree as JSON, through libyaml's event parser (it reports start
// and end marks for every node, which carets and SARIF regions need). Only the first document is
// read. CloudFormation short tags become their long form, so the intrinsic handling is shared.
#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <yaml.h>

#include "seslint/inputs.hpp"

namespace seslint {
namespace {

constexpr std::size_t kMaxAliasNodes = 100000;  // "billion laughs" guard

// libyaml marks count lines and characters from 0; positions count bytes and code points from 1.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    std::size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    starts_.push_back(start);
    for (std::size_t i = start; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (text[i] == '\n' || text[i] == '\r') starts_.push_back(i + 1);
    }
  }

  Position at(const yaml_mark_t& mark) const {
    // libyaml ends a last line without a newline on the line after it: that is the end of the text,
    // not the start of the last line (which made a final scalar end before it began).
    if (mark.line >= starts_.size()) return end();
    const std::size_t line = mark.line;
    std::size_t offset = starts_[line];
    for (std::size_t n = 0; n < mark.column && offset < text_.size(); ++n) {
      ++offset;
      while (offset < text_.size() && (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80) ++offset;
    }
    return {offset, static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(mark.column + 1)};
  }

  Position end() const {
    std::uint32_t columns = 0;
    for (std::size_t i = starts_.back(); i < text_.size(); ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++columns;
    return {text_.size(), static_cast<std::uint32_t>(starts_.size()), columns + 1};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

std::string long_form(std::string_view tag) {
  if (tag.size() < 2 || tag.front() != '!' || tag[1] == '!') return {};
  tag.remove_prefix(1);
  if (tag == "Ref" || tag == "Condition") return std::string(tag);
  return "Fn::" + std::string(tag);
}

bool is_number(std::string_view text) {
  std::size_t i = text.empty() || (text[0] != '-' && text[0] != '+') ? 0 : 1;
  const std::size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == digits_start) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    const std::size_t exp_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == exp_start) return false;
  }
  return i == text.size();
}

void type_plain_scalar(JsonValue& value) {
  const std::string& t = value.text;
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") {
    value.kind = JsonKind::Null;
  } else if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
    value.kind = JsonKind::Bool;
    value.boolean = t[0] == 't' || t[0] == 'T';
  } else if (is_number(t)) {
    value.kind = JsonKind::Number;
  }
}

class YamlReader {
 public:
  YamlReader(std::string_view source, const ParseOptions& options) : source_(source), lines_(source), options_(options) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(source.data()), source.size());
  }
  ~YamlReader() { yaml_parser_delete(&parser_); }
  YamlReader(const YamlReader&) = delete;
  YamlReader& operator=(const YamlReader&) = delete;

  ParseResult run() {
    result_.had_bom = source_.substr(0, 3) == "\xEF\xBB\xBF";
    bool done = false;
    while (!done && !result_.error) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser_, &event)) {
        // libyaml reports where it gave up; the context says what it was reading, and from where.
        const std::string context =
            parser_.context == nullptr
                ? std::string()
                : fmt::format(" {} at {}:{}", parser_.context, parser_.context_mark.line + 1, parser_.context_mark.column + 1);
        const std::size_t at = parser_.problem_mark.index;
        if (at < source_.size() && source_[at] == '\t')  // libyaml: "found character that cannot start any token"
          fail("YAML: tabs are not allowed for indentation; indent with spaces", parser_.problem_mark);
        fail(fmt::format("YAML: {}{}", parser_.problem ? parser_.problem : "syntax error", context), parser_.problem_mark);
        break;
      }
      done = handle(event);
      yaml_event_delete(&event);
    }
    if (!result_.error && !root_) fail("the file is empty: expected a YAML document", yaml_mark_t{});
    if (!result_.error) result_.root = std::move(root_);
    return std::move(result_);
  }

 private:
  struct Frame {
    JsonValue value;
    std::string tag;
    std::string anchor;
    bool have_key = false;
    std::string key;
    Span key_span;
  };

  void fail(std::string message, const yaml_mark_t& mark) {
    if (!result_.error) result_.error = ParseError{std::move(message), lines_.at(mark)};
  }

  std::string next_pointer() const {
    if (stack_.empty()) return options_.pointer_prefix;
    std::string pointer = stack_.back().value.pointer.str();
    if (stack_.back().value.is_object()) {
      append_pointer_token(pointer, stack_.back().key);
    } else {
      pointer += '/';
      pointer += std::to_string(stack_.back().value.items.size());
    }
    return pointer;
  }

  static const char* text_of(const yaml_char_t* s) { return s == nullptr ? "" : reinterpret_cast<const char*>(s); }

  // Returns true when the first document is complete.
  bool handle(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_SCALAR_EVENT: return scalar(event);
      case YAML_SEQUENCE_START_EVENT:
        return open(JsonKind::Array, event, text_of(event.data.sequence_start.tag), text_of(event.data.sequence_start.anchor));
      case YAML_MAPPING_START_EVENT:
        return open(JsonKind::Object, event, text_of(event.data.mapping_start.tag), text_of(event.data.mapping_start.anchor));
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: return close(event);
      case YAML_ALIAS_EVENT: return alias(event);
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT: return true;
      default: return false;
    }
  }

  bool open(JsonKind kind, const yaml_event_t& event, std::string tag, std::string anchor) {
    if (stack_.size() >= options_.max_depth) {
      fail(fmt::format("nesting deeper than {} levels", options_.max_depth), event.start_mark);
      return true;
    }
    if (is_key_position()) {
      fail("YAML: a mapping key must be a scalar here", event.start_mark);
      return true;
    }
    Frame frame;
    frame.value.kind = kind;
    frame.value.span.begin = lines_.at(event.start_mark);
    frame.value.pointer = texts_.store(next_pointer());
    frame.tag = std::move(tag);
    frame.anchor = std::move(anchor);
    stack_.push_back(std::move(frame));
    return false;
  }

  bool close(const yaml_event_t& event) {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    frame.value.span.end = lines_.at(event.end_mark);
    return attach(tagged(std::move(frame.value), frame.tag), frame.anchor);
  }

  bool is_key_position() const { return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().have_key; }

  bool scalar(const yaml_event_t& event) {
    const auto& data = event.data.scalar;
    JsonValue value;
    value.kind = JsonKind::String;
    value.text = texts_.store(std::string_view(reinterpret_cast<const char*>(data.value), data.length));
    value.span = {lines_.at(event.start_mark), lines_.at(event.end_mark)};
    if (is_key_position()) {
      Frame& top = stack_.back();
      top.have_key = true;
      top.key = std::move(value.text);
      top.key_span = value.span;
      return false;
    }
    value.pointer = texts_.store(next_pointer());
    const std::string tag = text_of(data.tag);
    if (data.style == YAML_PLAIN_SCALAR_STYLE && tag.empty()) type_plain_scalar(value);
    return attach(tagged(std::move(value), tag), text_of(data.anchor));
  }

  bool alias(const yaml_event_t& event) {
    const auto found = anchors_.find(text_of(event.data.alias.anchor));
    if (found == anchors_.end()) {
      const std::string_view name = text_of(event.data.alias.anchor);
      const bool enclosing = std::any_of(stack_.begin(), stack_.end(), [&](const Frame& f) { return f.anchor == name; });
      fail(enclosing ? fmt::format("YAML: alias *{} refers to a node that contains it", name)
                     : fmt::format("YAML: unknown alias *{}", name),
           event.start_mark);
      return true;
    }
    alias_nodes_ += count_nodes(found->second);
    if (alias_nodes_ > kMaxAliasNodes) {
      fail("YAML: aliases expand to too many nodes", event.start_mark);
      return true;
    }
    if (is_key_position()) {
      fail("YAML: an alias as a mapping key is not supported", event.start_mark);
      return true;
    }
    // The copy lives at the alias: its pointers say so; its text (spans) is where the anchor wrote it.
    JsonValue copy = found->second;
    repoint(copy, copy.pointer.size(), next_pointer());
    return attach(std::move(copy), "");
  }

  void repoint(JsonValue& value, std::size_t old_prefix, const std::string& prefix) {
    value.pointer = texts_.store(prefix + std::string(value.pointer.substr(old_prefix)));
    for (auto& item : value.items) repoint(item, old_prefix, prefix);
    for (auto& member : value.members) repoint(member.value, old_prefix, prefix);
  }

  static std::size_t count_nodes(const JsonValue& value) {
    std::size_t count = 1;
    for (const auto& item : value.items) count += count_nodes(item);
    for (const auto& member : value.members) count += count_nodes(member.value);
    return count;
  }

  // "!Sub x" -> {"Fn::Sub": x}
  static JsonValue tagged(JsonValue value, const std::string& tag) {
    const std::string name = long_form(tag);
    if (name.empty()) return value;
    JsonValue wrapper;
    wrapper.kind = JsonKind::Object;
    wrapper.span = value.span;
    wrapper.pointer = value.pointer;
    wrapper.members.push_back({name, value.span, std::move(value)});
    return wrapper;
  }

  bool attach(JsonValue value, const std::string& anchor) {
    if (!anchor.empty()) anchors_[anchor] = value;
    if (stack_.empty()) {
      root_ = std::move(value);
      return false;
    }
    Frame& top = stack_.back();
    if (top.value.is_array()) {
      top.value.items.push_back(std::move(value));
      return false;
    }
    for (const auto& member : top.value.members)
      if (member.key == top.key) {
        result_.duplicates.push_back(DuplicateKey{top.key, top.key_span, member.key_span, top.value.pointer.str()});
        break;
      }
    top.value.members.push_back({std::move(top.key), top.key_span, std::move(value)});
    top.key.clear();
    top.have_key = false;
    return false;
  }

  std::string_view source_;
  LineIndex lines_;
  ParseOptions options_;
  yaml_parser_t parser_;
  ParseResult result_;
  std::vector<Frame> stack_;
  TextBlocks texts_;  // this document's scalars and pointers
  std::optional<JsonValue> root_;
  std::map<std::string, JsonValue> anchors_;
  std::size_t alias_nodes_ = 0;
};

}  // namespace

ParseResult parse_yaml(std::string_view source, const ParseOptions& options) {
  return YamlReader(source, options).run();
}

}  // namespace seslint
