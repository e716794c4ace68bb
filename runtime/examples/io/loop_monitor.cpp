// The guide's "Monitor the event loop": a monitor task wakes every 100 ms, lists the live tasks
// when their number changes (aio::all_tasks, names given to create_task), and measures the
// loop's lag, how late it woke: a callback that hogs the loop for 400 ms makes one wake-up
// late by about that much. Debug mode's slow-callback report says which step it was, and
// aio::dump_tasks prints each pending task with where it waits (an async stack trace).
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct loop_health {
  aio::clock::duration worst_lag{};
  int late_wakeups = 0;
};

aio::task<> monitor(std::chrono::milliseconds interval, std::shared_ptr<loop_health> health) {
  auto& loop = aio::get_running_loop();
  std::size_t last_count = 0;
  for (;;) {
    const auto expected = loop.time() + interval;
    co_await aio::sleep(interval);
    const auto lag = loop.time() - expected;
    std::vector<std::string> names;
    for (const aio::task_handle& t : aio::all_tasks()) names.push_back(t.name());
    std::sort(names.begin(), names.end());
    if (names.size() != last_count) {
      std::string list;
      for (const std::string& name : names) list += " " + name;
      std::printf("monitor: %zu tasks:%s\n", names.size(), list.c_str());
      last_count = names.size();
    }
    health->worst_lag = std::max(health->worst_lag, lag);
    if (lag > 150ms) {
      ++health->late_wakeups;
      std::puts("monitor: the loop is lagging (woke more than 150 ms late)");
    }
  }
}

aio::task<> fetch(std::chrono::milliseconds how_long) { co_await aio::sleep(how_long); }

// CPU-bound work run on the loop's thread: every task waits while it runs.
void hog_the_loop(std::chrono::milliseconds how_long) {
  const auto until = aio::clock::now() + how_long;
  unsigned long spins = 0;
  while (aio::clock::now() < until) ++spins;
  if (spins == 0) std::puts("no time passed");
}

aio::task<> main_task() {
  auto& loop = aio::get_running_loop();
  aio::current_task().set_name("main");
  loop.set_debug(true);
  loop.slow_callback_duration(100ms);
  loop.set_exception_handler([](aio::event_loop&, const aio::exception_context& report) {
    if (report.kind == aio::report_kind::slow_callback) std::puts("loop: a callback took more than 100 ms");
  });

  auto health = std::make_shared<loop_health>();  // shared with the monitor task
  auto watching = aio::create_task(monitor(100ms, health), "monitor");
  std::vector<aio::join_handle<void>> fetches;
  for (int i = 1; i <= 3; ++i) fetches.push_back(aio::create_task(fetch(500ms), "fetch-" + std::to_string(i)));
  co_await aio::gather(fetches);
  co_await aio::sleep(300ms);  // the monitor sees the fetches gone

  loop.call_soon([] { hog_the_loop(400ms); });
  co_await aio::sleep(300ms);  // the monitor's next wake-up comes late

  std::cout << "--- dump_tasks ---\n";
  aio::dump_tasks(std::cout);
  std::cout << "---\n" << std::flush;

  watching.cancel();
  try {
    co_await watching;
  } catch (const aio::cancelled_error&) {
    std::printf("worst lag at least 250 ms: %s; late wake-ups: %d\n", health->worst_lag >= 250ms ? "yes" : "no",
                health->late_wakeups);
  }
}

int main() { aio::run(main_task()); }

// CHECK:      monitor: 5 tasks: fetch-1 fetch-2 fetch-3 main monitor
// CHECK-NEXT: monitor: 2 tasks: main monitor
// CHECK-NEXT: loop: a callback took more than 100 ms
// CHECK-NEXT: monitor: the loop is lagging (woke more than 150 ms late)
// CHECK-NEXT: --- dump_tasks ---
// CHECK-DAG:  Task 'main' (running)
// CHECK-DAG:  Task 'monitor' (pending)
// CHECK-DAG:  monitor({{.*}}) at {{.*}}loop_monitor.cpp:{{[0-9]+}}
// CHECK-DAG:  waiting on: sleep
// CHECK:      ---
// CHECK-NEXT: worst lag at least 250 ms: yes; late wake-ups: 1
