#pragma once
// A thread's cache of freed small heap blocks, in front of glibc's malloc (operator_new.cpp).
//
// A lint run builds a file's JSON tree, AST and findings, then frees them all before the next file:
// ~520,000 allocations over the AWS managed policies. glibc keeps only 7 freed blocks of a size in
// its per-thread cache; the rest go through _int_free's bins and come back through _int_malloc,
// which together were 9% of the run's instructions. This cache keeps up to kMaxCachedBytes of them
// per thread in size classes of 16 bytes, so the next file's allocations of the same sizes are one
// list pop. The budget is small on purpose: blocks held here cannot coalesce in malloc's heap, and
// 4 MiB grew the peak RSS of 8 copies of the corpus from 22 to 58 MiB; 512 KiB kept it at 22.6.
// Plain data with no destructor, so a thread_local of it costs no guard on access.
#include <array>
#include <cstddef>
#include <cstdint>

namespace seslint::cli {

class BlockCache {
 public:
  static constexpr std::size_t kGranule = 16;
  static constexpr std::size_t kClasses = 256;  // blocks up to 4 KiB
  static constexpr std::size_t kMaxCachedBytes = std::size_t{512} << 10;

  // The class serving a request of `size` bytes (0 for none: too large to cache); its blocks hold
  // class_bytes(class) bytes, at least `size`, and at least one (new of 0 bytes gets a block too).
  static constexpr std::size_t class_for_request(std::size_t size) {
    const std::size_t cls = size == 0 ? 1 : (size + kGranule - 1) / kGranule;
    return cls <= kClasses ? cls : 0;
  }
  // The class a block of `usable` bytes can serve (0 for none). A block much larger than the
  // largest class (a new[]'d buffer freed without its size) is not kept: the budget counts a
  // block as its class's size, so it would hold far more memory than it counts.
  static constexpr std::size_t class_for_block(std::size_t usable) {
    const std::size_t cls = usable / kGranule;
    if (cls > kClasses + 1) return 0;
    return cls <= kClasses ? cls : kClasses;
  }
  static constexpr std::size_t class_bytes(std::size_t cls) { return cls * kGranule; }

  // A cached block of class `cls`, or nullptr.
  void* take(std::size_t cls) {
    FreeBlock* block = heads_[cls];
    if (block == nullptr) return nullptr;
    heads_[cls] = block->next;
    cached_bytes_ -= class_bytes(cls);
    return block;
  }
  // Keeps `block` (at least class_bytes(cls) bytes) for reuse; false when the cache is full or
  // closed, and the caller frees it.
  bool keep(void* block, std::size_t cls) {
    if (closed_ || cls == 0 || cached_bytes_ + class_bytes(cls) > kMaxCachedBytes) return false;
    auto* free_block = static_cast<FreeBlock*>(block);
    free_block->next = heads_[cls];
    heads_[cls] = free_block;
    cached_bytes_ += class_bytes(cls);
    return true;
  }
  // Hands every cached block to `release` and keeps none from now on (the thread is ending).
  template <typename Release>
  void close(Release release) {
    closed_ = true;
    for (auto& head : heads_)
      while (head != nullptr) {
        FreeBlock* next = head->next;
        release(head);
        head = next;
      }
    cached_bytes_ = 0;
  }
  std::size_t cached_bytes() const { return cached_bytes_; }
  bool empty() const { return cached_bytes_ == 0; }

 private:
  struct FreeBlock {
    FreeBlock* next;
  };
  std::array<FreeBlock*, kClasses + 1> heads_{};
  std::size_t cached_bytes_ = 0;
  bool closed_ = false;
};

}  // namespace seslint::cli
