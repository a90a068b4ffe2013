#include "seslint/progress.hpp"

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace seslint {

bool progress_wanted(bool stderr_is_terminal, bool quiet, const char* ci_variable) {
  const std::string_view ci = ci_variable == nullptr ? std::string_view() : ci_variable;
  return stderr_is_terminal && !quiet && (ci.empty() || ci == "false" || ci == "0");
}

ProgressLine::ProgressLine(std::ostream& out, bool enabled, Clock::time_point start)
    : out_(out), enabled_(enabled), start_(start) {}

bool ProgressLine::due(Clock::time_point now) const {
  using std::chrono::milliseconds;
  const bool drawn_lately = last_ != Clock::time_point{} && now - last_ < milliseconds(100);  // even if cleared since
  return enabled_ && now - start_ >= milliseconds(1000) && !drawn_lately;
}

void ProgressLine::update(std::size_t done, std::size_t total, Clock::time_point now) {
  if (due(now)) draw(fmt::format("seslint: {}/{} files", done, total), now);
}

void ProgressLine::update_bytes(std::size_t done, std::size_t total, std::uint64_t read, std::uint64_t size,
                                Clock::time_point now) {
  if (!due(now)) return;
  const auto megabytes = [](std::uint64_t bytes) { return static_cast<double>(bytes) / 1e6; };
  draw(size == 0 ? fmt::format("seslint: {}/{} files, {:.0f} MB", done, total, megabytes(read))
                 : fmt::format("seslint: {}/{} files, {:.0f}/{:.0f} MB", done, total, megabytes(read), megabytes(size)),
       now);
}

void ProgressLine::draw(const std::string& line, Clock::time_point now) {
  last_ = now;
  out_ << '\r' << line;
  if (line.size() < width_) out_ << std::string(width_ - line.size(), ' ') << '\r' << line;
  out_.flush();
  width_ = line.size();
}

void ProgressLine::clear() {
  if (width_ == 0) return;
  out_ << '\r' << std::string(width_, ' ') << '\r';
  out_.flush();
  width_ = 0;
}

}  // namespace seslint
