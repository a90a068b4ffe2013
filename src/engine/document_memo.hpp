#pragma once
// Analyses the rules of one document share, each computed once on first request and keyed by the
// node it describes: a statement's catalog expansion serves IAM204, IAM208 and SES109 alike,
// instead of each rule (and each condition clause) expanding the statement's actions again.
// Engine::run opens a DocumentMemoScope per document on its thread; the memo dies with the document.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace seslint {

class DocumentMemo {
 public:
  // `tag` is the address of a static naming the analysis, and so its result type T.
  template <typename T, typename Compute>
  const T& get(const void* node, const void* tag, Compute&& compute) {
    Entry& entry = find(node, tag);
    if (!entry.value) {
      // compute() may ask the memo for other analyses, which may move the entries: fill in after.
      std::shared_ptr<void> value = std::make_shared<T>(compute());
      Entry& fresh = find(node, tag);
      fresh.value = std::move(value);
      ++size_;
      return *static_cast<const T*>(fresh.value.get());
    }
    return *static_cast<const T*>(entry.value.get());
  }

  // get() on the current memo; outside Engine::run, `compute()` afresh into a thread-local answer
  // of this call site, valid until its next call.
  template <typename T, typename Compute>
  static const T& get_or_compute(const void* node, const void* tag, Compute&& compute) {
    if (DocumentMemo* memo = current()) return memo->get<T>(node, tag, compute);
    static thread_local T fresh;
    fresh = compute();
    return fresh;
  }

  // The memo of the document being linted on this thread; nullptr outside Engine::run.
  static DocumentMemo* current() { return current_slot(); }

 private:
  friend class DocumentMemoScope;
  static DocumentMemo*& current_slot() {
    static thread_local DocumentMemo* slot = nullptr;
    return slot;
  }
  // Open addressing over (node, tag), linear probing: rules ask the memo hundreds of times per
  // statement, and a tree's lookups (and a node per entry) cost more than the analyses they spare.
  struct Entry {
    const void* node = nullptr;
    const void* tag = nullptr;
    std::shared_ptr<void> value;  // empty: a free slot
  };
  Entry& find(const void* node, const void* tag) {
    if ((size_ + 1) * 2 > entries_.size()) grow();
    const std::size_t mask = entries_.size() - 1;
    for (std::size_t at = slot_of(node, tag) & mask;; at = (at + 1) & mask) {
      Entry& entry = entries_[at];
      if (!entry.value) {
        entry.node = node;
        entry.tag = tag;
        return entry;
      }
      if (entry.node == node && entry.tag == tag) return entry;
    }
  }
  static std::size_t slot_of(const void* node, const void* tag) {
    const auto a = reinterpret_cast<std::uintptr_t>(node), b = reinterpret_cast<std::uintptr_t>(tag);
    return static_cast<std::size_t>(((a >> 3) ^ (b * 0x9E3779B97F4A7C15ULL)) * 0xFF51AFD7ED558CCDULL >> 20);
  }
  void grow() {
    std::vector<Entry> old = std::move(entries_);
    entries_.assign(old.empty() ? 64 : old.size() * 2, Entry{});
    const std::size_t mask = entries_.size() - 1;
    for (auto& entry : old) {
      if (!entry.value) continue;
      std::size_t at = slot_of(entry.node, entry.tag) & mask;
      while (entries_[at].value) at = (at + 1) & mask;
      entries_[at] = std::move(entry);
    }
  }
  std::vector<Entry> entries_;
  std::size_t size_ = 0;  // slots holding a value
};

// Makes a fresh memo the current one for its lifetime (one document's run).
class DocumentMemoScope {
 public:
  DocumentMemoScope() : outer_(DocumentMemo::current_slot()) { DocumentMemo::current_slot() = &memo_; }
  ~DocumentMemoScope() { DocumentMemo::current_slot() = outer_; }
  DocumentMemoScope(const DocumentMemoScope&) = delete;
  DocumentMemoScope& operator=(const DocumentMemoScope&) = delete;

 private:
  DocumentMemo* outer_;
  DocumentMemo memo_;
};

}  // namespace seslint
