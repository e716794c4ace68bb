// aio::thread_pool: workers started on demand; each blocks every signal, so a signal handled
// through the loop's signalfd is never taken by a worker.
#include "aio/thread_pool.hpp"

#include <pthread.h>
#include <signal.h>

#include <algorithm>

namespace aio {

std::size_t thread_pool::default_size() noexcept {
  return std::min<std::size_t>(32, std::max(1u, std::thread::hardware_concurrency()) + 4);
}

thread_pool::thread_pool(std::size_t max_workers) : max_workers_(max_workers == 0 ? 1 : max_workers) {}

thread_pool::~thread_pool() { shutdown(); }

void thread_pool::submit(std::function<void()> job) {
  std::unique_lock lock(mutex_);
  if (stopping_) throw runtime_error("thread pool is shut down");
  jobs_.push_back(std::move(job));
  if (idle_ == 0 && workers_.size() < max_workers_) {
    workers_.emplace_back([this] { work(); });
  } else {
    lock.unlock();
    wake_.notify_one();
  }
}

void thread_pool::shutdown() noexcept {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_)
    if (worker.joinable()) worker.join();
  workers_.clear();
}

void thread_pool::work() noexcept {
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    --idle_;
    if (jobs_.empty()) return;  // stopping, and nothing left to run
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    job = nullptr;  // its captures are released before the lock is taken again
    lock.lock();
  }
}

}  // namespace aio
