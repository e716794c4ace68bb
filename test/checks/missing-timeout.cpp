// Off by default: without Strict the check reports nothing (no CHECK-MESSAGES-DEFAULT lines).
// RUN: %check_corolint_plugin --check-suffix=DEFAULT %s async-missing-timeout %t-default
// RUN: %check_corolint --check-suffix=DEFAULT %s async-missing-timeout %t-default-cli
// RUN: %check_corolint_plugin %s async-missing-timeout %t -- --config="{CheckOptions: {async-missing-timeout.Strict: true}}"
// RUN: %check_corolint %s async-missing-timeout %t-cli -- --config="{CheckOptions: {async-missing-timeout.Strict: true}}"
// Options: only connecting is a network operation here, and app::with_deadline is a timeout.
// RUN: %check_corolint_plugin --check-suffix=OPTIONS %s async-missing-timeout %t-options -- --config="{CheckOptions: {async-missing-timeout.Strict: true, async-missing-timeout.NetworkFunctions: '::aio::open_connection', async-missing-timeout.TimeoutWrappers: '::aio::wait_for;::aio::timeout;::aio::timeout_at;::app::with_deadline'}}"
// asio: a cancel_after completion token, listed as a timeout wrapper, bounds the operation it is passed to.
// RUN: %check_corolint_plugin --check-suffix=ASIO %s async-missing-timeout %t-asio -- --config="{CheckOptions: {AsyncProfile: asio, async-missing-timeout.Strict: true, async-missing-timeout.TimeoutWrappers: '::asio::cancel_after'}}"

#include <aio/aio.hpp>

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct message {
  std::string text;
};
aio::task<message> parse(std::string line) { co_return message{line}; }
void handle(const message &) {}

namespace app {
// A project's own timeout wrapper, named in TimeoutWrappers by the OPTIONS run.
template <class T> aio::task<T> with_deadline(aio::task<T> work) {
  co_return co_await aio::wait_for(std::move(work), 5s);
}
} // namespace app

// ---- must flag ---------------------------------------------------------------

// The guide: a connect that never completes hangs the task.
aio::task<aio::stream> connect(std::string host, std::uint16_t port) {
  co_return co_await aio::open_connection(host, port);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: network operation 'aio::open_connection' is awaited with no timeout anywhere up its await chain: a peer that stops responding leaves the awaiting task waiting forever; put it, or the await of a caller, under 'aio::wait_for' or inside a timeout scope [async-missing-timeout]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:22: warning: network operation 'aio::open_connection' is awaited with no timeout anywhere up its await chain
  // CHECK-NOTES: :[[@LINE-3]]:22: warning: network operation 'aio::open_connection'
}

// Stream reads, each awaited bare.
aio::task<std::string> read_body(aio::stream &s, std::size_t n) {
  co_return co_await s.read(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: network operation 'aio::stream::read' is awaited with no timeout anywhere up its await chain
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: network operation 'aio::stream::read'
}

aio::task<> echo_lines(aio::stream &s) {
  while (true) {
    std::string line = co_await s.readline();
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: network operation 'aio::stream::readline' is awaited with no timeout
    // CHECK-NOTES: :[[@LINE-2]]:33: warning: network operation 'aio::stream::readline'
    if (line.empty())
      break;
    s.write(line);
  }
}

aio::task<std::string> read_headers(aio::stream &s) {
  co_return co_await s.read_until("\r\n\r\n");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: network operation 'aio::stream::read_until' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: network operation 'aio::stream::read_until'
}

// A wrapper from the project's own options is not one by default.
aio::task<std::string> read_length_prefix(aio::stream &s) {
  co_return co_await app::with_deadline(s.read_exactly(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: network operation 'aio::stream::read_exactly' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:41: warning: network operation 'aio::stream::read_exactly'
}

// One caller bounds the helper, the other does not: the read is flagged, the
// note shows the call that leaves it unbounded.
aio::task<message> read_message(aio::stream &s) {
  std::string line = co_await s.readline();
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: network operation 'aio::stream::readline' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:31: warning: network operation 'aio::stream::readline'
  // CHECK-NOTES: :[[@LINE+8]]:24: note: 'read_message' is awaited from here with no timeout around it or further up the await chain
  co_return co_await parse(line);
}

aio::task<> careful_reader(aio::stream &s) {
  handle(co_await aio::wait_for(read_message(s), 2s));
}
aio::task<> careless_reader(aio::stream &s) {
  message m = co_await read_message(s);
  handle(m);
}

// Two calls deep, and the top is handed to start_server, whose callers are not in sight.
aio::task<std::string> read_request_line(aio::stream &s) {
  co_return co_await s.read_until("\r\n");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: network operation 'aio::stream::read_until' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: network operation 'aio::stream::read_until'
  // CHECK-NOTES: :[[@LINE+6]]:34: note: 'read_request_line' is awaited from here with no timeout around it or further up the await chain
  // CHECK-NOTES: :[[@LINE+9]]:34: note: 'serve_request' is awaited from here with no timeout around it or further up the await chain
  // CHECK-NOTES: :[[@LINE+14]]:51: note: 'session' is handed on here, to be run by code that applies no timeout this file shows
}

aio::task<std::string> serve_request(aio::stream &s) {
  std::string request = co_await read_request_line(s);
  co_return request;
}
aio::task<> session(aio::stream s) {
  std::string request = co_await serve_request(s);
  s.write(request);
  co_await s.drain();
  co_await s.wait_closed();
}
aio::task<> listen(std::uint16_t port) {
  aio::server server = co_await aio::start_server(session, "0.0.0.0", port);
  co_await server.serve_forever();
}

// A wrapper around a value already awaited starts after the read has finished.
aio::task<message> parse_next(aio::stream &s) {
  co_return co_await aio::wait_for(parse(co_await s.readline()), 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: network operation 'aio::stream::readline' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:51: warning: network operation 'aio::stream::readline'
}

// A task kept in a local and awaited later, bare.
aio::task<std::string> prefetch(aio::stream &s) {
  auto pending = s.read(4096);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: network operation 'aio::stream::read' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:18: warning: network operation 'aio::stream::read'
  // CHECK-NOTES: :[[@LINE+2]]:32: note: 'pending' is awaited from here with no timeout around it or further up the await chain
  co_await aio::sleep(1ms);
  co_return co_await std::move(pending);
}

// Tasks collected into a local vector and gathered bare.
aio::task<std::vector<std::string>> read_records(aio::stream &s, int n) {
  std::vector<aio::task<std::string>> reads;
  for (int i = 0; i < n; ++i)
    reads.push_back(s.read_exactly(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: network operation 'aio::stream::read_exactly' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: network operation 'aio::stream::read_exactly'
  // CHECK-NOTES: :[[@LINE+1]]:44: note: 'reads' is awaited from here with no timeout around it or further up the await chain
  co_return co_await aio::gather(std::move(reads));
}

// Spawned: a timeout around the spawning coroutine does not reach the new task.
aio::task<> read_forever(aio::stream &s) {
  while (true)
    handle(co_await parse(co_await s.readline()));
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: network operation 'aio::stream::readline' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:36: warning: network operation 'aio::stream::readline'
  // CHECK-NOTES: :[[@LINE+4]]:24: note: 'read_forever' runs here as a task of its own ('aio::create_task'): a timeout around the spawning coroutine does not reach it
}
std::vector<aio::join_handle<void>> background;
aio::task<> start_reader(aio::stream &s) {
  background.push_back(aio::create_task(read_forever(s)));
  co_await aio::sleep(10ms);
}
aio::task<> bounded_start(aio::stream &s) { co_await aio::wait_for(start_reader(s), 1s); }

// A handler lambda handed to start_server.
aio::task<aio::server> serve_lines(std::uint16_t port) {
  co_return co_await aio::start_server(
      [](aio::stream s) -> aio::task<> {
        handle(co_await parse(co_await s.readline()));
        // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: network operation 'aio::stream::readline' is awaited with no timeout
        // CHECK-NOTES: :[[@LINE-2]]:40: warning: network operation 'aio::stream::readline'
        // CHECK-NOTES: :[[@LINE-4]]:7: note: the coroutine lambda is handed on here, to be run by code that applies no timeout this file shows
      },
      "0.0.0.0", port);
}

// A member coroutine called bare.
struct client {
  aio::stream s;
  aio::task<std::string> next() {
    co_return co_await s.readline();
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: network operation 'aio::stream::readline' is awaited with no timeout
    // CHECK-NOTES: :[[@LINE-2]]:24: warning: network operation 'aio::stream::readline'
    // CHECK-NOTES: :[[@LINE+4]]:32: note: 'next' is awaited from here with no timeout around it or further up the await chain
  }
};
aio::task<> poll_client(client &c) {
  std::string reply = co_await c.next();
  handle(message{reply});
}

// A virtual method is called through its base too, out of sight.
struct protocol {
  virtual ~protocol() = default;
  virtual aio::task<std::string> receive(aio::stream &s) {
    co_return co_await s.read(512);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: network operation 'aio::stream::read' is awaited with no timeout
    // CHECK-NOTES: :[[@LINE-2]]:24: warning: network operation 'aio::stream::read'
  }
};
aio::task<> use_protocol(protocol &p, aio::stream &s) { co_await aio::wait_for(p.receive(s), 1s); }

// ---- must leave alone --------------------------------------------------------

// Under wait_for, timeout and timeout_at.
aio::task<std::string> read_with_timeout(aio::stream &s, std::size_t n) {
  co_return co_await aio::wait_for(s.read(n), 5s);
}
aio::task<std::string> readline_with_timeout(aio::stream &s) {
  co_return co_await aio::timeout(5s, s.readline());
}
aio::task<aio::stream> connect_by(std::string host, aio::clock::time_point deadline) {
  co_return co_await aio::timeout_at(deadline, aio::open_connection(host, 443));
}

// A timeout scope: a coroutine lambda run under aio::timeout.
aio::task<> greet(std::string host) {
  co_await aio::timeout(10s, [&]() -> aio::task<> {
    aio::stream s = co_await aio::open_connection(host, 7);
    s.write("hello\n");
    co_await s.drain();
    handle(co_await parse(co_await s.readline()));
    s.close();
    co_await s.wait_closed();
  }());
}

// The scope's body kept in a local first.
aio::task<std::string> fetch_banner(aio::stream &s) {
  auto body = [&]() -> aio::task<std::string> {
    std::string banner = co_await s.readline();
    co_return banner + co_await s.read_until("\n\n");
  };
  co_return co_await aio::wait_for(body(), 3s);
}

// Every caller of the helper bounds it, one of them two calls up.
aio::task<std::string> read_frame(aio::stream &s) {
  std::string header = co_await s.read_exactly(4);
  co_return co_await s.read_exactly(static_cast<std::size_t>(header[0]));
}
aio::task<std::string> read_reply(aio::stream &s) { co_return co_await read_frame(s); }
aio::task<> exchange(aio::stream &s) {
  std::string a = co_await aio::wait_for(read_frame(s), 1s);
  std::string b = co_await aio::timeout(1s, read_reply(s));
  handle(message{a + b});
}

// Recursion entered under a timeout.
aio::task<std::string> read_chunks(aio::stream &s, int left) {
  if (left == 0)
    co_return std::string();
  std::string chunk = co_await s.read(1024);
  co_return chunk + co_await read_chunks(s, left - 1);
}
aio::task<std::string> read_all_chunks(aio::stream &s) {
  co_return co_await aio::wait_for(read_chunks(s, 8), 30s);
}

// A task kept in a local, awaited under a timeout.
aio::task<std::string> prefetch_bounded(aio::stream &s) {
  auto pending = s.read(4096);
  co_await aio::sleep(1ms);
  co_return co_await aio::wait_for(std::move(pending), 1s);
}

// Tasks collected into a local vector, gathered under a timeout.
aio::task<std::vector<std::string>> read_records_bounded(aio::stream &s, int n) {
  std::vector<aio::task<std::string>> reads;
  for (int i = 0; i < n; ++i)
    reads.push_back(s.read_exactly(8));
  if (reads.empty())
    co_return std::vector<std::string>();
  co_return co_await aio::wait_for(aio::gather(std::move(reads)), 2s);
}

// Awaiting a spawned task forwards the awaiter's cancellation to it, so the
// caller's timeout reaches it.
aio::task<message> read_message_bounded(aio::stream &s) {
  co_return co_await parse(co_await s.readline());
}
aio::task<message> in_own_task(aio::stream &s) {
  co_return co_await aio::create_task(read_message_bounded(s));
}
aio::task<> bounded_in_own_task(aio::stream &s) {
  handle(co_await aio::wait_for(in_own_task(s), 1s));
}

// Children of a task group end with the group, inside the timeout around it.
aio::task<std::string> read_part(aio::stream &s) { co_return co_await s.read(100); }
aio::task<> read_parts(aio::stream &a, aio::stream &b) {
  co_await aio::wait_for(aio::with(aio::task_group{},
                                   [&](aio::task_group &tg) -> aio::task<> {
                                     tg.create_task(read_part(a));
                                     tg.create_task(read_part(b));
                                     co_return;
                                   }),
                         5s);
}

// Writes, drain, the server's accept loop, sleeps, queues and events are not reads.
aio::task<> write_and_serve(aio::stream &s, aio::server &server, aio::queue<std::string> &q,
                            aio::event &ready) {
  s.write("ping\n");
  co_await s.drain();
  co_await aio::sleep(100ms);
  std::string item = co_await q.get();
  co_await ready.wait();
  s.write(item);
  co_await server.serve_forever();
}

// A task thrown away never runs (async-unawaited-task reports it).
void discard_read(aio::stream &s) { s.read(10); }

// The project's own wrapper, listed in TimeoutWrappers by the OPTIONS run.
aio::task<aio::stream> connect_with_project_deadline(std::string host) {
  co_return co_await app::with_deadline(aio::open_connection(host, 80));
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: network operation 'aio::open_connection' is awaited with no timeout
  // CHECK-NOTES: :[[@LINE-2]]:41: warning: network operation 'aio::open_connection'
}

// ---- asio: a completion token that times the operation out -------------------
namespace asio {
struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable;
template <class Token> struct cancel_after_t {
  Token token;
};
template <class Rep, class Period, class Token>
cancel_after_t<Token> cancel_after(std::chrono::duration<Rep, Period>, Token token) {
  return {token};
}
struct socket {};
template <class Token> aio::task<std::size_t> async_read(socket &, std::string &, Token) {
  co_return 0;
}
} // namespace asio

aio::task<std::size_t> asio_read(asio::socket &sock, std::string &buffer) {
  co_return co_await asio::async_read(sock, buffer, asio::use_awaitable);
  // CHECK-MESSAGES-ASIO: :[[@LINE-1]]:22: warning: network operation 'asio::async_read' is awaited with no timeout anywhere up its await chain: a peer that stops responding leaves the awaiting task waiting forever; put it, or the await of a caller, under 'asio::cancel_after' or inside a timeout scope [async-missing-timeout]
}
aio::task<std::size_t> asio_read_bounded(asio::socket &sock, std::string &buffer) {
  co_return co_await asio::async_read(sock, buffer, asio::cancel_after(5s, asio::use_awaitable));
}

// Code in system headers (last: everything after the marker is in one).
# 1 "vendor/net.h" 1 3
inline aio::task<std::string> vendor_read(aio::stream &s) { co_return co_await s.read(64); }
