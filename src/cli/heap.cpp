#include "heap.hpp"

#include <algorithm>

#if defined(SESLINT_KEEP_FREED_MEMORY) && defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#endif

namespace seslint::cli {

// A new 4 KiB page costs ~10 us here, a fault each (bench/page_cost.cpp); linting the 1,594 AWS
// managed policies faults in ~800 pages beyond the program's own, a tenth of the run. A 2 MiB
// transparent huge page is one fault. So for a run of many files the heap top is extended by
// kHugeHeap (address space only: memory counts once touched), the part from its first 2 MiB
// boundary on marked MADV_HUGEPAGE, and the part below the boundary kept allocated and untouched,
// so that the run's allocations start on the boundary. Measured on that corpus: page faults
// 1,257 -> ~300-600, CPU -10% (--jobs 1) and wall -12% (--jobs 2, whose worker's own arena is not
// covered); peak RSS +1.3 MiB. Not for a few files (the pre-commit case): a huge page's first touch
// clears 2 MiB and adds them to the RSS. Where huge pages are off ("never"), madvise does nothing.
// SESLINT_HUGE_HEAP=0 leaves it out (to compare). Only with glibc's malloc kept from trimming the
// heap (main.cpp), which is what keeps the extended top.
void prepare_heap_for(const std::vector<std::string>& paths) {
#if defined(SESLINT_KEEP_FREED_MEMORY) && defined(__GLIBC__) && defined(__linux__)
  constexpr std::size_t kManyFiles = 32;
  constexpr std::size_t kHugePage = std::size_t{2} << 20, kHugeHeap = std::size_t{16} << 20;
  static bool done = false;
  if (done) return;
  done = true;
  // Decided before the paths are expanded (the rules, the catalog and the expansion then grow into
  // the huge pages too): a directory may hold any number of files.
  std::error_code error;
  const bool many = paths.size() >= kManyFiles || std::any_of(paths.begin(), paths.end(), [&](const std::string& path) {
                      return path != "-" && std::filesystem::is_directory(path, error);
                    });
  if (!many) return;
  if (const char* choice = std::getenv("SESLINT_HUGE_HEAP"); choice != nullptr && std::string_view(choice) == "0") return;
  char* block = static_cast<char*>(std::malloc(kHugeHeap + kHugePage));
  if (block == nullptr) return;
  const auto at = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t boundary = (at + kHugePage - 1) & ~(kHugePage - 1);
  madvise(reinterpret_cast<void*>(boundary), kHugeHeap, MADV_HUGEPAGE);
  // Shrunk in place to what lies below the boundary (less room for chunk headers): the rest is freed
  // into the heap top, which then starts there. The part kept is never freed, and only its header
  // is ever written.
  constexpr std::uintptr_t kHeaders = 64;
  if (boundary - at <= kHeaders) {
    std::free(block);
    return;
  }
  void* kept = std::realloc(block, boundary - at - kHeaders);
  if (kept == nullptr) std::free(block);  // still the whole block: the top starts below the boundary
  else if (kept != block) std::free(kept);  // moved (and the block freed): likewise
#else
  static_cast<void>(paths);
#endif
}

}  // namespace seslint::cli
