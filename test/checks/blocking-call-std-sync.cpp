// RUN: %check_corolint_plugin %s async-blocking-call %t
// RUN: %check_corolint %s async-blocking-call %t-cli
// The fast engine sees calls written by name: every wait here is a member call
// (f.wait(), cv.wait_for(...), t.join()), which needs types (docs/checks/blocking-call.md).
// Its run proves it reports none of them, and none of the probes either.
// RUN: %check_corolint_fast %s async-blocking-call %t-fast

// The waits of the standard's synchronisation types (issue 16: the blocking
// table listed them, no test proved them), in the shapes real code has them:
// methods of a class, a helper. And what real code relies on not being one:
// a zero-timeout readiness probe, the try_ and arrive forms, and the waits
// handed to aio::to_thread.

#include <aio/aio.hpp>

#include <barrier>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <shared_mutex>
#include <stop_token>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

// ---- must flag ---------------------------------------------------------------

// A service that hands work to threads and collects it with the standard's
// primitives from its coroutines.
class Worker {
public:
  aio::task<int> result_of(std::future<int> result) {
    result.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait' in coroutine 'result_of' stalls every task on the event loop; move it off the loop with 'co_await aio::to_thread(...)' [async-blocking-call]
    co_return result.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'std::future::get' in coroutine 'result_of'
  }

  aio::task<bool> result_within(std::future<int> &result, std::chrono::milliseconds timeout) {
    co_return result.wait_for(timeout) == std::future_status::ready;
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'std::future::wait_for' in coroutine 'result_within'
  }

  aio::task<bool> result_by(std::future<int> &result,
                            std::chrono::steady_clock::time_point deadline) {
    co_return result.wait_until(deadline) == std::future_status::ready;
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'std::future::wait_until' in coroutine 'result_by'
  }

  aio::task<> drain(std::future<void> *pending) {
    pending->wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait' in coroutine 'drain'
    co_return;
  }

  aio::task<> shared_config() {
    config_.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::shared_future::wait' in coroutine 'shared_config'
    if (config_.wait_for(5s) != std::future_status::ready)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'std::shared_future::wait_for' in coroutine 'shared_config'
      co_return;
    config_.wait_until(std::chrono::steady_clock::now() + 1s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::shared_future::wait_until' in coroutine 'shared_config'
    co_return;
  }

  aio::task<> wait_for_job() {
    std::unique_lock lock(mutex_); // a guard: async-lock-across-await's, when held across a co_await
    job_ready_.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable::wait' in coroutine 'wait_for_job'
    job_ready_.wait(lock, [this] { return pending_ > 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable::wait' in coroutine 'wait_for_job'
    job_ready_.wait_for(lock, 100ms, [this] { return pending_ > 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable::wait_for' in coroutine 'wait_for_job'
    job_ready_.wait_until(lock, std::chrono::system_clock::now() + 1s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable::wait_until' in coroutine 'wait_for_job'
    co_return;
  }

  aio::task<> wait_for_reader(std::stop_token stop) {
    std::shared_lock lock(shared_);
    any_ready_.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable_any::wait' in coroutine 'wait_for_reader'
    any_ready_.wait(lock, stop, [this] { return pending_ > 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable_any::wait' in coroutine 'wait_for_reader'
    any_ready_.wait_for(lock, 20ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable_any::wait_for' in coroutine 'wait_for_reader'
    any_ready_.wait_until(lock, std::chrono::steady_clock::now() + 20ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable_any::wait_until' in coroutine 'wait_for_reader'
    co_return;
  }

  aio::task<> stop() {
    co_await aio::sleep(1ms);
    thread_.join();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::thread::join' in coroutine 'stop'
    if (jthread_.joinable())
      jthread_.join();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'std::jthread::join' in coroutine 'stop'
  }

  // Member template: on a dependent object the call has a callee only in the
  // instantiations, where it is looked up; reported once, at the template.
  template <typename T>
  aio::task<T> collect(std::vector<std::future<T>> &results) {
    T total{};
    for (auto &result : results) {
      if (result.wait_for(0s) != std::future_status::ready)
        result.wait();
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'std::future::wait' in coroutine 'collect'
      total += result.get();
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking call to 'std::future::get' in coroutine 'collect'
    }
    co_return total;
  }

private:
  std::shared_future<int> config_;
  std::mutex mutex_;
  std::shared_mutex shared_;
  std::condition_variable job_ready_;
  std::condition_variable_any any_ready_;
  std::thread thread_;
  std::jthread jthread_;
  int pending_ = 0;
};

template aio::task<int> Worker::collect<int>(std::vector<std::future<int>> &);
template aio::task<double> Worker::collect<double>(std::vector<std::future<double>> &);

// A member of a class template, instantiated where it is used.
template <typename T> class Mailbox {
public:
  aio::task<T> receive() {
    delivered_.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::shared_future::wait' in coroutine 'receive'
    co_return delivered_.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'std::shared_future::get' in coroutine 'receive'
  }

private:
  std::shared_future<T> delivered_;
};
aio::task<int> read_mail(Mailbox<int> &mailbox) { co_return co_await mailbox.receive(); }

// A pool of connections guarded by counting semaphores; a binary semaphore is
// std::counting_semaphore<1>, and the message names it so.
struct ConnectionPool {
  aio::task<> checkout(std::chrono::steady_clock::time_point deadline) {
    slots.acquire();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::counting_semaphore::acquire' in coroutine 'checkout'
    gate.acquire();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::counting_semaphore::acquire' in coroutine 'checkout'
    if (!slots.try_acquire_for(50ms))
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'std::counting_semaphore::try_acquire_for' in coroutine 'checkout'
      co_return;
    if (!gate.try_acquire_until(deadline))
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'std::counting_semaphore::try_acquire_until' in coroutine 'checkout'
      co_return;
    co_return;
  }

  std::counting_semaphore<8> slots{8};
  std::binary_semaphore gate{1};
};

// Phases of a batch job: a latch for start-up, a barrier per round.
aio::task<> run_phases(std::latch &started, std::latch &finished, std::barrier<> &round) {
  started.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::latch::wait' in coroutine 'run_phases'
  finished.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::latch::arrive_and_wait' in coroutine 'run_phases'
  round.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::barrier::arrive_and_wait' in coroutine 'run_phases'
  auto token = round.arrive();
  round.wait(std::move(token));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::barrier::wait' in coroutine 'run_phases'
  co_await aio::sleep(1ms);
}

// Followed through a plain helper, as any blocking call is.
void wait_until_started(std::latch &started, std::thread &loader) {
  loader.join();
  started.wait();
}
aio::task<> boot(std::latch &started, std::thread &loader) {
  wait_until_started(started, loader);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'wait_until_started' in coroutine 'boot' blocks the event loop: it reaches blocking 'std::thread::join'; move it off the loop with 'co_await aio::to_thread(...)'
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'std::thread::join' blocks here
  co_return;
}

// ---- must leave alone --------------------------------------------------------

// The standard readiness probe: a zero timeout returns at once.
aio::task<int> poll_result(std::future<int> result, std::shared_future<int> shared) {
  while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    co_await aio::sleep(1ms);
  if (result.wait_for(0s) == std::future_status::ready &&
      shared.wait_for(std::chrono::milliseconds::zero()) == std::future_status::ready)
    co_return shared.get() + 1;
  // Ready, so get() does not wait; but the check does not read conditions (docs: limitation).
  // CHECK-MESSAGES: :[[@LINE-2]]:15: warning: blocking call to 'std::shared_future::get' in coroutine 'poll_result'
  constexpr auto now = std::chrono::milliseconds{0};
  if (shared.wait_for(now) == std::future_status::timeout)
    co_return -1;
  co_return 0;
}

// The probe in a helper is no wait either.
bool is_ready(const std::shared_future<int> &shared) {
  return shared.wait_for(0s) == std::future_status::ready;
}
aio::task<int> poll_shared(std::shared_future<int> shared) {
  while (!is_ready(shared))
    co_await aio::sleep(1ms);
  co_return 1;
}

aio::task<bool> probe_primitives(std::mutex &mutex, std::condition_variable &cv,
                                 std::counting_semaphore<4> &slots) {
  std::unique_lock lock(mutex, std::try_to_lock);
  if (!lock.owns_lock())
    co_return false;
  bool signalled = cv.wait_for(lock, 0ms) == std::cv_status::no_timeout;
  co_return signalled || slots.try_acquire_for(0s);
}

aio::task<bool> try_forms(std::binary_semaphore &gate, std::latch &started,
                          std::barrier<> &round, std::condition_variable &cv, std::thread &worker) {
  bool entered = gate.try_acquire();
  if (entered)
    gate.release();
  started.count_down();
  bool up = started.try_wait();
  auto token = round.arrive();
  (void)token;
  round.arrive_and_drop();
  cv.notify_one();
  cv.notify_all();
  if (worker.joinable())
    worker.detach();
  co_return entered && up;
}

// Blocking waits handed to another thread run there, not on the loop.
void join_all(std::vector<std::thread> &threads) {
  for (auto &thread : threads)
    thread.join();
}
aio::task<int> offloaded(std::future<int> result, std::latch &started, std::barrier<> &round,
                         std::vector<std::thread> &threads, aio::thread_pool &pool) {
  int value = co_await aio::to_thread([&result] { return result.get(); });
  co_await aio::to_thread([&started, &round] {
    started.wait();
    round.arrive_and_wait();
  });
  co_await aio::run_in_executor(pool, [&threads] { join_all(threads); });
  co_await aio::get_running_loop().run_in_executor(nullptr, [&threads] { join_all(threads); });
  co_await aio::to_thread(join_all, std::ref(threads));
  co_return value;
}

// Not a coroutine: blocking is the caller's business.
int wait_synchronously(std::future<int> &result, std::condition_variable &cv, std::mutex &mutex,
                       std::counting_semaphore<4> &slots, std::thread &worker) {
  result.wait();
  std::unique_lock lock(mutex);
  cv.wait_for(lock, 1s);
  slots.acquire();
  worker.join();
  return result.get();
}
