#include "seslint/task_pool.hpp"

#include <atomic>
#include <system_error>

namespace seslint {

namespace {
std::atomic<void (*)()> worker_start{nullptr};
}  // namespace

void TaskPool::set_worker_start(void (*start)()) { worker_start.store(start); }

TaskPool::TaskPool(unsigned threads) : threads_(threads == 0 ? 1 : threads) {}

void TaskPool::start_workers() {
  started_ = true;
  for (unsigned i = 1; i < threads_; ++i) {
    try {
      workers_.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      return;  // no more threads to be had (a process limit): the waiting caller runs what they would
    }
  }
}

std::size_t TaskPool::started() const {
  const std::lock_guard lock(mutex_);
  return workers_.size();
}

TaskPool::~TaskPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void TaskPool::submit(std::function<void()> task) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
    if (queue_.size() >= 2 && !started_) start_workers();
  }
  queued_.notify_one();
}

void TaskPool::run_one(std::unique_lock<std::mutex>& lock) {
  auto task = std::move(queue_.front());
  queue_.pop_front();
  lock.unlock();
  task();
  lock.lock();
  finished_.notify_all();
}

void TaskPool::work() {
  if (const auto start = worker_start.load()) start();
  std::unique_lock lock(mutex_);
  while (true) {
    queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    run_one(lock);
  }
}

void TaskPool::help_until(const std::function<bool()>& done) {
  std::unique_lock lock(mutex_);
  while (!done()) {
    if (!queue_.empty())
      run_one(lock);
    else
      finished_.wait(lock);
  }
}

unsigned default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

}  // namespace seslint
