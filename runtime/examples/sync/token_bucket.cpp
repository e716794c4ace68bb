// A rate limiter for R requests per second (the comprehensive guide's "API Rate Limiting" and
// its practice exercises "a rate-limited API client" / "a scraper that respects rate limits").
// A token bucket holds up to `burst` tokens and gains one every 1/R s; a request takes a token,
// waiting for the next one when the bucket is empty. Built from aio primitives: an aio::mutex
// makes the waiting requests queue up in FIFO order, aio::sleep waits for the next token.
// Measured on the loop clock: with burst 1, 20 requests at 5/s go out exactly 0.2 s apart,
// 5 in each second; with burst 5, the first 5 go out at once, then the rate is 5/s again.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <vector>

using namespace std::chrono_literals;

class token_bucket {
 public:
  token_bucket(int per_second, int burst)
      : interval_(std::chrono::duration_cast<aio::clock::duration>(1s) / per_second),
        burst_(burst),
        tokens_(burst),
        last_refill_(aio::get_running_loop().time()) {}

  // Completes when the caller may send one request.
  aio::task<> acquire() {
    auto guard = co_await mutex_.lock();  // one request at a time refills and waits: FIFO
    refill();
    if (tokens_ == 0) {
      co_await aio::sleep(last_refill_ + interval_ - aio::get_running_loop().time());
      refill();
    }
    --tokens_;
  }

 private:
  // Adds the tokens earned since the last refill, up to the bucket size.
  void refill() {
    const auto now = aio::get_running_loop().time();
    const auto earned = static_cast<int>((now - last_refill_) / interval_);
    if (earned == 0) return;
    tokens_ = std::min(burst_, tokens_ + earned);
    last_refill_ = tokens_ == burst_ ? now : last_refill_ + earned * interval_;
  }

  aio::mutex mutex_;
  aio::clock::duration interval_;
  int burst_;
  int tokens_;
  aio::clock::time_point last_refill_;
};

// One API call: waits for the limiter, then counts itself in the second it was sent.
aio::task<> call_api(token_bucket& limiter, aio::clock::time_point start, std::map<int, int>& per_second,
                     aio::clock::time_point& last_sent) {
  co_await limiter.acquire();
  last_sent = aio::get_running_loop().time();
  ++per_second[static_cast<int>((last_sent - start) / 1s)];
  co_await aio::sleep(300ms);  // the request itself does not hold the limiter
}

aio::task<> demo(int per_second_limit, int burst) {
  const auto start = aio::get_running_loop().time();
  token_bucket limiter(per_second_limit, burst);
  std::map<int, int> per_second;
  aio::clock::time_point last_sent = start;
  std::vector<aio::task<>> calls;
  for (int i = 0; i < 20; ++i) calls.push_back(call_api(limiter, start, per_second, last_sent));
  co_await aio::gather(std::move(calls));
  std::printf("rate %d/s, burst %d:", per_second_limit, burst);
  for (const auto& [second, count] : per_second) std::printf(" [%d s, %d s): %d", second, second + 1, count);
  std::printf("; last request sent at %.1f s\n", std::chrono::duration<double>(last_sent - start).count());
}

aio::task<> main_task() {
  co_await demo(5, 1);
  co_await demo(5, 5);
}

int main() { aio::run(main_task()); }

// CHECK:      rate 5/s, burst 1: [0 s, 1 s): 5 [1 s, 2 s): 5 [2 s, 3 s): 5 [3 s, 4 s): 5; last request sent at 3.8 s
// CHECK-NEXT: rate 5/s, burst 5: [0 s, 1 s): 9 [1 s, 2 s): 5 [2 s, 3 s): 5 [3 s, 4 s): 1; last request sent at 3.0 s
