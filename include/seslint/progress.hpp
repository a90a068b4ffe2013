#pragma once
// A progress line on standard error for long runs: "seslint: 812/1594 files", or within a large
// streamed export "seslint: 0/1 files, 212/500 MB", redrawn in place and cleared at the end. Shown only on a terminal, not with -q, not in CI, and only once a run has
// taken more than a second (a pre-commit run on a few files never flashes it).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

namespace seslint {

// Whether a run may show progress: stderr is a terminal, no -q, and no CI variable set (any value
// but empty or "false", as CI systems set CI=true or CI=1).
bool progress_wanted(bool stderr_is_terminal, bool quiet, const char* ci_variable);

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  ProgressLine(std::ostream& out, bool enabled, Clock::time_point start = Clock::now());
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  // `done` of `total` files; drawn at most ten times a second, from a second after the start.
  void update(std::size_t done, std::size_t total, Clock::time_point now = Clock::now());
  // While file `done` (of `total`) is a streamed export: `read` of its `size` bytes (0: unknown).
  void update_bytes(std::size_t done, std::size_t total, std::uint64_t read, std::uint64_t size,
                    Clock::time_point now = Clock::now());
  // Erases the line, if one was drawn.
  void clear();

 private:
  void draw(const std::string& line, Clock::time_point now);
  bool due(Clock::time_point now) const;
  std::ostream& out_;
  bool enabled_;
  Clock::time_point start_;
  Clock::time_point last_{};
  std::size_t width_ = 0;  // of the line drawn; 0: none
};

}  // namespace seslint
