// Pitfall "Fire and forget": create_task without keeping the task. Nothing awaits it, so
// the program may end before it finishes and its errors go nowhere.
// Fix: keep the handle and await it before returning (or use an aio::task_group), or say
// what happens to its errors with aio::detach(handle, on_error).
#include <aio/aio.hpp>

#include <cstdio>

aio::task<> background_job() {
  co_await aio::sleep(std::chrono::milliseconds(100));
  std::puts("background job finished");
}

aio::task<> handle_request() {
  aio::create_task(background_job());  // wrong: dropped at once [async-dropped-exception]
  co_await aio::sleep(std::chrono::milliseconds(10));  // the request's own work
  std::puts("request done");
}

int main() { aio::run(handle_request()); }
