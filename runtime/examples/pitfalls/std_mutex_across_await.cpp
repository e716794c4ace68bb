// Pitfall "Shared mutable state", protected with the wrong lock: a std::mutex held across a
// co_await. While this task is suspended, another task on the same thread that wants the
// mutex blocks the whole loop — the suspended owner can never resume to unlock it: deadlock.
// (The bugs arangodb#21099 and FISCO-BCOS#5504 are this mistake.)
// Fix: aio::mutex, whose lock is awaited: `auto guard = co_await log_lock.lock();`
#include <aio/aio.hpp>

#include <cstdio>
#include <mutex>
#include <string>
#include <utility>

std::mutex log_lock;
std::string log_buffer;

aio::task<> flush(std::string text) {
  co_await aio::sleep(std::chrono::milliseconds(5));  // the write to disk
  std::printf("%s", text.c_str());
}

aio::task<> log_line(std::string line) {
  std::lock_guard guard(log_lock);  // wrong: held across the co_await below [async-lock-across-await]
  log_buffer += line + "\n";
  co_await flush(std::exchange(log_buffer, {}));
}

aio::task<> main_task() {
  co_await aio::gather(log_line("first"), log_line("second"));  // the second deadlocks
}

int main() { aio::run(main_task()); }
