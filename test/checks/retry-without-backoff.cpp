// RUN: %check_corolint_plugin %s async-retry-without-backoff %t
// RUN: %check_corolint %s async-retry-without-backoff %t-cli
// asio has no sleep function: its timers pace a loop (TimerTypes), and the message says "wait".
// RUN: %check_corolint_plugin --check-suffix=ASIO %s async-retry-without-backoff %t-asio -- --config="{CheckOptions: {AsyncProfile: asio}}"

#include <aio/aio.hpp>

#include <chrono>
#include <coroutine>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<int> connect() { co_return 1; }
aio::task<std::string> fetch(std::string url) { co_return url; }
aio::task<> send(std::string message) { co_return; }
void log_error(const std::exception &) {}
void note_failure() {}
aio::task<> backoff(int attempt) { co_return; }

// A timer like asio's (basic_waitable_timer::async_wait), for the asio profile.
namespace boost::asio {
template <typename Clock> struct basic_waitable_timer {
  aio::task<> async_wait() { co_return; }
};
using steady_timer = basic_waitable_timer<std::chrono::steady_clock>;
} // namespace boost::asio

struct job_queue {
  aio::task<std::string> get() { co_return std::string(); }
};

// ---- must flag ---------------------------------------------------------------

// The guide: retrying at once hammers a failing server.
aio::task<int> connect_with_retries() {
  for (int attempt = 0; attempt < 5; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'connect' again as soon as it fails, with no delay between attempts: a failing service is hammered as fast as the loop can spin; 'co_await aio::sleep(delay)' between attempts and grow the delay each time (exponential backoff with jitter) [async-retry-without-backoff]
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'connect' again as soon as it fails, with no delay between attempts: a failing service is hammered as fast as the loop can spin; wait between attempts and grow the wait each time (exponential backoff with jitter) [async-retry-without-backoff]
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE+3]]:7: note: a failure is caught here and the loop tries again at once
    try {
      co_return co_await connect();
    } catch (const std::exception &e) {
      log_error(e);
    }
  }
  throw std::runtime_error("unreachable");
}

// Forever, until it works.
aio::task<int> until_connected() {
  int connection = 0;
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'connect' again as soon as it fails
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE+4]]:7: note: a failure is caught here
    try {
      connection = co_await connect();
      break;
    } catch (...) {
      note_failure();
    }
  }
  co_return connection;
}

// A flag the loop condition reads.
aio::task<> send_until_ok(std::string message) {
  bool sent = false;
  while (!sent) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'send' again as soon as it fails
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'send'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'send'
    // CHECK-NOTES: :[[@LINE+4]]:7: note: a failure is caught here
    try {
      co_await send(message);
      sent = true;
    } catch (const std::runtime_error &) {
      note_failure();
    }
  }
}

// Rethrowing after the last attempt still retries at once before it.
aio::task<int> rethrows_at_the_end() {
  for (int attempt = 1;; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'connect'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE+3]]:7: note: a failure is caught here
    try {
      co_return co_await connect();
    } catch (const std::exception &) {
      if (attempt == 3)
        throw;
    }
  }
}

// `continue` in the handler.
aio::task<std::string> continue_in_handler(std::string url) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'fetch'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE+3]]:7: note: a failure is caught here
    try {
      co_return co_await fetch(url);
    } catch (const std::exception &) {
      continue;
    }
  }
  co_return std::string();
}

// A do-while with a retry count.
aio::task<int> do_while_retries() {
  int attempts = 0;
  int result = 0;
  do {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'connect'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE+4]]:7: note: a failure is caught here
    try {
      result = co_await connect();
      break;
    } catch (...) {
      ++attempts;
    }
  } while (attempts < 3);
  co_return result;
}

// Counting down the retries left.
aio::task<std::string> countdown(std::string url) {
  int retries = 3;
  while (retries-- > 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'fetch'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE+3]]:7: note: a failure is caught here
    try {
      co_return co_await fetch(url);
    } catch (const std::runtime_error &) {
      note_failure();
    }
  }
  co_return std::string();
}

// A timeout caught and retried at once.
aio::task<int> retries_timeouts() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'wait_for'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'wait_for'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'wait_for'
    // CHECK-NOTES: :[[@LINE+3]]:7: note: a failure is caught here
    try {
      co_return co_await aio::wait_for(connect(), 1s);
    } catch (const aio::timeout_error &) {
      note_failure();
    }
  }
  co_return -1;
}

// In a coroutine lambda.
aio::task<> in_a_lambda() {
  auto retry = []() -> aio::task<int> {
    while (true) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop awaits 'connect'
      // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: retry loop awaits 'connect'
      // CHECK-NOTES: :[[@LINE-3]]:5: warning: retry loop awaits 'connect'
      // CHECK-NOTES: :[[@LINE+3]]:9: note: a failure is caught here
      try {
        co_return co_await connect();
      } catch (...) {
        note_failure();
      }
    }
  };
  co_await retry();
}

// A member coroutine; the second handler is the one that retries.
struct client {
  std::string url;
  aio::task<std::string> get() {
    for (;;) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop awaits 'fetch'
      // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: retry loop awaits 'fetch'
      // CHECK-NOTES: :[[@LINE-3]]:5: warning: retry loop awaits 'fetch'
      // CHECK-NOTES: :[[@LINE+5]]:9: note: a failure is caught here
      try {
        co_return co_await fetch(url);
      } catch (const std::invalid_argument &) {
        throw;
      } catch (const std::exception &) {
        note_failure();
      }
    }
  }
};

// A timer's wait is a delay where the profile names the timer type (asio), not elsewhere.
aio::task<int> asio_timer_retry(boost::asio::steady_timer &timer) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE-2]]:3: warning: retry loop awaits 'connect'
    // CHECK-NOTES: :[[@LINE+4]]:7: note: a failure is caught here
    try {
      co_await timer.async_wait();
      co_return co_await connect();
    } catch (...) {
      note_failure();
    }
  }
  co_return -1;
}

// ---- must leave alone ------------------------------------------------------

// Exponential backoff after a failure.
aio::task<int> with_backoff() {
  auto delay = 100ms;
  for (int attempt = 0; attempt < 5; ++attempt) {
    try {
      co_return co_await connect();
    } catch (const std::exception &) {
      note_failure();
    }
    co_await aio::sleep(delay);
    delay *= 2;
  }
  co_return -1;
}

// The sleep inside the attempt, before the operation.
aio::task<int> sleep_before_attempt() {
  for (int attempt = 0; attempt < 5; ++attempt) {
    try {
      if (attempt > 0)
        co_await aio::sleep(attempt * 100ms);
      co_return co_await connect();
    } catch (...) {
      note_failure();
    }
  }
  co_return -1;
}

// A helper named for the wait it does.
aio::task<int> custom_backoff() {
  for (int attempt = 0; attempt < 5; ++attempt) {
    try {
      co_return co_await connect();
    } catch (...) {
      note_failure();
    }
    co_await backoff(attempt);
  }
  co_return -1;
}

// Fail-over across mirrors: each attempt goes somewhere else.
aio::task<std::string> fail_over(std::vector<std::string> mirrors) {
  for (const auto &mirror : mirrors) {
    try {
      co_return co_await fetch(mirror);
    } catch (...) {
      note_failure();
    }
  }
  co_return std::string();
}

aio::task<std::string> fail_over_indexed(std::vector<std::string> mirrors) {
  for (std::size_t i = 0; i < mirrors.size(); ++i) {
    try {
      co_return co_await fetch(mirrors[i]);
    } catch (...) {
      note_failure();
    }
  }
  co_return std::string();
}

// One item after another, each failure logged: nothing is retried.
aio::task<> each_item(std::vector<std::string> urls) {
  for (std::size_t i = 0; i < urls.size(); ++i) {
    try {
      co_await send(urls[i]);
    } catch (const std::exception &e) {
      log_error(e);
    }
  }
}

// A server's accept loop: success does not leave the loop.
aio::task<> accept_loop() {
  while (true) {
    try {
      int connection = co_await connect();
      (void)connection;
    } catch (const std::exception &e) {
      log_error(e);
    }
  }
}

// A session loop (Beast's do_session): it leaves only when the peer asks to
// close, so success goes round again; the handler ends the session.
aio::task<> session(bool keep_alive) {
  for (;;) {
    try {
      auto request = co_await fetch("request");
      co_await send(request);
      if (!keep_alive)
        break;
    } catch (const std::runtime_error &) {
      note_failure();
    }
  }
}

// The handler gives up: nothing is retried.
aio::task<int> gives_up() {
  while (true) {
    try {
      co_return co_await connect();
    } catch (...) {
      throw;
    }
  }
}

aio::task<int> breaks_on_failure() {
  int connection = -1;
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      connection = co_await connect();
      break;
    } catch (...) {
      break;
    }
  }
  co_return connection;
}

// Nothing awaited in the try: a synchronous parse retried is not a request.
aio::task<int> parse_retries(std::string text) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      co_return std::stoi(text);
    } catch (const std::invalid_argument &) {
      text = "0";
    }
  }
  co_await send(text);
  co_return 0;
}

// Waiting for the next job between attempts paces the loop.
aio::task<> worker(job_queue &jobs) {
  for (int handled = 0; handled < 100; ++handled) {
    auto job = co_await jobs.get();
    try {
      co_await send(job);
      break;
    } catch (...) {
      note_failure();
    }
  }
}

// Not a coroutine.
int plain_retry() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      return std::stoi("12");
    } catch (...) {
    }
  }
  return 0;
}

int main() { return 0; }
