// RUN: %check_corolint_plugin %s async-dangling-reference %t -- --config="{CheckOptions: {AsyncProfile: asio}}" -- -std=c++20
// RUN: %check_corolint %s async-dangling-reference %t-cli -- --config="{CheckOptions: {AsyncProfile: asio}}" -- -std=c++20
//
// Tasks spawned onto a boost::asio::thread_pool that the spawning function
// joins before its locals die: `join()` returns once every spawned coroutine
// has finished, so a reference parameter bound to a local of that function
// never dangles (issue 16: the profile's JoinFunctions are a keep-alive, as
// io_context::run is). The join must be the pool the task went to, and come
// after the spawn; a function that spawns and returns leaves the task running.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

using boost::asio::awaitable;
using boost::asio::co_spawn;
using boost::asio::detached;

awaitable<void> sum_into(const std::vector<int> &values, long &total) {
  auto executor = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer(executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(boost::asio::use_awaitable);
  for (int v : values)
    total += v;
}

long joined_pool() {
  boost::asio::thread_pool pool(4);
  std::vector<int> values{1, 2, 3};
  long total = 0;
  co_spawn(pool, sum_into(values, total), detached);
  pool.join(); // every spawned coroutine has finished here
  return total;
}

long joined_through_executor() {
  boost::asio::thread_pool pool(2);
  std::vector<int> values{4, 5};
  long total = 0;
  for (int i = 0; i < 3; ++i)
    co_spawn(pool.get_executor(), sum_into(values, total), detached);
  pool.wait();
  return total;
}

// Bad: the pool outlives the function; nothing waits for the coroutine.
void spawn_and_return(boost::asio::thread_pool &pool) {
  std::vector<int> values{1, 2, 3};
  long total = 0;
  co_spawn(pool, sum_into(values, total), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'values' of coroutine 'sum_into' refers to local 'values', which may be destroyed while the task still runs (it is handed to 'boost::asio::co_spawn')
}

// Bad: another pool is joined.
void joins_another_pool(boost::asio::thread_pool &pool) {
  boost::asio::thread_pool helpers(1);
  std::vector<int> values{1, 2, 3};
  long total = 0;
  co_spawn(pool, sum_into(values, total), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'values' of coroutine 'sum_into' refers to local 'values', which may be destroyed while the task still runs (it is handed to 'boost::asio::co_spawn')
  helpers.join();
}

// Bad: joined before the spawn.
void joins_first() {
  boost::asio::thread_pool pool(1);
  std::vector<int> values{1, 2, 3};
  long total = 0;
  pool.join();
  co_spawn(pool, sum_into(values, total), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'values' of coroutine 'sum_into' refers to local 'values', which may be destroyed while the task still runs (it is handed to 'boost::asio::co_spawn')
}
