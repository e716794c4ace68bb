// Peak resident memory of 1M concurrently sleeping tasks: `sleepers-rss aio|asio [count]`.
// Prints one line: "<runtime> <count> <peak RSS MiB>".
#include <sys/resource.h>

#include <aio/aio.hpp>
#include <boost/asio.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

aio::task<> aio_sleeper() { co_await aio::sleep(1s); }

void run_aio(std::size_t count) {
  aio::run([](std::size_t n) -> aio::task<> {
    std::vector<aio::join_handle<>> handles;
    handles.reserve(n);
    for (std::size_t i = 0; i < n; ++i) handles.push_back(aio::create_task(aio_sleeper()));
    for (auto& h : handles) co_await h;
  }(count));
}

void run_asio(std::size_t count) {
  asio::io_context ctx(1);
  for (std::size_t i = 0; i < count; ++i)
    asio::co_spawn(ctx, []() -> asio::awaitable<void> {
      asio::steady_timer timer(co_await asio::this_coro::executor, 1s);
      co_await timer.async_wait(asio::use_awaitable);
    }, asio::detached);
  ctx.run();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string runtime = argc > 1 ? argv[1] : "aio";
  const std::size_t count = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  if (runtime == "aio") run_aio(count);
  else if (runtime == "asio") run_asio(count);
  else return 2;
  std::printf("%s %zu %.1f\n", runtime.c_str(), count, peak_rss_mib());
  return 0;
}
