#pragma once
// A fixed set of worker threads taking tasks first in, first out. The thread that waits for a
// result (help_until) runs queued tasks meanwhile, so a pool of one thread runs everything on the
// caller, in submission order, and a waiting task never starves the pool. Workers start when a
// second task is queued: a run that only ever has one task at a time (one small file, the common
// pre-commit case) runs it on the caller and never pays for starting threads.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace seslint {

class TaskPool {
 public:
  // `threads` counts the caller: 1 never starts a worker.
  explicit TaskPool(unsigned threads);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  unsigned threads() const { return threads_; }
  // Workers started so far (for tests): 0 until a task waits behind another.
  std::size_t started() const;
  void submit(std::function<void()> task);
  // Runs queued tasks, or sleeps until a task ends, until `done()` (checked under the pool's lock,
  // so a task must finish its result before it returns).
  void help_until(const std::function<bool()>& done);

  // A function every worker thread of every pool runs first (the CLI prepares the thread's heap
  // with it); nullptr: none. Set before pools start workers.
  static void set_worker_start(void (*start)());

 private:
  void work();
  void start_workers();  // under the lock
  // Runs one task with the lock released, then wakes the waiters.
  void run_one(std::unique_lock<std::mutex>& lock);
  mutable std::mutex mutex_;
  std::condition_variable queued_;    // a task was submitted, or the pool stops
  std::condition_variable finished_;  // a task ended
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  bool started_ = false;  // start_workers ran (it may have started fewer than asked)
  unsigned threads_;
  std::vector<std::thread> workers_;
};

// --jobs 0: the number of cores.
unsigned default_jobs();

}  // namespace seslint
