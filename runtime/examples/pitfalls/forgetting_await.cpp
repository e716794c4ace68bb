// Pitfall "Forgetting await": calling a coroutine function only creates the task. Like a
// Python coroutine object, an aio::task runs nothing until it is awaited or scheduled, so the
// save below never happens and the printed "result" is a task, not data.
// Fix: co_await save(id); auto result = co_await fetch_data();
#include <aio/aio.hpp>

#include <cstdio>

aio::task<int> fetch_data() {
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return 42;
}

aio::task<> save(int id) {
  co_await aio::sleep(std::chrono::milliseconds(10));
  std::printf("saved %d\n", id);
}

aio::task<> main_task() {
  save(7);                      // wrong: the task is created and dropped [async-unawaited-task]
  auto result = fetch_data();   // wrong: never awaited [async-unawaited-task]
  co_await aio::sleep(std::chrono::milliseconds(50));
  std::printf("done\n");
}

int main() { aio::run(main_task()); }
