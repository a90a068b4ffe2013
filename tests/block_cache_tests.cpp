// The CLI's per-thread cache of freed small blocks (src/cli/block_cache.hpp), behind its operator new.
#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "cli/block_cache.hpp"

using seslint::cli::BlockCache;

TEST_CASE("block cache: a request's class holds it, and a block serves only requests it can hold") {
  CHECK(BlockCache::class_for_request(0) == 1);  // new of 0 bytes still gets a block of its own
  CHECK(BlockCache::class_for_request(1) == 1);
  CHECK(BlockCache::class_for_request(16) == 1);
  CHECK(BlockCache::class_for_request(17) == 2);
  CHECK(BlockCache::class_for_request(BlockCache::class_bytes(BlockCache::kClasses)) == BlockCache::kClasses);
  CHECK(BlockCache::class_for_request(BlockCache::class_bytes(BlockCache::kClasses) + 1) == 0);  // too large: never cached
  const std::size_t largest = BlockCache::class_bytes(BlockCache::kClasses);
  CHECK(BlockCache::class_for_block(8) == 0);
  CHECK(BlockCache::class_for_block(24) == 1);   // malloc(16) leaves 24 usable bytes
  CHECK(BlockCache::class_for_block(40) == 2);
  CHECK(BlockCache::class_for_block(largest + 8) == BlockCache::kClasses);  // malloc's rounding: still kept
  CHECK(BlockCache::class_for_block(1 << 20) == 0);  // far larger than it would count: never kept
  for (std::size_t size = 0; size <= largest + 64; ++size) {
    const std::size_t request_class = BlockCache::class_for_request(size);
    if (size <= largest) {
      REQUIRE(request_class != 0);
      REQUIRE(BlockCache::class_bytes(request_class) >= size);
      REQUIRE(BlockCache::class_bytes(request_class) < size + BlockCache::kGranule + (size == 0 ? 1 : 0));
    } else {
      REQUIRE(request_class == 0);
    }
    // A freed block of `size` usable bytes goes to a class whose requests it can hold, and counts
    // within two granules of its size.
    REQUIRE(BlockCache::class_bytes(BlockCache::class_for_block(size)) <= size);
    if (const std::size_t block_class = BlockCache::class_for_block(size); block_class != 0)
      REQUIRE(size < BlockCache::class_bytes(block_class) + 2 * BlockCache::kGranule);
  }
}

TEST_CASE("block cache: blocks come back last in, first out, per class") {
  BlockCache cache;
  alignas(16) unsigned char a[64], b[64], c[64];
  CHECK(cache.take(2) == nullptr);
  CHECK(cache.empty());
  CHECK(cache.keep(a, 2));
  CHECK(cache.keep(b, 2));
  CHECK(cache.keep(c, 4));
  CHECK(cache.cached_bytes() == 2 * 32 + 64);
  CHECK(cache.take(3) == nullptr);  // no other class's block, larger or smaller
  CHECK(cache.take(2) == b);
  CHECK(cache.take(2) == a);
  CHECK(cache.take(2) == nullptr);
  CHECK(cache.take(4) == c);
  CHECK(cache.empty());
  CHECK_FALSE(cache.keep(a, 0));  // class 0: not cacheable
}

TEST_CASE("block cache: keeps at most its byte budget, and nothing once closed") {
  BlockCache cache;
  const std::size_t cls = BlockCache::kClasses;
  const std::size_t fits = BlockCache::kMaxCachedBytes / BlockCache::class_bytes(cls);
  std::vector<std::vector<std::max_align_t>> blocks(fits + 1, std::vector<std::max_align_t>(BlockCache::class_bytes(cls) / sizeof(std::max_align_t)));
  for (std::size_t i = 0; i < fits; ++i) REQUIRE(cache.keep(blocks[i].data(), cls));
  CHECK(cache.cached_bytes() == fits * BlockCache::class_bytes(cls));
  CHECK_FALSE(cache.keep(blocks[fits].data(), cls));  // over the budget: the caller frees it
  CHECK(cache.take(cls) == blocks[fits - 1].data());
  CHECK(cache.keep(blocks[fits].data(), cls));  // room again

  std::size_t released = 0;
  cache.close([&](void*) { ++released; });
  CHECK(released == fits);
  CHECK(cache.empty());
  CHECK(cache.take(cls) == nullptr);
  CHECK_FALSE(cache.keep(blocks[0].data(), cls));
}
