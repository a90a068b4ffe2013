#pragma once
// One fuzz input may take at most a second of CPU (pre-commit hooks must not hang). libFuzzer's own
// -timeout counts wall time, which a loaded machine stretches, and every restart after a false alarm
// replays all seeds; so the entry points measure the CPU the input took themselves and abort past
// the limit (libFuzzer then saves the input as a crash), while scripts/fuzz keeps -timeout as a
// generous wall-clock guard against hangs only.
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace seslint::fuzz {

class CpuLimit {
 public:
  static constexpr double kSeconds = 1.0;
  CpuLimit() : start_(now()) {}
  CpuLimit(const CpuLimit&) = delete;
  CpuLimit& operator=(const CpuLimit&) = delete;
  ~CpuLimit() {
    const double used = now() - start_;
    if (used <= kSeconds) return;
    std::fprintf(stderr, "==seslint-fuzz== ERROR: slow unit: %.2f s of CPU, over the limit of %.0f s\n", used, kSeconds);
    std::abort();
  }

 private:
  static double now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
  }
  double start_;
};

}  // namespace seslint::fuzz
