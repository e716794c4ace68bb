// A lambda is a function of its own: a plain lambda inside a coroutine runs
// wherever it is handed to (a thread, to_thread), and a coroutine lambda is a
// coroutine wherever it sits.
// RUN: not %corolint --fast --checks=-*,async-blocking-call %s 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

aio::task<void> hands_work_to_threads() {
  std::thread worker([] { std::this_thread::sleep_for(1s); });
  std::jthread other([](std::stop_token) { sleep(1); });
  co_await aio::to_thread([] { ::usleep(10); });
  co_await aio::to_thread([&] {
    nanosleep(&req, nullptr);
    return 1;
  });
  auto later = [] { sleep(2); };
  co_await aio::to_thread(later);
}

void plain_function_with_a_coroutine_lambda() {
  auto coro = []() -> aio::task<void> {
    sleep(1);
    // CHECK: :[[@LINE-1]]:5: warning: blocking call to 'sleep' in a coroutine lambda stalls every task on the event loop; use 'co_await aio::sleep(...)' instead [async-blocking-call]
    co_await aio::sleep(1s);
  };
  aio::run(coro());
}

aio::task<void> coroutine_with_both() {
  auto coro = [](int n) -> aio::task<void> {
    std::this_thread::sleep_for(std::chrono::seconds(n));
    // CHECK: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine lambda
    co_return;
  };
  auto plain = [] { sleep(1); };
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'coroutine_with_both'
  co_await coro(1);
}

// Leave alone: the only co_await is in the nested lambda, so the outer
// function is no coroutine.
aio::task<void> outer_is_plain() {
  sleep(1);
  auto inner = []() -> aio::task<void> { co_return; };
  return inner();
}

// Leave alone: a local class's members are their own functions too.
aio::task<void> local_class() {
  struct Helper {
    void wait() { sleep(1); }
    int delay = usleep(1);
  };
  co_await aio::sleep(1s);
}
