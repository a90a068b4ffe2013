#pragma once
// One fuzz input may take at most a second of CPU (pre-commit hooks must not hang). libFuzzer's own
// -timeout counts wall time, which a loaded machine stretches, and every restart after a false alarm
// replays all seeds; so the entry points measure the CPU the input took themselves and abort past
// the limit (libFuzzer then saves the input as a crash), while scripts/fuzz keeps -timeout as a
// generous wall-clock guard against hangs only. SESLINT_FUZZ_CPU_LIMIT (seconds) lowers the limit
// to hunt for inputs that come near it on a faster machine.
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace seslint::fuzz {

class CpuLimit {
 public:
  static constexpr double kSeconds = 1.0;
  CpuLimit() : limit_(configured_limit()), start_(now()) {}
  CpuLimit(const CpuLimit&) = delete;
  CpuLimit& operator=(const CpuLimit&) = delete;
  ~CpuLimit() {
    const double used = now() - start_;
    if (used <= limit_) return;
    std::fprintf(stderr, "==seslint-fuzz== ERROR: slow unit: %.2f s of CPU, over the limit of %.2f s\n", used, limit_);
    std::abort();
  }

 private:
  static double configured_limit() {
    const char* text = std::getenv("SESLINT_FUZZ_CPU_LIMIT");
    const double limit = text ? std::strtod(text, nullptr) : 0.0;
    return limit > 0.0 && limit < kSeconds ? limit : kSeconds;
  }
  static double now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
  }
  double limit_;
  double start_;
};

}  // namespace seslint::fuzz
