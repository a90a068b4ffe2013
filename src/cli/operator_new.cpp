// operator new and delete for the seslint executable: small blocks go through a per-thread
// BlockCache (block_cache.hpp says why) in front of glibc's malloc. Built only where seslint keeps
// glibc's malloc (SESLINT_KEEP_FREED_MEMORY: no sanitizer, fuzzing or mimalloc build, whose
// allocators have their own operator new). Measured: docs/architecture.md, "Process memory".
#if defined(SESLINT_KEEP_FREED_MEMORY) && defined(__GLIBC__)
#include <malloc.h>

#include <cstdlib>
#include <new>

#include "block_cache.hpp"

namespace {

using seslint::cli::BlockCache;

constinit thread_local BlockCache cache;

// Gives the thread's cached blocks back to malloc when the thread ends. Registered on a thread's
// first kept block, so the hot path never touches a thread_local with a destructor (and its guard).
struct CacheCloser {
  bool armed = false;
  ~CacheCloser() {
    cache.close([](void* block) { std::free(block); });
  }
};
thread_local CacheCloser closer;

void* allocate_or_throw(std::size_t bytes) {
  for (;;) {
    if (void* block = std::malloc(bytes)) return block;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void* allocate(std::size_t size) {
  const std::size_t cls = BlockCache::class_for_request(size);
  if (cls == 0) return allocate_or_throw(size);
  if (void* block = cache.take(cls)) return block;
  return allocate_or_throw(BlockCache::class_bytes(cls));
}

void release(void* block, std::size_t cls) {
  if (cache.empty() && !closer.armed) closer.armed = true;  // first use constructs it: its destructor runs at thread exit
  if (!cache.keep(block, cls)) std::free(block);
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }

void operator delete(void* block) noexcept {
  if (block == nullptr) return;
  release(block, BlockCache::class_for_block(malloc_usable_size(block)));
}

// A sized delete names the size asked of new: its block is of that request's class, or was not
// cached at all (too large), in which case it goes straight back to malloc.
void operator delete(void* block, std::size_t size) noexcept {
  if (block == nullptr) return;
  const std::size_t cls = BlockCache::class_for_request(size);
  if (cls == 0) std::free(block);
  else release(block, cls);
}
#endif
