// redpanda-data/redpanda@f4d4ed025b src/v/transform/rpc/client.cc ("transform/rpc/client: add
// backoff to retries", PR #14385)
// Story: client::retry(Func) called the RPC again at once whenever its result said not_leader
// or timeout: the error code came out of a plain errc, an outcome result's error() or a
// reply's .ec (if constexpr on the result type), and a switch looped straight back into
// func(), up to max_client_retries times with no pause while leadership moved. Fix:
// retry_with_backoff sleeps (abortably) an exponential backoff before every attempt.
#include <aio/aio.hpp>

#include <chrono>
#include <optional>
#include <type_traits>
#include <utility>

using namespace std::chrono_literals;

namespace cluster {
enum class errc { success, not_leader, timeout, topic_not_exists };
}
template <typename T> struct result {
  std::optional<T> value;
  cluster::errc ec = cluster::errc::success;
  bool has_error() const { return ec != cluster::errc::success; }
  cluster::errc error() const { return ec; }
};
template <typename T> inline constexpr bool is_basic_result_v = false;
template <typename T> inline constexpr bool is_basic_result_v<result<T>> = true;

struct produce_reply { cluster::errc ec = cluster::errc::success; };
struct produce_request { int partition = 0; };

constexpr int max_client_retries = 5;

struct exponential_backoff {
  std::chrono::milliseconds current{0}, base, max;
  std::chrono::milliseconds current_backoff_duration() const { return current; }
  void next_backoff() { current = current.count() == 0 ? base : std::min(current * 2, max); }
};

class client {
 public:
  aio::task<produce_reply> produce(produce_request req);
  aio::task<produce_reply> produce_fixed(produce_request req);

 private:
  aio::task<produce_reply> do_produce_once(produce_request req);
  aio::event _stopping;
};

namespace bad {
template <typename Func>
std::invoke_result_t<Func> retry(Func func) {
  int attempts = 0;
  while (true) { // BUG: async-retry-without-backoff
    ++attempts;
    auto r = co_await func();
    cluster::errc ec = cluster::errc::success;
    if constexpr (std::is_same_v<cluster::errc, decltype(r)>) {
      ec = r;
    } else if constexpr (is_basic_result_v<decltype(r)>) {
      ec = r.has_error() ? r.error() : cluster::errc::success;
    } else {
      ec = r.ec;
    }
    switch (ec) {
    case cluster::errc::not_leader:
    case cluster::errc::timeout:
      // We've ran out of retries, return our error
      if (attempts >= max_client_retries) {
        co_return r;
      }
      break;
    case cluster::errc::success:
    // Don't retry arbitrary error codes.
    default:
      co_return r;
    }
  }
}
} // namespace bad

aio::task<produce_reply> client::produce(produce_request req) {
  co_return co_await bad::retry([this, req]() { return do_produce_once(req); });
}

namespace fixed { // FIXED SHAPE: no finding below
template <typename Func>
std::invoke_result_t<Func> retry_with_backoff(Func func) {
  constexpr auto base_backoff_duration = 100ms;
  constexpr auto max_backoff_duration = base_backoff_duration * max_client_retries;
  exponential_backoff backoff{0ms, base_backoff_duration, max_backoff_duration};
  int attempts = 0;
  while (true) {
    ++attempts;
    co_await aio::sleep(backoff.current_backoff_duration());
    auto r = co_await func();
    backoff.next_backoff();
    cluster::errc ec = cluster::errc::success;
    if constexpr (std::is_same_v<cluster::errc, decltype(r)>) {
      ec = r;
    } else if constexpr (is_basic_result_v<decltype(r)>) {
      ec = r.has_error() ? r.error() : cluster::errc::success;
    } else {
      ec = r.ec;
    }
    switch (ec) {
    case cluster::errc::not_leader:
    case cluster::errc::timeout:
      if (attempts >= max_client_retries) {
        co_return r;
      }
      break;
    case cluster::errc::success:
    default:
      co_return r;
    }
  }
}
} // namespace fixed

aio::task<produce_reply> client::produce_fixed(produce_request req) {
  co_return co_await fixed::retry_with_backoff([this, req]() { return do_produce_once(req); });
}
