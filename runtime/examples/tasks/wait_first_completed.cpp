// The guide's "wait() - Wait with fine control" (comprehensive guide): aio::wait with
// return_when::first_completed returns as soon as one task is done, splitting the tasks into
// {done, pending}; it cancels nothing itself, so the program cancels the pending ones and
// waits for them to finish cancelling. Everything is over at 1 s, not 3 s.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double elapsed() {
  static const aio::clock::time_point start = aio::get_running_loop().time();
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<std::string> fetch_data(int id, std::chrono::seconds delay) {
  co_await aio::sleep(delay);
  co_return "Data " + std::to_string(id);
}

aio::task<> main_task() {
  elapsed();
  std::vector<aio::join_handle<std::string>> tasks;
  tasks.push_back(aio::create_task(fetch_data(1, 1s), "fetch-1"));
  tasks.push_back(aio::create_task(fetch_data(2, 2s), "fetch-2"));
  tasks.push_back(aio::create_task(fetch_data(3, 3s), "fetch-3"));

  auto [done, pending] = co_await aio::wait(tasks, aio::return_when::first_completed);
  std::printf("First result at %.1f s: %s\n", elapsed(), done.front().result().c_str());
  std::printf("%zu done, %zu pending\n", done.size(), pending.size());

  for (auto& task : pending) task.cancel();
  co_await aio::wait(pending);  // all_completed: the cancellations take effect
  for (const auto& task : pending)
    std::printf("%s cancelled: %s\n", task.name().c_str(), task.cancelled() ? "yes" : "no");
  std::printf("Finished at %.1f s\n", elapsed());
}

int main() { aio::run(main_task()); }

// CHECK:      First result at 1.0 s: Data 1
// CHECK-NEXT: 1 done, 2 pending
// CHECK-NEXT: fetch-2 cancelled: yes
// CHECK-NEXT: fetch-3 cancelled: yes
// CHECK-NEXT: Finished at 1.0 s
