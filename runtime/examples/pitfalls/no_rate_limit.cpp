// Pitfall "No rate limiting": a task per URL started at once can overwhelm the server with
// thousands of concurrent requests.
// Fix: an aio::semaphore shared by all requests (the guide's fetch_with_sem), or a token
// bucket when the limit is a rate.
#include <aio/aio.hpp>

#include <string>
#include <vector>

aio::task<std::string> fetch(std::string url) {
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return "body of " + url;
}

aio::task<std::vector<std::string>> fetch_all(std::vector<std::string> urls) {
  std::vector<aio::join_handle<std::string>> tasks;
  for (const auto& url : urls)
    tasks.push_back(aio::create_task(fetch(url)));  // wrong: all at once [async-unbounded-spawn]
  co_return co_await aio::gather(std::move(tasks));
}

int main() { return aio::run(fetch_all({"a", "b"})).size() == 2 ? 0 : 1; }
