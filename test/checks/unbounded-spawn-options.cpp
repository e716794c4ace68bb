// MaxStaticFanout moves the line between a small constant fan-out and a large one.
// RUN: %check_corolint_plugin %s async-unbounded-spawn %t -- -config="{CheckOptions: {async-unbounded-spawn.MaxStaticFanout: 8}}"
// RUN: %check_corolint_plugin --check-suffix=DEFAULT %s async-unbounded-spawn %t-default
// RUN: %check_corolint --check-suffix=DEFAULT %s async-unbounded-spawn %t-default-cli
// RUN: %check_corolint_fast --check-suffix=DEFAULT %s async-unbounded-spawn %t-fast-default

#include <aio/aio.hpp>

#include <vector>

aio::task<> tick();

aio::task<> fixed_counts() {
  std::vector<aio::join_handle<void>> handles;
  for (int i = 0; i < 10; ++i)
    handles.push_back(aio::create_task(tick()));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates 10 tasks in a loop with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'aio::semaphore' shared by all of them inside each task, or spawn them into 'aio::task_group{aio::max_concurrency{N}}' [async-unbounded-spawn]
  for (int i = 0; i < 7; ++i)
    handles.push_back(aio::create_task(tick()));
  for (int i = 0; i <= 64; ++i)
    handles.push_back(aio::create_task(tick()));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: creates 65 tasks in a loop
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:23: warning: creates 65 tasks in a loop with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'aio::semaphore' shared by all of them inside each task, or spawn them into 'aio::task_group{aio::max_concurrency{N}}' [async-unbounded-spawn]
  // CHECK-FAST-MESSAGES-DEFAULT: :[[@LINE-3]]:23: warning: creates 65 tasks in a loop with no bound on how many run at once, so a large input exhausts memory, connections and the services they call; acquire one 'aio::semaphore' shared by all of them inside each task, or spawn them into 'aio::task_group{aio::max_concurrency{N}}' [async-unbounded-spawn]
  co_await aio::gather(std::move(handles));
}
