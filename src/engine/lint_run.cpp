// --jobs: files linted on a pool, handed on in input order so output does not depend on timing.
#include <atomic>
#include <memory>

#include "seslint/lint.hpp"
#include "seslint/task_pool.hpp"

namespace seslint {
namespace {

// A file being read and linted on the pool; `done` once `file` is ready.
struct FileSlot {
  ReadFile file;
  std::atomic<bool> done{false};
};

}  // namespace

void lint_in_order(const std::vector<LintJob>& jobs, unsigned threads,
                   const std::function<void(std::size_t job, FileResult part, bool last)>& emit,
                   const std::function<void(std::size_t job, ReadProgress)>& progress) {
  TaskPool pool(threads == 0 ? 1 : threads);
  // How far reading may run ahead of output: enough to keep every thread busy behind a slow file.
  const std::size_t window = 4u * pool.threads();
  std::vector<std::unique_ptr<FileSlot>> slots(jobs.size());
  std::size_t submitted = 0;
  auto submit_ahead = [&](std::size_t consumed) {
    for (; submitted < jobs.size() && submitted < consumed + window; ++submitted) {
      slots[submitted] = std::make_unique<FileSlot>();
      pool.submit([slot = slots[submitted].get(), &job = jobs[submitted]] {
        slot->file = job.linter->read_file(job.path, job.named);
        slot->done.store(true, std::memory_order_release);
      });
    }
  };
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    submit_ahead(i);
    FileSlot& slot = *slots[i];
    pool.help_until([&] { return slot.done.load(std::memory_order_acquire); });
    ReadFile file = std::move(slot.file);
    slots[i].reset();
    submit_ahead(i + 1);
    ReadProgressSink read_progress;
    if (progress) read_progress = [&](ReadProgress read) { progress(i, read); };
    jobs[i].linter->finish_file(std::move(file), [&](FileResult part, bool last) { emit(i, std::move(part), last); },
                                &pool, read_progress);
  }
}

}  // namespace seslint
