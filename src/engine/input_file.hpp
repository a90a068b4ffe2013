#pragma once
// A file opened for reading with POSIX calls: no iostream (its locale and 8 KB buffer per file),
// one fstat for the size, and reads straight into the caller's string. Every file of a run is
// opened this way (twice when a Mail Manager file asks for the run's get-* outputs).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace seslint {

class InputFile {
 public:
  // The file, or nullopt with errno set.
  static std::optional<InputFile> open(const std::string& path);
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&&) = delete;
  InputFile(const InputFile&) = delete;
  ~InputFile();

  // Regular files only: pipes, FIFOs and devices have no size to trust.
  std::optional<std::uint64_t> size() const { return size_; }
  // Up to `count` bytes (fewer only at the end or on a pipe); 0 at the end (once the end was seen,
  // without asking the system again); -1 on an error (errno set).
  long read_some(char* into, std::size_t count);
  // The first `kHeadSize` bytes (fewer if the file is shorter: a regular file of known size is read
  // whole), with room reserved for the whole file when its size is known and within `limit`, so
  // that read_rest appends without copying.
  static constexpr std::size_t kHeadSize = 4096;
  bool read_head(std::string& out, std::size_t limit);
  // Appends the rest; stops once `out` holds more than `limit` bytes (then limit + 1 of them:
  // /dev/zero never ends). False on a read error.
  bool read_rest(std::string& out, std::size_t limit);

 private:
  InputFile(int fd, std::optional<std::uint64_t> size) : fd_(fd), size_(size) {}
  int fd_;
  std::optional<std::uint64_t> size_;
  // The end was seen: a read returned 0, or a regular file ended where fstat said. Spares the
  // reads that would only confirm it (three system calls per short file became one).
  bool ended_ = false;
};

}  // namespace seslint
