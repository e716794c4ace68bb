// One task per URL, each spawned work defined in fetcher.cpp: the bound (or
// its absence) is there.
#include "fetcher.h"
#include <vector>

namespace crawl {

using pages_t = std::vector<aio::join_handle<std::string>>;

aio::task<> crawl(std::vector<std::string> urls, Fetcher &fetcher) {
  pages_t pages;
  for (const auto &url : urls)
    pages.push_back(aio::create_task(fetcher.fetch(url)));
  co_await aio::gather(std::move(pages));
}

aio::task<> mirror(std::vector<std::string> urls) {
  pages_t pages;
  for (const auto &url : urls)
    pages.push_back(aio::create_task(download(url)));
  co_await aio::gather(std::move(pages));
}

aio::task<> mirror_limited(std::vector<std::string> urls) {
  pages_t pages;
  for (const auto &url : urls)
    pages.push_back(aio::create_task(download_limited(url)));
  co_await aio::gather(std::move(pages));
}

aio::task<> scrape_all(std::vector<std::string> urls) {
  aio::semaphore limit{8};
  std::vector<aio::task<std::string>> tasks;
  for (const auto &url : urls)
    tasks.push_back(scrape(url, limit));
  co_await aio::gather(std::move(tasks));
}

aio::task<> scrape_all_unlimited(std::vector<std::string> urls) {
  aio::semaphore limit{8};
  std::vector<aio::task<std::string>> tasks;
  for (const auto &url : urls)
    tasks.push_back(scrape_unlimited(url, limit));
  co_await aio::gather(std::move(tasks));
}

} // namespace crawl
