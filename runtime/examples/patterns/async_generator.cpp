// The guide's async iterators and generators (`async for`, async comprehensions, paginated
// fetching): an aio::async_generator both awaits and yields; the consumer pulls one item at a
// time with next(), aio::to_vector is `[x async for x in gen]`, and a generator that filters and
// transforms another is `[x * x async for x in gen if x % 2 == 0]`. A consumer that stops early
// destroys the generator, whose RAII cleanup still runs.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

// async def async_range(count): for i in range(count): await sleep(1); yield i
aio::async_generator<int> async_range(int count) {
  for (int i = 0; i < count; ++i) {
    co_await aio::sleep(1s);
    co_yield i;
  }
}

// The comprehension's `if` and its expression, as a generator over another generator.
aio::async_generator<int> squares_of_evens(aio::async_generator<int> numbers) {
  while (auto x = co_await numbers.next())
    if (*x % 2 == 0) co_yield *x * *x;
}

std::string join(const std::vector<int>& items) {
  std::string out;
  for (int item : items) out += (out.empty() ? "" : ", ") + std::to_string(item);
  return "[" + out + "]";
}

// A paginated API: pages until an empty one.
aio::task<std::vector<std::string>> fetch_page(int page) {
  co_await aio::sleep(500ms);
  if (page == 1) co_return std::vector<std::string>{"alice", "bob"};
  if (page == 2) co_return std::vector<std::string>{"carol"};
  co_return std::vector<std::string>{};
}

struct cursor {
  ~cursor() { std::puts("cursor closed"); }  // runs however the iteration ends
};

aio::async_generator<std::vector<std::string>> fetch_pages() {
  cursor open_cursor;
  for (int page = 1;; ++page) {
    std::vector<std::string> data = co_await fetch_page(page);
    if (data.empty()) break;
    co_yield std::move(data);
  }
}

aio::task<> main_task() {
  const auto start = aio::get_running_loop().time();

  auto numbers = async_range(5);
  while (auto number = co_await numbers.next())  // async for
    std::printf("Got number: %d at %.1f s\n", *number, seconds_since(start));

  std::vector<int> all = co_await aio::to_vector(async_range(5));
  std::printf("[x async for x in async_range(5)] = %s at %.1f s\n", join(all).c_str(), seconds_since(start));

  std::map<int, int> squared;  // {x: x**2 async for x in async_range(5)}
  auto more = async_range(5);
  while (auto x = co_await more.next()) squared.emplace(*x, *x * *x);
  std::printf("{x: x*x async for x ...} has %zu entries, 4 -> %d, at %.1f s\n", squared.size(), squared.at(4),
              seconds_since(start));

  std::vector<int> filtered = co_await aio::to_vector(squares_of_evens(async_range(6)));
  std::printf("[x*x async for x in async_range(6) if x %% 2 == 0] = %s at %.1f s\n", join(filtered).c_str(),
              seconds_since(start));

  auto pages = fetch_pages();
  while (auto page = co_await pages.next())
    for (const std::string& user : *page) std::printf("user %s\n", user.c_str());
  std::printf("all pages read at %.1f s\n", seconds_since(start));  // 3 fetches of 0.5 s

  {
    auto early = fetch_pages();
    auto first = co_await early.next();
    std::printf("first page only: %zu users\n", first->size());
  }  // the generator is destroyed at its co_yield: its cursor closes here
  std::printf("done at %.1f s\n", seconds_since(start));
}

int main() { aio::run(main_task()); }

// CHECK:      Got number: 0 at 1.0 s
// CHECK-NEXT: Got number: 1 at 2.0 s
// CHECK-NEXT: Got number: 2 at 3.0 s
// CHECK-NEXT: Got number: 3 at 4.0 s
// CHECK-NEXT: Got number: 4 at 5.0 s
// CHECK-NEXT: [x async for x in async_range(5)] = [0, 1, 2, 3, 4] at 10.0 s
// CHECK-NEXT: {x: x*x async for x ...} has 5 entries, 4 -> 16, at 15.0 s
// CHECK-NEXT: [x*x async for x in async_range(6) if x % 2 == 0] = [0, 4, 16] at 21.0 s
// CHECK-NEXT: user alice
// CHECK-NEXT: user bob
// CHECK-NEXT: user carol
// CHECK-NEXT: cursor closed
// CHECK-NEXT: all pages read at 22.5 s
// CHECK-NEXT: first page only: 2 users
// CHECK-NEXT: cursor closed
// CHECK-NEXT: done at 23.0 s
