// iam get-account-authorization-details, streamed. A whole-account export can be hundreds of
// megabytes; its DOM would be several times that. The top-level object is scanned byte by byte
// (tracking line and column) and each element of the four big arrays is cut out and parsed on its
// own, with its file position and JSON pointer, so memory holds one element at a time.
#include <array>
#include <fmt/format.h>

#include "inputs/container_support.hpp"

namespace seslint {
namespace {

constexpr std::array<std::string_view, 4> kListKeys = {"UserDetailList", "GroupDetailList", "RoleDetailList",
                                                       "Policies"};

// The constant naming `key` (it outlives the element), or empty.
std::string_view list_key_named(std::string_view key) {
  for (const auto list : kListKeys)
    if (key == list) return list;
  return {};
}

bool is_list_key(std::string_view key) { return !list_key_named(key).empty(); }

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Buffered reading with the position of the next byte; optionally copies what it reads.
class Scanner {
 public:
  explicit Scanner(std::istream& in) : in_(in), buffer_(1u << 20) {}

  int peek() {
    if (pos_ == size_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  int get() {
    const int c = peek();
    if (c < 0) return c;
    ++pos_;
    ++here_.offset;
    if (capture_ != nullptr) capture_->push_back(static_cast<char>(c));
    if (c == '\n' || c == '\r') {
      if (!(c == '\n' && after_cr_)) {
        ++here_.line;
        here_.column = 1;
      }
      after_cr_ = c == '\r';
      line_.clear();
      line_complete_ = true;
      return c;
    }
    after_cr_ = false;
    if (line_.size() < kMaxLinePrefix) {
      line_.push_back(static_cast<char>(c));
    } else {
      line_complete_ = false;
    }
    if ((c & 0xC0) != 0x80) ++here_.column;
    return c;
  }
  void skip_space() {
    while (is_space(peek())) get();
  }
  void skip_bom() {
    if (peek() != 0xEF) return;
    const std::string_view head(buffer_.data() + pos_, size_ - pos_);
    if (head.substr(0, 3) != "\xEF\xBB\xBF") return;
    pos_ += 3;
    here_.offset += 3;
  }
  Position here() const { return here_; }
  // The current line up to here; nullopt past kMaxLinePrefix (a one-line export would otherwise be
  // held whole).
  std::optional<std::string_view> line_so_far() const {
    return line_complete_ ? std::optional<std::string_view>(line_) : std::nullopt;
  }
  void capture_into(std::string* out) { capture_ = out; }

 private:
  bool fill() {
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    size_ = static_cast<std::size_t>(in_.gcount());
    pos_ = 0;
    return size_ > 0;
  }

  std::istream& in_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, size_ = 0;
  Position here_;
  bool after_cr_ = false;
  static constexpr std::size_t kMaxLinePrefix = 64 * 1024;
  std::string line_;  // the current line up to here, for excerpts of findings on an element's first line
  bool line_complete_ = true;
  std::string* capture_ = nullptr;
};

class Streamer {
 public:
  Streamer(std::istream& in, const std::function<void(StreamedElement)>& on_element)
      : scan_(in), on_element_(on_element) {}

  std::optional<ParseError> run() {
    scan_.skip_bom();
    scan_.skip_space();
    if (!expect('{', "at the start of the export")) return error_;
    scan_.skip_space();
    if (scan_.peek() == '}') return finish();
    while (true) {
      scan_.skip_space();
      std::string key;
      if (!read_key(key)) return error_;
      scan_.skip_space();
      if (!expect(':', "after a key")) return error_;
      scan_.skip_space();
      if (is_list_key(key) && scan_.peek() == '[') {
        if (!stream_array(key)) return error_;
      } else if (!skip_value()) {
        return error_;
      }
      scan_.skip_space();
      const int c = scan_.get();
      if (c == '}') return finish();
      if (c != ',') {
        fail("expected ',' or '}' after a member of the export");
        return error_;
      }
    }
  }

 private:
  std::optional<ParseError> finish() {
    scan_.skip_space();
    if (scan_.peek() >= 0) fail("unexpected text after the export's closing '}'");
    return error_;
  }

  bool fail(std::string message) {
    if (!error_) error_ = ParseError{std::move(message), scan_.here()};
    return false;
  }

  bool expect(char wanted, std::string_view context) {
    if (scan_.peek() == wanted) {
      scan_.get();
      return true;
    }
    return fail(scan_.peek() < 0 ? fmt::format("unexpected end of file {}", context)
                                 : fmt::format("expected '{}' {}", wanted, context));
  }

  // Top-level keys are plain ASCII names; escapes are kept as written (they only need to not match).
  bool read_key(std::string& key) {
    if (!expect('"', "to start a key")) return false;
    for (int c = scan_.get(); c != '"'; c = scan_.get()) {
      if (c < 0 || c == '\n') return fail("unterminated key");
      key.push_back(static_cast<char>(c));
      if (c == '\\') key.push_back(static_cast<char>(scan_.get()));
    }
    return true;
  }

  // Consumes one value without building it: strings with their escapes, brackets balanced, scalars
  // up to the next delimiter.
  bool skip_value() {
    std::size_t depth = 0;
    while (true) {
      const int c = scan_.peek();
      if (c < 0) return fail("unexpected end of file inside a value");
      if (c == '"') {
        scan_.get();
        for (int s = scan_.get(); s != '"'; s = scan_.get()) {
          if (s < 0) return fail("unexpected end of file inside a string");
          if (s == '\\') scan_.get();
        }
        if (depth == 0) return true;
      } else if (c == '{' || c == '[') {
        scan_.get();
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return true;  // the enclosing container's end: a scalar ended here
        scan_.get();
        if (--depth == 0) return true;
      } else if (depth == 0 && (c == ',' || is_space(c))) {
        return true;
      } else {
        scan_.get();
      }
    }
  }

  bool stream_array(const std::string& key) {
    scan_.get();  // '['
    scan_.skip_space();
    if (scan_.peek() == ']') {
      scan_.get();
      return true;
    }
    for (std::size_t index = 0;; ++index) {
      scan_.skip_space();
      if (!entry(key, index)) return false;
      scan_.skip_space();
      const int c = scan_.get();
      if (c == ']') return true;
      if (c != ',') return fail(fmt::format("expected ',' or ']' in {}", key));
    }
  }

  bool entry(const std::string& key, std::size_t index) {
    const Position start = scan_.here();
    const auto line = scan_.line_so_far();
    const std::optional<std::string> prefix = line ? std::optional<std::string>(*line) : std::nullopt;
    StreamedElement element{list_key_named(key), index, start, {}, prefix};
    scan_.capture_into(&element.text);
    const bool ok = skip_value();
    scan_.capture_into(nullptr);
    if (!ok) return false;
    on_element_(std::move(element));
    return true;
  }

  Scanner scan_;
  const std::function<void(StreamedElement)>& on_element_;
  std::optional<ParseError> error_;
};

}  // namespace

bool starts_like_authorization_details(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  auto skip = [&] {
    while (!head.empty() && is_space(head.front())) head.remove_prefix(1);
  };
  skip();
  if (head.empty() || head.front() != '{') return false;
  head.remove_prefix(1);
  skip();
  if (head.empty() || head.front() != '"') return false;
  const auto close = head.find('"', 1);
  if (close == std::string_view::npos || !is_list_key(head.substr(1, close - 1))) return false;
  head.remove_prefix(close + 1);
  skip();
  if (head.empty() || head.front() != ':') return false;
  head.remove_prefix(1);
  skip();
  return !head.empty() && head.front() == '[';
}

std::optional<ParseError> stream_authorization_elements(std::istream& in,
                                                        const std::function<void(StreamedElement)>& on_element) {
  return Streamer(in, on_element).run();
}

ParseResult parse_streamed_element(const StreamedElement& element, const ParseOptions& options) {
  ParseOptions at = options;
  at.origin = element.start;
  at.pointer_prefix = fmt::format("/{}/{}", element.list_key, element.index);
  return parse_json(element.text, at);
}

StreamedEntry StreamedElement::entry(const ParseResult& parsed) const {
  return StreamedEntry{list_key, parsed, SourceWindow{text, start.offset, false},
                       line_prefix ? std::optional<std::string_view>(*line_prefix) : std::nullopt};
}

std::optional<ParseError> stream_authorization_details(std::istream& in, const ParseOptions& options,
                                                       const std::function<void(const StreamedEntry&)>& on_entry) {
  return stream_authorization_elements(in, [&](StreamedElement element) {
    const ParseResult parsed = parse_streamed_element(element, options);
    on_entry(element.entry(parsed));
  });
}

Extraction extract_authorization_entry(const StreamedEntry& entry, const ExtractOptions& options) {
  Extraction out;
  if (!entry.parsed.root) return out;
  inputs::SiteSink sink(out, entry.window, options);
  inputs::read_authorization_entry(entry.list_key, *entry.parsed.root, sink);
  out.recognised = true;
  out.type = InputType::AwsCli;
  out.container = kAuthorizationDetails;
  return out;
}

}  // namespace seslint
