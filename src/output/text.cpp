// path:line:col: level: message [ID], then the source line and a caret underline; a summary.
#include <algorithm>

#include <fmt/format.h>

#include "output/plain_run.hpp"
#include "seslint/output.hpp"
#include "seslint/source_text.hpp"

namespace seslint {
namespace {

struct Style {
  bool on;
  std::string_view wrap(std::string_view code) const { return on ? code : std::string_view(); }
  std::string_view reset() const { return on ? "\x1b[0m" : ""; }
};

std::string_view level_color(Level level) {
  switch (level) {
    case Level::Error: return "\x1b[1;31m";
    case Level::Warning: return "\x1b[1;33m";
    case Level::Note: return "\x1b[1;36m";
  }
  return "";
}

bool is_control(unsigned char c) { return !output::terminal_plain(c); }

using Buffer = fmt::memory_buffer;

void append(Buffer& out, std::string_view text) { out.append(text.data(), text.data() + text.size()); }

// Text from the input, safe for a terminal: control characters (ESC, BEL, ...) shown as \xNN, so
// a policy cannot set the title or clear the screen when a finding is printed. Appended in runs:
// most messages and source lines hold no control character.
void append_printable(Buffer& out, std::string_view text) {
  const auto next_control = [&](std::size_t from) {
    return output::plain_run_end(text, from, output::terminal_plain_word, output::terminal_plain);
  };
  std::size_t run = 0;
  for (std::size_t i = next_control(run); i < text.size(); i = next_control(run)) {
    append(out, text.substr(run, i - run));
    fmt::format_to(fmt::appender(out), "\\x{:02x}", static_cast<unsigned char>(text[i]));
    run = i + 1;
  }
  append(out, text.substr(run));
}

std::string printable(std::string_view text) {
  Buffer out;
  append_printable(out, text);
  return fmt::to_string(out);
}

// The underline: spaces (tabs kept, so it lines up) to the start column, then carets to the end
// column, or to the end of the line when the span runs past it.
void append_underline(Buffer& out, std::string_view line, const Span& span) {
  std::uint32_t column = 1;
  std::size_t i = 0;
  for (; i < line.size() && column < span.begin.column; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (is_control(c))
      append(out, "    ");  // printed as \xNN
    else
      out.push_back(c == '\t' ? '\t' : ' ');
    ++column;
  }
  std::uint32_t last = span.end.line == span.begin.line ? span.end.column : UINT32_MAX;
  std::size_t carets = 0;
  for (; i < line.size() && column < last; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    ++column;
    carets += is_control(static_cast<unsigned char>(line[i])) ? 4 : 1;
  }
  for (std::size_t n = std::max<std::size_t>(carets, 1); n > 0; --n) out.push_back('^');
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A long line (a minified policy) is shown as a window around the span with an ellipsis on each
// cut side, so the text grows with the findings, not with the line length times the findings.
constexpr std::size_t kLongLine = 240, kBefore = 60, kAfter = 160;

struct Excerpt {
  std::string_view line;  // shown as is when `cut` is empty (the common case: no copy)
  std::string cut;        // the window with its ellipses, for a long line
  Span shifted;           // columns relative to text()
  std::string_view text() const { return cut.empty() ? line : std::string_view(cut); }
};

// Where a column begins in a line: the first byte of that column (the line's size when the line is
// shorter) and the column reached there. Findings come in source order, so a finding on the line of
// the one before goes on from where that one stopped: a long minified line is walked once, not
// once per finding.
class ColumnCursor {
 public:
  struct Place {
    std::size_t byte;
    std::uint32_t column;  // 1 + the columns before `byte`
  };
  Place find(std::string_view line, std::uint32_t column) {
    if (line.data() != line_.data() || line.size() != line_.size() || column < place_.column) {
      line_ = line;
      place_ = {0, 1};
    }
    for (; place_.byte < line_.size(); ++place_.byte) {
      if (continuation(line_[place_.byte])) continue;
      if (place_.column == column) break;
      ++place_.column;
    }
    return place_;
  }

 private:
  std::string_view line_;
  Place place_{0, 1};
};

Excerpt excerpt(std::string_view line, const Finding& finding, ColumnCursor& cursor) {
  if (line.size() <= kLongLine) return {line, {}, finding.span};
  const ColumnCursor::Place begin = cursor.find(line, finding.span.begin.column);
  const std::size_t start = begin.byte;  // the byte where the span's first column begins
  std::size_t from = start > kBefore ? start - kBefore : 0;
  while (from < start && continuation(line[from])) ++from;
  std::size_t to = std::min(line.size(), start + kAfter);
  while (to < line.size() && continuation(line[to])) ++to;
  // The columns before `from`: those before `start` less those between the two.
  const auto between = static_cast<std::uint32_t>(std::count_if(
      line.begin() + static_cast<std::ptrdiff_t>(from), line.begin() + static_cast<std::ptrdiff_t>(start),
      [](char c) { return !continuation(c); }));
  const std::uint32_t skipped = begin.column - 1 - between;
  const std::uint32_t shift = from > 0 ? 1 : 0;  // the leading ellipsis is one column
  Excerpt out{line, fmt::format("{}{}{}", from > 0 ? "…" : "", line.substr(from, to - from), to < line.size() ? "…" : ""),
              finding.span};
  out.shifted.begin.column = finding.span.begin.column - skipped + shift;
  if (finding.span.end.line == finding.span.begin.line)
    out.shifted.end.column = finding.span.end.column > skipped ? finding.span.end.column - skipped + shift : 1;
  return out;
}

// The source line holding an offset, kept for the findings after it on the same line (they come in
// source order): finding a line scans it, and a minified policy is one line of many findings.
class LineCursor {
 public:
  SourceLine find(std::string_view source, std::size_t offset) {
    const bool same = source.data() == source_.data() && source.size() == source_.size();
    if (!same || offset < line_.start || offset > line_.start + line_.text.size()) {
      source_ = source;
      line_ = line_at(source, offset);
    }
    return line_;
  }

 private:
  std::string_view source_;
  SourceLine line_;
};

std::string plural(std::size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// " (3 baselined, 1 suppressed)" or empty.
std::string accepted_counts(std::size_t baselined, std::size_t suppressed) {
  if (baselined == 0 && suppressed == 0) return {};
  if (suppressed == 0) return fmt::format(" ({} baselined)", baselined);
  if (baselined == 0) return fmt::format(" ({} suppressed)", suppressed);
  return fmt::format(" ({} baselined, {} suppressed)", baselined, suppressed);
}

}  // namespace

std::string terminal_safe(std::string_view text) { return printable(text); }

namespace {

class TextWriter final : public ReportWriter {
 public:
  TextWriter(std::ostream& out, const TextOptions& options) : out_(out), options_(options), style_{options.color} {}

  void file(const FileResult& part, bool last) override {
    // The cursors remember places in this part's text only: another part's may reuse its memory.
    line_cursor_ = {};
    column_cursor_ = {};
    for (const auto& finding : part.findings)
      if (finding.suppression) ++(finding.suppression->by == SuppressedBy::Baseline ? baselined_ : suppressed_);
    if (part.io_error.empty() && !part.skipped) {
      for (const auto& finding : part.findings) {
        if (finding.suppression) continue;  // counted in the summary; JSON and SARIF list them
        ++counts_[static_cast<int>(finding.level)];
        has_findings_ = true;
        write_finding(part, finding);
      }
    }
    if (!last) return;
    if (part.skipped && part.io_error.empty()) ++files_skipped_;
    if (!part.skipped && part.io_error.empty()) {
      ++files_linted_;
      if (has_findings_) ++files_with_findings_;
    }
    has_findings_ = false;
  }

  void end(const RunEnd&) override {
    if (!options_.summary) return;
    const std::size_t total = counts_[0] + counts_[1] + counts_[2];
    const std::string skipped = files_skipped_ == 0 ? std::string()
                                : fmt::format(" ({} skipped: not policies)", plural(files_skipped_, "file"));
    const std::string accepted = accepted_counts(baselined_, suppressed_);
    if (total == 0) {
      out_ << fmt::format("no findings in {}{}{}\n", plural(files_linted_, "file"), accepted, skipped);
      return;
    }
    out_ << fmt::format("{} ({} {}, {} {}, {} {}) in {} of {}{}\n", plural(total, "finding"), counts_[2],
                        counts_[2] == 1 ? "error" : "errors", counts_[1], counts_[1] == 1 ? "warning" : "warnings",
                        counts_[0], counts_[0] == 1 ? "note" : "notes", files_with_findings_,
                        plural(files_linted_, "file"), accepted);
    if (!skipped.empty()) out_ << fmt::format("{}\n", skipped.substr(1));
  }

 private:
  // Formatted into one reused buffer and written at once: no string per part of a finding.
  void write_finding(const FileResult& file, const Finding& finding) {
    const Style& style = style_;
    Buffer& out = buffer_;
    out.clear();
    fmt::format_to(fmt::appender(out), "{}{}:{}:{}:{} {}{}:{} ", style.wrap("\x1b[1m"), file.path, finding.span.begin.line,
                   finding.span.begin.column, style.reset(), style.wrap(level_color(finding.level)),
                   to_string(finding.level), style.reset());
    append_printable(out, finding.message);
    if (options_.concise && !finding.document.empty()) {
      append(out, " (in ");
      append_printable(out, finding.document);
      append(out, ")");
    }
    fmt::format_to(fmt::appender(out), " {}[{}]{}\n", style.wrap("\x1b[2m"), finding.rule_id, style.reset());
    if (!options_.concise) write_details(file, finding);
    out_.write(out.data(), static_cast<std::streamsize>(out.size()));
  }

  // The document, the source line with its underline, and the help, after the finding's first line.
  void write_details(const FileResult& file, const Finding& finding) {
    const Style& style = style_;
    Buffer& out = buffer_;
    if (!finding.document.empty()) {
      fmt::format_to(fmt::appender(out), "  {}in:{} ", style.wrap("\x1b[1m"), style.reset());
      append_printable(out, finding.document);
      append(out, "\n");
    }
    std::string_view line_text;
    bool have_line = false;
    if (!file.source.empty()) {
      line_text = line_cursor_.find(file.source, finding.span.begin.offset).text;
      have_line = true;
    } else if (const auto kept = file.lines.find(finding.span.begin.line); kept != file.lines.end()) {
      line_text = kept->second;
      have_line = true;
    }
    if (have_line) {
      const Excerpt shown = excerpt(line_text, finding, column_cursor_);
      append(out, "  ");
      append_printable(out, shown.text());
      append(out, "\n  ");
      append(out, style.wrap(level_color(finding.level)));
      append_underline(out, shown.text(), shown.shifted);
      append(out, style.reset());
      append(out, "\n");
    }
    if (!finding.help.empty()) {
      fmt::format_to(fmt::appender(out), "  {}help:{} ", style.wrap("\x1b[1;32m"), style.reset());
      append_printable(out, finding.help);
      append(out, "\n");
    }
  }

  std::ostream& out_;
  TextOptions options_;
  Style style_;
  std::size_t counts_[3] = {0, 0, 0};
  std::size_t files_with_findings_ = 0, files_linted_ = 0, files_skipped_ = 0;
  std::size_t baselined_ = 0, suppressed_ = 0;
  bool has_findings_ = false;  // the current file has a finding shown
  Buffer buffer_;              // one finding's text (write_finding)
  LineCursor line_cursor_;
  ColumnCursor column_cursor_;
};

}  // namespace

std::unique_ptr<ReportWriter> text_writer(std::ostream& out, const TextOptions& options) {
  return std::make_unique<TextWriter>(out, options);
}

void write_text(std::ostream& out, const LintReport& report, const TextOptions& options) {
  write_report(*text_writer(out, options), report);
}

}  // namespace seslint
