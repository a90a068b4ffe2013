// What one new page of memory costs on this machine: the time to touch 1,000 fresh anonymous pages
// (one page fault each), and to map 1,000 pages of a file already in the page cache (one fault per
// 64 KB window the kernel maps around it). A run's page faults (bench/cpu_ratios.sh reports them)
// times this is the part of its CPU time that memory layout, not instructions, decides.
//   seslint_page_cost [FILE]    (FILE: any file of 4 MB or more, e.g. the seslint binary)
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace {

constexpr std::size_t kPage = 4096;
constexpr std::size_t kPages = 1000;

double micros_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

double anonymous_page_cost() {
  void* memory = mmap(nullptr, kPage * kPages, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return -1;
  auto* bytes = static_cast<volatile char*>(memory);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < kPages; ++i) bytes[i * kPage] = 1;
  const double total = micros_since(start);
  munmap(memory, kPage * kPages);
  return total / kPages;
}

double file_window_cost(const char* path) {
  std::FILE* file = std::fopen(path, "rb");
  if (file == nullptr) return -1;
  const std::size_t length = kPage * kPages;
  std::vector<char> sink(1 << 16);
  std::size_t read = 0;  // into the page cache
  for (std::size_t got; (got = std::fread(sink.data(), 1, sink.size(), file)) > 0;) read += got;
  // A mapping past the file's end would raise SIGBUS when touched.
  void* memory = read >= length ? mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fileno(file), 0) : MAP_FAILED;
  std::fclose(file);
  if (memory == MAP_FAILED) return -1;
  const auto* bytes = static_cast<const volatile char*>(memory);
  const std::size_t window = 16 * kPage;  // the kernel's default fault-around
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t at = 0; at < length; at += window) static_cast<void>(bytes[at]);  // a volatile read each
  const double total = micros_since(start);
  munmap(memory, length);
  return total / static_cast<double>(length / window);
}

}  // namespace

int main(int argc, char** argv) {
  for (int round = 0; round < 3; ++round) {
    std::printf("new anonymous page: %.2f us", anonymous_page_cost());
    if (argc > 1) {
      const double cost = file_window_cost(argv[1]);
      if (cost < 0) std::printf("; %s: not a readable file of 4 MB or more", argv[1]);
      else std::printf("; first touch of a 64 KB window of a cached file: %.2f us", cost);
    }
    std::printf("\n");
  }
  return 0;
}
