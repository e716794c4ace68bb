// The coroutines crawler.cpp spawns once per URL; their bodies are in fetcher.cpp.
#pragma once
#include <aio/aio.hpp>
#include <string>

namespace crawl {

class Fetcher {
public:
  explicit Fetcher(int limit) : limit_(limit) {}
  // Takes one of limit_'s permits: every task the crawler spawns shares it.
  aio::task<std::string> fetch(std::string url);

private:
  aio::semaphore limit_;
};

// Takes no permit: nothing bounds how many run at once.
aio::task<std::string> download(std::string url);
// Awaits throttled_get (fetcher.cpp), which takes a permit of a file-wide semaphore.
aio::task<std::string> download_limited(std::string url);
// Acquires the semaphore it is handed.
aio::task<std::string> scrape(std::string url, aio::semaphore &limit);
// Is handed a semaphore and never acquires it.
aio::task<std::string> scrape_unlimited(std::string url, aio::semaphore &limit);

} // namespace crawl
