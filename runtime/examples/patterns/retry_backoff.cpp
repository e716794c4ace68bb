// The guide's exercise "retry logic with exponential backoff": a flaky call is retried up to a
// maximum number of attempts, waiting base * 2^(attempt-1) between them, with "equal jitter"
// (a random half of that) so that many clients do not retry in lockstep. The service below
// fails twice and answers on attempt 3; a dead one makes the caller give up after the last
// attempt with the last error. The wait is aio::sleep, so other tasks run meanwhile.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

long long ms_since(aio::clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(aio::get_running_loop().time() - start).count();
}

struct backoff_policy {
  int max_attempts = 5;
  std::chrono::milliseconds base = 100ms;
};

// Equal jitter: half the exponential step plus a random part of the other half. mt19937's
// output is the same everywhere (the distributions' algorithms are not), so the seeded delays are.
std::chrono::milliseconds backoff_delay(const backoff_policy& policy, int attempt, std::mt19937& rng) {
  const long long step = policy.base.count() << (attempt - 1);
  return std::chrono::milliseconds(step / 2 + static_cast<long long>(rng() % (step / 2 + 1)));
}

aio::task<std::string> retry_with_backoff(std::function<aio::task<std::string>()> operation, backoff_policy policy,
                                          std::mt19937& rng) {
  const auto start = aio::get_running_loop().time();
  for (int attempt = 1;; ++attempt) {
    std::printf("  attempt %d at %lld ms\n", attempt, ms_since(start));
    try {
      co_return co_await operation();
    } catch (const std::exception& e) {
      if (attempt == policy.max_attempts) {
        std::printf("  attempt %d failed (%s); giving up at %lld ms\n", attempt, e.what(), ms_since(start));
        throw;
      }
      std::printf("  attempt %d failed (%s);", attempt, e.what());
    }
    const auto delay = backoff_delay(policy, attempt, rng);
    std::printf(" retrying in %lld ms\n", static_cast<long long>(delay.count()));
    co_await aio::sleep(delay);
  }
}

// Answers after `failures` failed calls; each call takes 100 ms.
class flaky_service {
 public:
  explicit flaky_service(int failures) : failures_(failures) {}
  aio::task<std::string> call() {
    co_await aio::sleep(100ms);
    if (calls_++ < failures_) throw std::runtime_error("service unavailable");
    co_return "payload";
  }

 private:
  int failures_;
  int calls_ = 0;
};

aio::task<> main_task() {
  std::mt19937 rng(42);  // fixed seed: the jitter, and so this output, is reproducible

  flaky_service flaky(2);
  std::puts("flaky service:");
  const auto start = aio::get_running_loop().time();
  std::string answer = co_await retry_with_backoff([&flaky] { return flaky.call(); }, {.max_attempts = 5}, rng);
  std::printf("got %s after %lld ms\n", answer.c_str(), ms_since(start));

  flaky_service dead(1000);
  std::puts("dead service:");
  try {
    co_await retry_with_backoff([&dead] { return dead.call(); }, {.max_attempts = 3}, rng);
  } catch (const std::runtime_error& e) {
    std::printf("gave up: %s\n", e.what());
  }
}

int main() { aio::run(main_task()); }

// Each attempt takes 100 ms; the waits are 100 ms * 2^(n-1) / 2 + jitter, from mt19937(42)'s
// outputs 1608637542, 3421126067, 4083286876, 787846414 (50 + 1608637542 % 51 = 80, ...).
// CHECK:      flaky service:
// CHECK-NEXT:   attempt 1 at 0 ms
// CHECK-NEXT:   attempt 1 failed (service unavailable); retrying in [[#D1:80]] ms
// CHECK-NEXT:   attempt 2 at [[#100+D1]] ms
// CHECK-NEXT:   attempt 2 failed (service unavailable); retrying in [[#D2:132]] ms
// CHECK-NEXT:   attempt 3 at [[#200+D1+D2]] ms
// CHECK-NEXT: got payload after [[#300+D1+D2]] ms
// CHECK-NEXT: dead service:
// CHECK-NEXT:   attempt 1 at 0 ms
// CHECK-NEXT:   attempt 1 failed (service unavailable); retrying in [[#D3:78]] ms
// CHECK-NEXT:   attempt 2 at [[#100+D3]] ms
// CHECK-NEXT:   attempt 2 failed (service unavailable); retrying in [[#D4:155]] ms
// CHECK-NEXT:   attempt 3 at [[#200+D3+D4]] ms
// CHECK-NEXT:   attempt 3 failed (service unavailable); giving up at [[#300+D3+D4]] ms
// CHECK-NEXT: gave up: service unavailable
