// RUN: %check_corolint_plugin %s async-busy-wait %t
// RUN: %check_corolint %s async-busy-wait %t-cli
// RUN: %check_corolint_plugin --check-suffix=EVENT %s async-busy-wait %t-event -- --config="{CheckOptions: {async-busy-wait.EventTypes: 'app::signal', async-busy-wait.SleepFunctions: 'app::nap'}}"
// A profile without an awaitable sleep (asio) has nothing to poll with.
// RUN: %check_corolint_plugin --check-suffix=ASIO %s async-busy-wait %t-asio -- --config="{CheckOptions: {AsyncProfile: asio}}"
// RUN: %check_corolint_fast %s async-busy-wait %t-fast

#include <aio/aio.hpp>

#include <deque>
#include <iostream>

using namespace std::chrono_literals;

bool ready = false;
bool cancelled_flag = false;
struct job_state {
  bool finished = false;
  bool done() const { return finished; }
};
job_state job;
bool stop_requested() { return cancelled_flag; }
void work() {}
void heartbeat() {}
aio::task<int> fetch(int id) { co_return id; }
aio::task<bool> try_connect() { co_return true; }

namespace app {
inline auto nap(std::chrono::milliseconds d) { return aio::sleep(d); }
} // namespace app

// ---- must flag ---------------------------------------------------------------

// ASYNC110: the flag is checked every 10ms instead of being waited on.
aio::task<> waits_for_ready() {
  while (!ready)
    co_await aio::sleep(10ms);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: loop polls '!ready' with 'aio::sleep' between checks: it wakes up for nothing and notices the change up to a whole sleep late; have the writer set an 'aio::event' and 'co_await' its 'wait()' instead [async-busy-wait]
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!ready' with 'aio::sleep' between checks: it wakes up for nothing and notices the change up to a whole sleep late; have the writer set an 'aio::event' and 'co_await' its 'wait()' instead [async-busy-wait]
}

aio::task<> polls_a_method() {
  while (!job.done()) {
    co_await aio::sleep(50ms);
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!job.done()' with 'aio::sleep' between checks
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:3: warning: loop polls '!job.done()' with 'aio::sleep' between checks
}

// A condition is quoted on one line, and cut at 40 characters, the same by both engines.
bool pool_drained_of_every_connection = false;
aio::task<> polls_a_long_condition() {
  while (!job.finished &&
         !pool_drained_of_every_connection)
    co_await aio::sleep(10ms);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!job.finished && !pool_drained_of_eve...' with 'aio::sleep' between checks
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:3: warning: loop polls '!job.finished && !pool_drained_of_eve...' with 'aio::sleep' between checks
}
aio::task<> polls_a_short_condition_over_two_lines() {
  while (!job.finished &&
         !ready)
    co_await aio::sleep(10ms);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!job.finished && !ready' with 'aio::sleep' between checks
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:3: warning: loop polls '!job.finished && !ready' with 'aio::sleep' between checks
}

aio::task<> do_while_poll() {
  do {
    co_await aio::sleep(1ms);
  } while (!ready);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!ready' with 'aio::sleep'
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:3: warning: loop polls '!ready' with 'aio::sleep'
}

aio::task<> for_ever_with_break() {
  for (;;) {
    if (job.finished)
      break;
    co_await aio::sleep(5ms);
  }
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: loop polls 'job.finished' with 'aio::sleep'
  // CHECK-FAST-MESSAGES: :[[@LINE-6]]:3: warning: loop polls 'job.finished' with 'aio::sleep'
}

aio::task<> returns_when_stopped() {
  while (true) {
    if (stop_requested())
      co_return;
    co_await aio::sleep(1s);
  }
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: loop polls 'stop_requested()' with 'aio::sleep'
  // CHECK-FAST-MESSAGES: :[[@LINE-6]]:3: warning: loop polls 'stop_requested()' with 'aio::sleep'
}

aio::task<> sleeps_then_checks() {
  while (true) {
    co_await aio::sleep(10ms);
    if (ready) {
      break;
    }
  }
  // CHECK-MESSAGES: :[[@LINE-6]]:3: warning: loop polls 'ready' with 'aio::sleep'
  // CHECK-FAST-MESSAGES: :[[@LINE-7]]:3: warning: loop polls 'ready' with 'aio::sleep'
}

// The guide's `while not self.queue: await asyncio.sleep(...)`.
struct mailbox {
  std::deque<int> items;
  aio::task<int> take() {
    while (items.empty())
      co_await aio::sleep(1ms);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: loop polls 'items.empty()' with 'aio::sleep'
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: loop polls 'items.empty()' with 'aio::sleep'
    int item = items.front();
    items.pop_front();
    co_return item;
  }
};

aio::task<int> polls_a_handle() {
  auto h = aio::create_task(fetch(1));
  while (!h.done())
    co_await aio::sleep(1ms);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: loop polls '!h.done()' with 'aio::sleep'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!h.done()' with 'aio::sleep'
  co_return co_await h;
}

aio::task<> two_flags() {
  while (!ready && !cancelled_flag)
    co_await aio::sleep(1ms);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: loop polls '!ready && !cancelled_flag' with 'aio::sleep'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!ready && !cancelled_flag' with 'aio::sleep'
}

aio::task<> in_a_lambda() {
  auto wait = []() -> aio::task<> {
    for (; !ready;)
      co_await aio::sleep(1ms);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: loop polls '!ready' with 'aio::sleep'
    // CHECK-FAST-MESSAGES: :[[@LINE-3]]:5: warning: loop polls '!ready' with 'aio::sleep'
  };
  co_await wait();
}

template <typename Predicate> aio::task<> wait_until(Predicate done) {
  while (!done())
    co_await aio::sleep(1ms);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: loop polls '!done()' with 'aio::sleep'
  // CHECK-FAST-MESSAGES: :[[@LINE-3]]:3: warning: loop polls '!done()' with 'aio::sleep'
}

// A poll that also logs or counts is still a poll (Redpanda's shape: a
// `vlog` macro over a member logger, a counter reported after the loop).
struct logger {
  void debug(const char *) {}
  void info(const char *, int) {}
};
inline void log_line(logger &, const char *) {}
#define vlog(log, msg) log_line(log, msg)

struct leader_waiter {
  logger log_;
  int waits_ = 0;
  bool is_leader() const { return ready; }

  aio::task<> logs_each_poll() {
    while (!is_leader()) {
      vlog(log_, "not the leader yet");
      co_await aio::sleep(100ms);
    }
    // CHECK-MESSAGES: :[[@LINE-4]]:5: warning: loop polls '!is_leader()' with 'aio::sleep' between checks
    // CHECK-FAST-MESSAGES: :[[@LINE-5]]:5: warning: loop polls '!is_leader()' with 'aio::sleep' between checks
  }

  aio::task<> counts_and_logs() {
    while (!job.finished) {
      ++waits_;
      log_.debug("still waiting");
      co_await aio::sleep(10ms);
    }
    log_.info("waited", waits_);
    // CHECK-MESSAGES: :[[@LINE-6]]:5: warning: loop polls '!job.finished' with 'aio::sleep' between checks
    // CHECK-FAST-MESSAGES: :[[@LINE-7]]:5: warning: loop polls '!job.finished' with 'aio::sleep' between checks
  }
};

aio::task<> prints_while_polling() {
  int polls = 0;
  for (;;) {
    if (ready) {
      std::cerr << "ready after " << polls << " polls\n";
      break;
    }
    std::cerr << "waiting\n";
    polls += 1;
    co_await aio::sleep(5ms);
  }
  // CHECK-MESSAGES: :[[@LINE-9]]:3: warning: loop polls 'ready' with 'aio::sleep' between checks
  // CHECK-FAST-MESSAGES: :[[@LINE-10]]:3: warning: loop polls 'ready' with 'aio::sleep' between checks
}

template <typename Log> struct generic_waiter {
  Log log_;
  int polls_ = 0;
  aio::task<> wait() {
    while (!ready) {
      this->polls_++;
      log_.debug("waiting");
      co_await aio::sleep(1ms);
    }
    // CHECK-MESSAGES: :[[@LINE-5]]:5: warning: loop polls '!ready' with 'aio::sleep' between checks
    // CHECK-FAST-MESSAGES: :[[@LINE-6]]:5: warning: loop polls '!ready' with 'aio::sleep' between checks
  }
};
template struct generic_waiter<logger>;

// Configured sleep and event types.
aio::task<> naps() {
  while (!ready)
    co_await app::nap(1ms);
  // CHECK-MESSAGES-EVENT: :[[@LINE-2]]:3: warning: loop polls '!ready' with 'app::nap' between checks: it wakes up for nothing and notices the change up to a whole sleep late; have the writer set an 'app::signal' and 'co_await' its 'wait()' instead [async-busy-wait]
}

// ---- must leave alone ------------------------------------------------------

// Periodic loops that do work: the sleep paces the work, it does not poll.
aio::task<> periodic() {
  while (true) {
    work();
    co_await aio::sleep(1s);
  }
}

aio::task<> heartbeat_until_stopped() {
  while (!cancelled_flag) {
    heartbeat();
    co_await aio::sleep(1s);
  }
}

// Work that only looks like bookkeeping: a call whose name merely contains a
// log level, or a counter the condition reads (the loop bounds itself).
void handle_error() {}
aio::task<> handles_errors() {
  while (!ready) {
    handle_error();
    co_await aio::sleep(1s);
  }
}

aio::task<> counts_into_its_condition() {
  int polls = 0;
  while (!ready && polls < 10) {
    ++polls;
    std::cerr << "waiting\n";
    co_await aio::sleep(10ms);
  }
}

struct bounded_waiter {
  int polls_ = 0;
  aio::task<> wait() {
    while (polls_ < 10) {
      polls_ += 1;
      co_await aio::sleep(10ms);
    }
  }
};

// A log line beside real work: the work makes it periodic.
aio::task<> logs_and_works() {
  while (!cancelled_flag) {
    std::clog << "tick\n";
    work();
    co_await aio::sleep(1s);
  }
}

// Counters and retry counts: the loop drives its own condition.
aio::task<> bounded_retries() {
  for (int attempt = 0; attempt < 5 && !ready; ++attempt)
    co_await aio::sleep(100ms);
}

aio::task<> counted_in_condition() {
  int attempts = 0;
  while (attempts++ < 3 && !ready)
    co_await aio::sleep(100ms);
}

aio::task<> countdown(int ticks) {
  while (--ticks > 0)
    co_await aio::sleep(1ms);
}

// Awaiting real work between the sleeps.
aio::task<> awaits_work() {
  while (!ready) {
    co_await fetch(1);
    co_await aio::sleep(10ms);
  }
}

aio::task<> awaits_in_condition() {
  while (!(co_await try_connect()))
    co_await aio::sleep(1s);
}

// No condition at all: an idle loop, not a poll.
aio::task<> idles_forever() {
  while (true)
    co_await aio::sleep(1s);
}

// The sleep belongs to a nested lambda.
aio::task<> sleep_in_lambda() {
  while (!ready) {
    auto nap = []() -> aio::task<> { co_await aio::sleep(1ms); };
    co_await nap();
  }
}

// A range-for over a collection is not a poll.
aio::task<> paced_iteration(std::deque<int> ids) {
  for (int id : ids) {
    (void)id;
    co_await aio::sleep(1ms);
  }
}

// Not a sleep: awaiting an event-like operation.
aio::task<> awaits_other() {
  while (!ready)
    co_await fetch(2);
}

// Not a coroutine: no co_await at all.
void spins() {
  while (!ready) {
  }
}

int main() { return 0; }
