// Pitfall "Creating too many tasks": one concurrent task per URL for a million URLs. Every
// task holds a frame and, in real code, a socket: memory and file descriptors run out.
// Fix: take an aio::semaphore inside the spawned work, or use
// aio::task_group{aio::max_concurrency{100}}.
#include <aio/aio.hpp>

#include <string>
#include <vector>

aio::task<std::size_t> fetch(std::string url) {
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return url.size();
}

aio::task<> main_task() {
  std::vector<std::string> urls;
  for (int i = 0; i < 1'000'000; ++i) urls.push_back("http://api.example/" + std::to_string(i));
  std::vector<aio::task<std::size_t>> fetches;
  for (const auto& url : urls)
    fetches.push_back(fetch(url));  // wrong: a million at once [async-unbounded-spawn]
  co_await aio::gather(std::move(fetches));
}

int main() { aio::run(main_task()); }
