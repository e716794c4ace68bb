// Pitfall "Retry without delay": the failed request is repeated at once, as fast as the
// loop can go — a struggling server gets hammered exactly when it needs air.
// Fix: exponential backoff with jitter between attempts:
//   co_await aio::sleep(base * (1 << attempt) + jitter);
#include <aio/aio.hpp>

#include <stdexcept>
#include <string>

aio::task<std::string> fetch_data(std::string url) {
  co_await aio::sleep(std::chrono::milliseconds(10));
  throw std::runtime_error("503 from " + url);
}

aio::task<std::string> fetch_with_retry(std::string url, int max_retries = 3) {
  for (int attempt = 0;; ++attempt) {  // wrong: no pause between attempts [async-retry-without-backoff]
    try {
      co_return co_await fetch_data(url);
    } catch (const std::exception&) {
      if (attempt == max_retries - 1) throw;
    }
  }
}

int main() {
  try {
    aio::run(fetch_with_retry("http://api.example/"));
  } catch (const std::exception&) {
    return 1;
  }
}
