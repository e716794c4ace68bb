// RUN: %check_corolint_plugin %s async-retry-without-backoff %t
// RUN: %check_corolint %s async-retry-without-backoff %t-cli
// RUN: %check_corolint_plugin --check-suffix=ASIO %s async-retry-without-backoff %t-asio -- --config="{CheckOptions: {AsyncProfile: asio}}"
//
// Retries that see the failure in a result instead of an exception: an
// error code (asio's `as_tuple` / `redirect_error` style), an `expected`-like
// result, a bool. Shapes from asio clients' reconnect loops and from
// outcome/expected-based code; and the loops that only look like them.

#include <aio/aio.hpp>

#include <chrono>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

namespace boost::system {
struct error_code {
  int value = 0;
  explicit operator bool() const { return value != 0; }
};
} // namespace boost::system
using boost::system::error_code;

// outcome / std::expected shape: has_value(), operator bool, operator*.
template <typename T> struct result {
  T value{};
  bool ok = true;
  bool has_value() const { return ok; }
  explicit operator bool() const { return ok; }
  T &operator*() { return value; }
};

struct connection {
  int fd = -1;
};

aio::task<std::tuple<error_code, connection>> dial(std::string host) { co_return {}; }
aio::task<error_code> write_all(connection &c, std::string data) { co_return {}; }
aio::task<result<std::string>> fetch(std::string url) { co_return {}; }
aio::task<bool> try_send(std::string message) { co_return true; }
aio::task<std::size_t> read_some(connection &c, char *buffer) { co_return 0; }
void log_failure(const error_code &) {}
void process(const char *, std::size_t) {}

// ---- must flag ---------------------------------------------------------------

// A reconnect loop: the error code says it failed, and it dials again at once.
aio::task<connection> reconnect(std::string host) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'dial' again as soon as it fails, with no delay between attempts: a failing service is hammered as fast as the loop can spin; 'co_await aio::sleep(delay)' between attempts and grow the delay each time (exponential backoff with jitter) [async-retry-without-backoff]
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'dial' again as soon as it fails, with no delay between attempts: a failing service is hammered as fast as the loop can spin; wait between attempts and grow the wait each time (exponential backoff with jitter) [async-retry-without-backoff]
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'dial'
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the attempt's result is tested here and a failure goes round again at once
    auto [ec, conn] = co_await dial(host);
    if (!ec)
      co_return conn;
    log_failure(ec);
  }
  co_return connection{};
}

// The failure branch goes round with `continue`; the success path leaves.
aio::task<connection> until_dialled(std::string host) {
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'dial'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'dial'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'dial'
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the attempt's result is tested here
    auto [ec, conn] = co_await dial(host);
    if (ec) {
      log_failure(ec);
      continue;
    }
    co_return conn;
  }
}

// An expected-like result tested with has_value() and with operator bool.
aio::task<std::string> fetch_with_retries(std::string url) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'fetch'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the attempt's result is tested here
    auto body = co_await fetch(url);
    if (body.has_value())
      co_return *body;
  }
  co_return std::string();
}

aio::task<std::string> fetch_until_ok(std::string url) {
  result<std::string> body;
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'fetch'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'fetch'
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the attempt's result is tested here
    body = co_await fetch(url);
    if (body)
      break;
  }
  co_return *body;
}

// A bool the loop condition reads.
aio::task<> send_until_sent(std::string message) {
  bool sent = false;
  while (!sent) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'try_send'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'try_send'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'try_send'
    // CHECK-NOTES: :[[@LINE-4]]:10: note: the attempt's result is tested here
    sent = co_await try_send(message);
  }
}

// A do-while that writes again while the error code is set.
aio::task<> write_until_done(connection &c, std::string data) {
  error_code ec;
  do {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'write_all'
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'write_all'
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'write_all'
    // CHECK-NOTES: :[[@LINE+2]]:12: note: the attempt's result is tested here
    ec = co_await write_all(c, data);
  } while (ec);
}

// Tested on the spot, in a member function template: the result's type is
// written, so it is known in the pattern.
struct publisher {
  template <typename Message> aio::task<> publish(Message message) {
    for (;;) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop awaits 'try_send'
      // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: retry loop awaits 'try_send'
      // CHECK-NOTES: :[[@LINE-3]]:5: warning: retry loop awaits 'try_send'
      // CHECK-NOTES: :[[@LINE+1]]:7: note: the attempt's result is tested here
      if (co_await try_send(std::string(message)))
        break;
    }
  }
};
template aio::task<> publisher::publish(const char *);

// A class template whose transport decides the result's type: the pattern
// cannot tell an error code from a byte count, its instantiation can.
struct tcp_transport {
  aio::task<error_code> connect() { co_return {}; }
};
template <typename Transport> struct client {
  Transport transport_;
  aio::task<> ensure_connected() {
    for (;;) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop awaits 'connect'
      // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:5: warning: retry loop awaits 'connect'
      // CHECK-NOTES: :[[@LINE-3]]:5: warning: retry loop awaits 'connect'
      // CHECK-NOTES: :[[@LINE+2]]:7: note: the attempt's result is tested here
      auto ec = co_await transport_.connect();
      if (!ec)
        break;
    }
  }
};
template struct client<tcp_transport>;

// ---- must leave alone ------------------------------------------------------

// Backing off between attempts.
aio::task<connection> reconnect_with_backoff(std::string host) {
  auto delay = 100ms;
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto [ec, conn] = co_await dial(host);
    if (!ec)
      co_return conn;
    co_await aio::sleep(delay);
    delay *= 2;
  }
  co_return connection{};
}

// Fail-over: each attempt dials another host.
aio::task<connection> first_reachable(std::vector<std::string> hosts) {
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    auto [ec, conn] = co_await dial(hosts[i]);
    if (!ec)
      co_return conn;
  }
  co_return connection{};
}

// A read loop: it stops on an error or at the end, and works on what it read.
aio::task<> read_loop(connection &c) {
  char buffer[512];
  for (;;) {
    std::size_t n = co_await read_some(c, buffer);
    if (n == 0)
      break;
    process(buffer, n);
  }
}

aio::task<> read_until_error(connection &c, std::string host) {
  while (true) {
    auto [ec, conn] = co_await dial(host);
    if (ec)
      break;
    co_await write_all(conn, "ping");
  }
}

// A byte count says nothing about success: no retry is assumed.
aio::task<> read_something(connection &c) {
  char buffer[512];
  while (true) {
    if (co_await read_some(c, buffer))
      break;
  }
}

// A macro's do { } while (0) runs once: it is not a loop at all.
#define ATTEMPT_ONCE(operation)                                                                   \
  do {                                                                                            \
    auto [ec_, conn_] = co_await (operation);                                                      \
    if (!ec_)                                                                                     \
      break;                                                                                      \
    log_failure(ec_);                                                                             \
  } while (0)

#define TRY_ONCE(operation)                                                                       \
  do {                                                                                            \
    try {                                                                                         \
      co_await (operation);                                                                       \
      break;                                                                                      \
    } catch (...) {                                                                               \
    }                                                                                             \
  } while (0)

aio::task<> attempts_once(std::string host) {
  ATTEMPT_ONCE(dial(host));
  TRY_ONCE(try_send(host));
}

// A switch on the attempt's code: some codes go round again, the rest leave
// (redpanda f4d4ed025b, ported with its templates in test/realbugs).
enum class errc { success, not_leader, timeout, unknown_topic };
struct reply {
  errc ec = errc::success;
};
aio::task<reply> produce_once(int partition);

aio::task<reply> produce(int partition) {
  int attempts = 0;
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop awaits 'produce_once' again as soon as it fails
    // CHECK-MESSAGES-ASIO: :[[@LINE-2]]:3: warning: retry loop awaits 'produce_once' again as soon as it fails
    // CHECK-NOTES: :[[@LINE-3]]:3: warning: retry loop awaits 'produce_once'
    // CHECK-NOTES: :[[@LINE+4]]:5: note: the attempt's result is tested here and a failure goes round again at once
    ++attempts;
    auto r = co_await produce_once(partition);
    errc ec = r.ec;
    switch (ec) {
    case errc::not_leader:
    case errc::timeout:
      if (attempts >= 5)
        co_return r;
      break;
    default:
      co_return r;
    }
  }
}

aio::task<reply> produce_paced(int partition) {
  int attempts = 0;
  while (true) {
    ++attempts;
    auto r = co_await produce_once(partition);
    switch (r.ec) {
    case errc::not_leader:
    case errc::timeout:
      if (attempts >= 5)
        co_return r;
      break;
    default:
      co_return r;
    }
    co_await aio::sleep(100ms * attempts);
  }
}

// Every code leaves: a dispatch, not a retry.
aio::task<int> produce_once_only(int partition) {
  while (true) {
    auto r = co_await produce_once(partition);
    errc ec = r.ec;
    switch (ec) {
    case errc::not_leader:
      co_return 1;
    default:
      co_return 0;
    }
  }
}

// A loop over events switches on their kind to dispatch them: not a retry.
enum class event_kind { data, ping, close };
aio::task<event_kind> next_event();
void handle_data();
aio::task<> event_loop() {
  while (true) {
    event_kind kind = co_await next_event();
    switch (kind) {
    case event_kind::data:
      handle_data();
      break;
    case event_kind::ping:
      break;
    default:
      co_return;
    }
  }
}

int main() { return 0; }
