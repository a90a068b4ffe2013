// --jobs: files linted on a pool, handed on in input order so output does not depend on timing.
#include <atomic>
#include <memory>

#include "seslint/lint.hpp"
#include "seslint/mailmanager_run.hpp"
#include "seslint/task_pool.hpp"

namespace seslint {
namespace {

// A file being read and linted on the pool; `done` once `file` is ready.
struct FileSlot {
  ReadFile file;
  std::atomic<bool> done{false};
};

// The pre-pass (seslint/mailmanager_run.hpp): every file's get-* outputs, in input order. It runs
// when a file first needs them, maybe on a pool thread with the pool's other threads waiting for it,
// so it runs on a pool of its own rather than the run's (where it would queue behind the very tasks
// that wait for it). One file alone links with nothing, so it is never read twice.
mm::RunResources::Found gather_mail_manager(const std::vector<LintJob>& jobs, unsigned threads) {
  mm::RunResources::Found found(jobs.size());
  std::atomic<std::size_t> remaining{jobs.size()};
  TaskPool own(threads);
  for (std::size_t i = 0; i < jobs.size(); ++i)
    own.submit([&, i] {
      // A throw here (a bug) links nothing; read_file meets the same input again and reports it.
      try {
        found[i] = jobs[i].linter->read_mail_manager_outputs(jobs[i].path);
      } catch (...) {
        found[i] = nullptr;
      }
      remaining.fetch_sub(1, std::memory_order_release);
    });
  own.help_until([&] { return remaining.load(std::memory_order_acquire) == 0; });
  return found;
}

}  // namespace

void lint_in_order(const std::vector<LintJob>& jobs, unsigned threads,
                   const std::function<void(std::size_t job, FileResult part, bool last)>& emit,
                   const std::function<void(std::size_t job, ReadProgress)>& progress) {
  TaskPool pool(threads == 0 ? 1 : threads);
  std::function<mm::RunResources::Found()> gather;
  if (jobs.size() >= 2) gather = [&jobs, &pool] { return gather_mail_manager(jobs, pool.threads()); };
  const mm::RunResources mail_manager(std::move(gather));
  // How far reading may run ahead of output: enough to keep every thread busy behind a slow file.
  const std::size_t window = 4u * pool.threads();
  std::vector<std::unique_ptr<FileSlot>> slots(jobs.size());
  std::size_t submitted = 0;
  auto submit_ahead = [&](std::size_t consumed) {
    for (; submitted < jobs.size() && submitted < consumed + window; ++submitted) {
      slots[submitted] = std::make_unique<FileSlot>();
      pool.submit([slot = slots[submitted].get(), &job = jobs[submitted], run = &mail_manager] {
        slot->file = job.linter->read_file(job.path, job.named, run);
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
