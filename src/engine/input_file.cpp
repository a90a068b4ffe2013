#include "engine/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace seslint {

std::optional<InputFile> InputFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    return std::nullopt;
  }
  std::optional<std::uint64_t> size;
  if (S_ISREG(info.st_mode)) size = static_cast<std::uint64_t>(info.st_size);
  return InputFile(fd, size);
}

InputFile::InputFile(InputFile&& other) noexcept : fd_(other.fd_), size_(other.size_), ended_(other.ended_) {
  other.fd_ = -1;
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

long InputFile::read_some(char* into, std::size_t count) {
  if (ended_) return 0;
  for (;;) {
    const ssize_t got = ::read(fd_, into, count);
    if (got == 0) ended_ = true;
    if (got >= 0 || errno != EINTR) return static_cast<long>(got);
  }
}

bool InputFile::read_head(std::string& out, std::size_t limit) {
  if (size_ && *size_ <= limit) out.reserve(out.size() + static_cast<std::size_t>(*size_) + 1);
  const std::size_t at = out.size();
  // A regular file shorter than the head is read whole (and one byte more, to see its end) into
  // the room reserved above: no larger buffer to allocate and clear. If that byte is there, the
  // file grew since it was opened: its head is then read in full, as for any longer file.
  std::size_t head = size_ && *size_ > 0 && *size_ < kHeadSize ? static_cast<std::size_t>(*size_) + 1 : kHeadSize;
  std::size_t filled = 0;
  for (;;) {
    out.resize(at + head);
    while (filled < head) {
      const long got = read_some(out.data() + at + filled, head - filled);
      if (got < 0) {
        out.resize(at + filled);
        return false;
      }
      if (got == 0) break;
      filled += static_cast<std::size_t>(got);
      // A regular file that gave fewer bytes than asked, having reached the size fstat gave, is at
      // its end (had it grown, the read would have returned the extra byte asked for).
      if (size_ && filled < head && filled == *size_) {
        ended_ = true;
        break;
      }
    }
    if (filled < head || head == kHeadSize) break;
    head = kHeadSize;
  }
  out.resize(at + filled);
  return true;
}

bool InputFile::read_rest(std::string& out, std::size_t limit) {
  constexpr std::size_t kChunk = 65536;
  while (out.size() <= limit) {
    const std::size_t at = out.size();
    // The rest of a file of known size and one byte more, to see its end (it may have grown).
    std::size_t want = size_ && *size_ + 1 > at ? static_cast<std::size_t>(*size_ + 1 - at) : kChunk;
    want = std::min(want, limit + 1 - at);
    out.resize(at + want);
    const long got = read_some(out.data() + at, want);
    out.resize(at + static_cast<std::size_t>(std::max(got, 0L)));
    if (got < 0) return false;
    if (got == 0) break;
  }
  return true;
}

}  // namespace seslint
