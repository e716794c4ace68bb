// RUN: %check_corolint_plugin %s async-sequential-await %t
// RUN: %check_corolint %s async-sequential-await %t-cli
// RUN: %check_corolint_fast %s async-sequential-await %t-fast

#include <aio/aio.hpp>

#include <coroutine>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::string> fetch(std::string url) { co_await aio::sleep(1ms); co_return url; }
aio::task<int> fetch_id(int id) { co_await aio::sleep(1ms); co_return id; }
aio::task<std::size_t> count_words(const std::string &url) { co_await aio::sleep(1ms); co_return url.size(); }
aio::task<> store(std::string body) { co_await aio::sleep(1ms); co_return; }
aio::task<bool> try_fetch(const std::string &mirror) { co_await aio::sleep(1ms); co_return !mirror.empty(); }

struct page {
  std::vector<std::string> items;
  std::optional<std::string> next;
};
aio::task<page> fetch_page(std::optional<std::string> cursor) { co_await aio::sleep(1ms); co_return page{}; }

struct worker {
  aio::task<> stop() { co_await aio::sleep(1ms); co_return; }
};

struct connection {
  aio::task<> send(std::string message) { co_await aio::sleep(1ms); co_return; }
  aio::task<std::string> receive() { co_await aio::sleep(1ms); co_return std::string(); }
};
aio::task<> write_frame(connection &conn, std::string frame) { co_await aio::sleep(1ms); co_return; }

// A queue stand-in (the consumer pattern needs only `get()`).
namespace fake {
struct queue {
  aio::task<std::string> get() { co_await aio::sleep(1ms); co_return std::string(); }
};
} // namespace fake

// ---- must flag ---------------------------------------------------------------

// ESLint no-await-in-loop: every request waits for the one before it.
aio::task<> fetch_all(std::vector<std::string> urls) {
  for (const auto &url : urls)
    co_await fetch(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'fetch' once per element of 'urls', one after another, although no iteration needs the previous one's result, so the waits add up; start them all and 'co_await aio::gather(...)' once [async-sequential-await]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'fetch' once per element of 'urls'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently, collect the tasks in a 'std::vector<aio::task<...>>' in this loop instead of awaiting each one, then 'co_await aio::gather(std::move(tasks))' after it; bound the fan-out if the collection can be large
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'fetch' once per element of 'urls', one after another, although no iteration needs the previous one's result, so the waits add up; start them all and 'co_await aio::gather(...)' once [async-sequential-await]
}

// Results collected in order: gather keeps the order too.
aio::task<std::vector<std::string>> collect_bodies(std::vector<std::string> urls) {
  std::vector<std::string> bodies;
  for (const auto &url : urls) {
    auto body = co_await fetch(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: loop awaits 'fetch' once per element of 'urls'
    // CHECK-NOTES: :[[@LINE-2]]:17: warning: loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:17: warning: loop awaits 'fetch' once per element of 'urls'
    bodies.push_back(body);
  }
  co_return bodies;
}

// An accumulator does not make an iteration depend on the previous one.
aio::task<std::size_t> total_words(std::vector<std::string> urls) {
  std::size_t total = 0;
  for (const auto &url : urls)
    total += co_await count_words(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: loop awaits 'count_words' once per element of 'urls'
  // CHECK-NOTES: :[[@LINE-2]]:14: warning: loop awaits 'count_words'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:14: warning: loop awaits 'count_words' once per element of 'urls'
  co_return total;
}

// A counted loop.
aio::task<> fetch_range(int n) {
  for (int i = 0; i < n; ++i)
    co_await fetch_id(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'fetch_id' once per iteration of a loop bounded by 'n'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'fetch_id'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'fetch_id' once per iteration of a loop bounded by 'n'
}

// A task created and awaited at once is no better than awaiting the call.
aio::task<> create_and_await(std::vector<std::string> urls) {
  for (const auto &url : urls) {
    co_await aio::create_task(fetch(url));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'fetch' once per element of 'urls'
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'fetch' once per element of 'urls'
  }
}

// A different object each iteration: stopping one worker need not wait for the others.
aio::task<> stop_all(std::vector<worker> &workers) {
  for (auto &w : workers)
    co_await w.stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'stop' once per element of 'workers'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'stop'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'stop' once per element of 'workers'
}

// Indexed by the loop counter.
aio::task<> stop_indexed(std::vector<worker> &workers) {
  for (std::size_t i = 0; i < workers.size(); ++i)
    co_await workers[i].stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'stop' once per element of 'workers'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'stop'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'stop' once per element of 'workers'
}

// A const method of one shared object changes nothing: the requests can overlap.
struct http_client {
  aio::task<std::string> head(std::string url) const { co_await aio::sleep(1ms); co_return url; }
};
aio::task<> fetch_with_client(const http_client &client, std::vector<std::string> urls) {
  for (const auto &url : urls)
    co_await client.head(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'head' once per element of 'urls'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'head'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'head' once per element of 'urls'
}

// Awaited only for some elements.
aio::task<> refresh_stale(std::map<std::string, bool> stale) {
  for (const auto &[url, is_stale] : stale) {
    if (is_stale)
      co_await fetch(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: loop awaits 'fetch' once per element of 'stale'
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-5]]:3: note: to run them concurrently
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:7: warning: loop awaits 'fetch' once per element of 'stale'
  }
}

// Under a timeout wrapper, each request still waits for the previous one.
aio::task<> fetch_with_timeouts(std::vector<std::string> urls) {
  for (const auto &url : urls)
    co_await aio::wait_for(fetch(url), 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'fetch' once per element of 'urls'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'fetch'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'fetch' once per element of 'urls'
}

// aio::timeout takes the work second.
aio::task<> fetch_with_timeout_first(std::vector<std::string> urls) {
  for (const auto &url : urls)
    co_await aio::timeout(1s, fetch(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'fetch' once per element of 'urls'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'fetch'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'fetch' once per element of 'urls'
}

// Two steps per item that depend on each other, but not on the other items.
aio::task<> fetch_and_store(std::vector<std::string> urls) {
  for (const auto &url : urls) {
    auto body = co_await fetch(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: loop awaits 'fetch' once per element of 'urls'
    // CHECK-NOTES: :[[@LINE-2]]:17: warning: loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:17: warning: loop awaits 'fetch' once per element of 'urls'
    co_await store(body);
  }
}

// Failures handled per item are what gather(return_exceptions, ...) gives.
aio::task<int> count_failures(std::vector<std::string> urls) {
  int failures = 0;
  for (const auto &url : urls) {
    try {
      co_await fetch(url);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: loop awaits 'fetch' once per element of 'urls'
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: loop awaits 'fetch'
      // CHECK-NOTES: :[[@LINE-5]]:3: note: to run them concurrently
      // CHECK-FAST-MESSAGES: :[[@LINE-4]]:7: warning: loop awaits 'fetch' once per element of 'urls'
    } catch (const std::exception &) {
      ++failures;
    }
  }
  co_return failures;
}

// Iterators.
aio::task<> fetch_by_iterator(std::vector<std::string> urls) {
  for (auto it = urls.begin(); it != urls.end(); ++it)
    co_await fetch(*it);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'fetch' once per element of 'urls'
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'fetch'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'fetch' once per element of 'urls'
}

// A constant number of independent requests.
aio::task<> three_shards() {
  for (int shard = 0; shard < 3; ++shard)
    co_await fetch_id(shard);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop awaits 'fetch_id' 3 times
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: loop awaits 'fetch_id' 3 times
  // CHECK-NOTES: :[[@LINE-4]]:3: note: to run them concurrently
  // CHECK-FAST-MESSAGES: :[[@LINE-4]]:5: warning: loop awaits 'fetch_id' 3 times
}

// In a coroutine lambda.
aio::task<> in_a_lambda(std::vector<std::string> urls) {
  auto run = [&]() -> aio::task<> {
    for (const auto &url : urls)
      co_await fetch(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: loop awaits 'fetch' once per element of 'urls'
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-4]]:5: note: to run them concurrently
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:7: warning: loop awaits 'fetch' once per element of 'urls'
  };
  co_await run();
}

// ---- must leave alone ------------------------------------------------------

// Pagination: each request needs the cursor the previous one returned.
aio::task<std::vector<std::string>> all_items() {
  std::vector<std::string> items;
  std::optional<std::string> cursor;
  do {
    page p = co_await fetch_page(cursor);
    items.insert(items.end(), p.items.begin(), p.items.end());
    cursor = p.next;
  } while (cursor);
  co_return items;
}

aio::task<> first_pages(int pages) {
  std::optional<std::string> cursor;
  for (int i = 0; i < pages; ++i) {
    auto p = co_await fetch_page(cursor);
    cursor = p.next;
  }
}

// A value threaded through the iterations.
aio::task<int> chained(int steps) {
  int value = 0;
  for (int i = 0; i < steps; ++i)
    value = co_await fetch_id(value);
  co_return value;
}

// Queue consumers: each get() waits for the next item, by design.
aio::task<> consume(fake::queue &q, int n) {
  for (int i = 0; i < n; ++i) {
    auto item = co_await q.get();
    co_await store(item);
  }
}

aio::task<> consume_forever(fake::queue &q) {
  while (true)
    co_await store(co_await q.get());
}

// Handles of tasks that are already running: awaiting them in turn costs nothing.
aio::task<> join_all(std::vector<std::string> urls) {
  std::vector<aio::join_handle<std::string>> handles;
  for (const auto &url : urls)
    handles.push_back(aio::create_task(fetch(url)));
  for (auto &h : handles)
    co_await h;
  for (std::size_t i = 0; i < handles.size(); ++i)
    co_await handles[i];
}

// One gather per batch bounds the fan-out on purpose.
aio::task<> batches(std::vector<std::vector<aio::task<std::string>>> chunks) {
  for (auto &chunk : chunks)
    co_await aio::gather(std::move(chunk));
}

// Rate limiting: the sleep paces the requests.
aio::task<> polite_crawl(std::vector<std::string> urls) {
  for (const auto &url : urls) {
    co_await fetch(url);
    co_await aio::sleep(100ms);
  }
}

// Try the mirrors in order until one answers.
aio::task<bool> first_mirror(std::vector<std::string> mirrors) {
  for (const auto &mirror : mirrors)
    if (co_await try_fetch(mirror))
      co_return true;
  co_return false;
}

aio::task<> until_found(std::vector<std::string> mirrors) {
  for (const auto &mirror : mirrors) {
    if (co_await try_fetch(mirror))
      break;
  }
}

// Messages on one connection must go out in order.
aio::task<> send_all(connection &conn, std::vector<std::string> messages) {
  for (const auto &m : messages)
    co_await conn.send(m);
  for (const auto &m : messages)
    co_await write_frame(conn, m);
}

// A work list: what the body does decides whether the loop goes on.
aio::task<> crawl(std::vector<std::string> pending) {
  while (!pending.empty()) {
    auto url = pending.back();
    pending.pop_back();
    auto body = co_await fetch(url);
    if (body.size() > 10)
      pending.push_back(body);
  }
}

// A server's loop runs for as long as there is work.
aio::task<> serve(connection &conn) {
  for (;;) {
    auto request = co_await conn.receive();
    co_await store(request);
  }
}

// One iteration is nothing to gather.
aio::task<> once() {
  for (int i = 0; i < 1; ++i)
    co_await fetch_id(i);
}

// The await belongs to a lambda coroutine created, not awaited, in the loop.
aio::task<> builds_tasks(std::vector<std::string> urls) {
  std::vector<aio::task<>> tasks;
  for (const auto &url : urls)
    tasks.push_back([url]() -> aio::task<> { co_await fetch(url); }());
  co_await aio::gather(std::move(tasks));
}

// A generator hands out one result at a time on purpose.
struct string_stream {
  struct promise_type {
    string_stream get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(std::string) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
string_stream stream_bodies(std::vector<std::string> urls) {
  for (const auto &url : urls)
    co_yield co_await fetch(url);
}

// `for co_await` (asio's range_based_for example): the elements arrive one at a time.
struct event_iter {
  int value = 0;
  aio::task<> operator++() { co_return; }
  int operator*() const { return value; }
  bool operator==(const event_iter &) const { return false; }
};
struct event_stream {
  aio::task<event_iter> begin() { co_return event_iter{}; }
  event_iter end() { return {}; }
};
#pragma clang diagnostic ignored "-Wdeprecated-coroutine"
aio::task<> consume_events(event_stream events) {
  for co_await (int e : events)
    co_await fetch_id(e);
}

// Nested loops: only the inner one awaits one by one; it is reported once.
aio::task<> nested(std::vector<std::vector<std::string>> groups) {
  for (auto &group : groups) {
    for (const auto &url : group)
      co_await fetch(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: loop awaits 'fetch' once per element of 'group'
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-4]]:5: note: to run them concurrently
    // CHECK-FAST-MESSAGES: :[[@LINE-4]]:7: warning: loop awaits 'fetch' once per element of 'group'
  }
}

int main() { return 0; }
