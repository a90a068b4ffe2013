#pragma once
// Analyses the rules of one document share, each computed once on first request and keyed by the
// node it describes: a statement's catalog expansion serves IAM204, IAM208 and SES109 alike,
// instead of each rule (and each condition clause) expanding the statement's actions again.
// Engine::run opens a DocumentMemoScope per document on its thread; the memo dies with the document.
#include <map>
#include <memory>
#include <utility>

namespace seslint {

class DocumentMemo {
 public:
  // `tag` is the address of a static naming the analysis, and so its result type T.
  template <typename T, typename Compute>
  const T& get(const void* node, const void* tag, Compute&& compute) {
    auto& slot = entries_[{node, tag}];
    if (!slot) slot = std::make_shared<T>(compute());
    return *static_cast<const T*>(slot.get());
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
  std::map<std::pair<const void*, const void*>, std::shared_ptr<void>> entries_;
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
