// The guide's "Enable asyncio debug mode" (asyncio.run(main(), debug=True) or
// PYTHONASYNCIODEBUG=1): aio::run_options{.debug = true} (or AIO_DEBUG=1) makes the loop report
// a coroutine that was created but never awaited ("coroutine ... was never awaited") and a task
// step that held the loop longer than slow_callback_duration (100 ms by default), with the task's
// name and where its coroutine is defined. An exception handler set with set_exception_handler
// receives the reports (instead of stderr), so a program can log them its own way.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

const char* kind_name(aio::report_kind kind) {
  switch (kind) {
    case aio::report_kind::never_awaited: return "never awaited";
    case aio::report_kind::slow_callback: return "slow callback";
    case aio::report_kind::exception_never_retrieved: return "exception never retrieved";
    default: return "other";
  }
}

aio::task<std::string> load_profile(int user) {
  co_await aio::sleep(10ms);
  co_return "profile " + std::to_string(user);
}

aio::task<> check_permissions(int user) {
  co_await aio::sleep(10ms);
  if (user != 1) throw std::runtime_error("permission denied");
}

// Starts on the profile early, but a failed permission check leaves before awaiting it: the
// task is destroyed without ever running. Debug mode notices; reading the code easily does not.
aio::task<std::string> handle_request(int user) {
  aio::task<std::string> profile = load_profile(user);
  co_await check_permissions(user);
  co_return co_await std::move(profile);
}

// CPU-bound work inside a coroutine: 150 ms during which no other task can run. (Simulated by
// watching the clock, so that it takes 150 ms on any machine.)
aio::task<int> parse_report() {
  co_await aio::sleep(10ms);
  const auto until = aio::clock::now() + 150ms;
  int pages = 0;
  while (aio::clock::now() < until) pages = (pages + 1) % 1000;
  co_return pages >= 0 ? 12 : 0;
}

aio::task<> main_task() {
  auto& loop = aio::get_running_loop();
  std::printf("debug mode: %s\n", loop.get_debug() ? "on" : "off");
  loop.set_exception_handler([](aio::event_loop&, const aio::exception_context& report) {
    std::printf("report (%s) task '%s' in %s: %s\n", kind_name(report.kind), report.task_name.c_str(),
                report.location.function_name(), report.message.c_str());
  });

  std::printf("%s\n", (co_await handle_request(1)).c_str());
  try {
    co_await handle_request(2);
  } catch (const std::runtime_error& e) {
    std::printf("request 2 failed: %s\n", e.what());
  }

  auto parsing = aio::create_task(parse_report(), "report-parser");
  std::printf("report has %d pages\n", co_await parsing);
}

int main() { aio::run(main_task(), {.debug = true}); }

// CHECK:      debug mode: on
// CHECK-NEXT: profile 1
// CHECK-NEXT: report (never awaited) task '' in {{.*}}load_profile{{.*}}: coroutine '{{.*}}load_profile{{.*}}' was never awaited
// CHECK-NEXT: request 2 failed: permission denied
// CHECK-NEXT: report (slow callback) task 'report-parser' in {{.*}}parse_report{{.*}}: Executing task 'report-parser' took 0.{{[0-9]+}} seconds
// CHECK-NEXT: report has 12 pages
