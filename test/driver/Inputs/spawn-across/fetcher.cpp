#include "fetcher.h"

namespace crawl {
namespace {

aio::semaphore connections{16};

aio::task<std::string> throttled_get(std::string url) {
  auto permit = co_await connections.acquire();
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return url;
}

} // namespace

aio::task<std::string> Fetcher::fetch(std::string url) {
  auto permit = co_await limit_.acquire();
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return url;
}

aio::task<std::string> download(std::string url) {
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return url;
}

aio::task<std::string> download_limited(std::string url) {
  co_return co_await throttled_get(std::move(url));
}

aio::task<std::string> scrape(std::string url, aio::semaphore &limit) {
  auto permit = co_await limit.acquire();
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return url;
}

aio::task<std::string> scrape_unlimited(std::string url, aio::semaphore &limit) {
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return url;
}

} // namespace crawl
