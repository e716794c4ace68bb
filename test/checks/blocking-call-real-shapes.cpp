// RUN: %check_corolint_plugin %s async-blocking-call %t -- -- -- -I%S
// RUN: %check_corolint_fast %s async-blocking-call %t-fast
// The file's own global task `sleep` and POSIX ::sleep are one overload set: only the
// argument's type picks, so the fast engine leaves a discarded call of that name to
// async-blocking-call (docs/checks/unawaited-task.md).
// RUN: %check_corolint_plugin --check-suffix=TASK %s async-unawaited-task %t-task -- -- -- -I%S
// RUN: %check_corolint_fast --check-suffix=TASK %s async-unawaited-task %t-task-fast

// Shapes of other projects' code (docs/accuracy.md) where a blocking-table
// name is not the blocking function: the project's own awaitable of that name,
// and descriptor I/O in the reactor idiom. The full engine resolves names
// exactly; the fast engine has only the name, and reads the use instead.

#include <aio/aio.hpp>

#include <chrono>
#include <fstream>
#include <istream>
#include <streambuf>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;

// ---- the project's own awaitable named like a table entry ---------------------

// The projects' own sleep/connect/write return futures or tasks (Seastar's
// `future<> sleep(duration)`, silkworm's `Task<void> sleep(duration)` from its
// own header, QCoro's test helpers): declared elsewhere, so only the use says so.
#include "Inputs/own-awaitables.h"

namespace app {
// scylladb/scylladb service/storage_service.cc: `co_await (as ? sleep_abortable(...) : sleep(...))`.
aio::task<> announce_shutdown(int *as) {
  co_await (as ? sleep_abortable(500ms, *as) : sleep(500ms));
  co_await sleep(10ms);
}

// folly/io/coro/test/TransportTest.cpp: `co_await co_withCancellation(token, connect())`.
aio::task<> connect_cancelled(int token) {
  co_await with_cancellation(token, connect(1));
}

// erigontech/silkworm sentry/discovery/disc_v4/discovery.cpp: asio's awaitable operators.
aio::task<> discover() {
  co_await (sleep(10s) || wait_for_event());
}

// scylladb/seastar tests/unit/condition_variable_test.cc: `(void)sleep(100ms).then(...)`.
aio::task<> signal_later() {
  (void)sleep(100ms).then([] {});
  // CHECK-MESSAGES-TASK: :[[@LINE-1]]:9: warning: awaitable returned by 'then' is discarded
  co_return;
}
} // namespace app

// danvratil/qcoro tests/qcoroasyncgenerator.cpp: the test's own `QCoro::Task<>
// sleep(std::chrono::milliseconds)` in the global namespace, beside POSIX
// ::sleep(unsigned): a function returning a task is awaited, it does not block.
aio::task<> sleep(std::chrono::milliseconds ms) { co_await aio::sleep(ms); }
aio::task<> reference_generator() {
  for (int i = 0; i < 8; i += 2)
    co_await sleep(10ms);
}

// The POSIX functions themselves, not awaited: still flagged.
aio::task<> posix_sleep_and_connect(int fd, const sockaddr *address) {
  ::sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'posix_sleep_and_connect'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'sleep' in coroutine 'posix_sleep_and_connect'
  ::connect(fd, address, sizeof(sockaddr));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'connect' in coroutine 'posix_sleep_and_connect'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'connect' in coroutine 'posix_sleep_and_connect'
  co_return;
}

// A task function of the file whose name no C function has: its discarded task is lost.
aio::task<> warm_up_cache();
aio::task<> starts_without_warming() {
  warm_up_cache();
  // CHECK-MESSAGES-TASK: :[[@LINE-1]]:3: warning: task returned by 'warm_up_cache' is discarded
  // CHECK-FAST-MESSAGES-TASK: :[[@LINE-2]]:3: warning: task returned by 'warm_up_cache' is discarded
  co_return;
}

// ---- descriptor I/O in the reactor idiom --------------------------------------

// jbaldwin/libcoro include/coro/net/tcp/client.hpp: the member recv() wraps
// ::recv on a socket libcoro made non-blocking; read_some tries it, and on
// EAGAIN awaits poll() and tries again.
namespace reactor {
class client {
public:
  aio::task<long> read_some(char *buffer, unsigned long size) {
    if (read_ready_) {
      long read = recv(buffer, size);
      if (read >= 0)
        co_return read;
      read_ready_ = false;
    }
    co_await aio::wait_readable(fd_);
    read_ready_ = true;
    co_return recv(buffer, size);
  }

  // The bad shape: the same helper, with nothing awaiting readiness: the
  // descriptor may well be blocking.
  aio::task<long> read_blindly(char *buffer, unsigned long size) {
    co_return recv(buffer, size);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'recv' in coroutine 'read_blindly' blocks the event loop: it reaches blocking 'recv'
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:15: warning: call to 'recv' in coroutine 'read_blindly' blocks the event loop: it reaches blocking 'recv'
  }

private:
  long recv(char *buffer, unsigned long size) { return ::recv(fd_, buffer, size, 0); }

  int fd_ = -1;
  bool read_ready_ = false;
};

// jbaldwin/libcoro src/net/tcp/client.cpp: a non-blocking ::connect, then
// `co_await poll(socket, poll_op::write)` until it is established.
aio::task<bool> connect_in_background(int fd, const sockaddr *address) {
  if (::connect(fd, address, sizeof(sockaddr)) == 0)
    co_return true;
  co_await aio::wait_writable(fd);
  co_return true;
}

// Readiness of something else does not make a sleep non-blocking.
aio::task<> sleeps_after_poll(int fd) {
  co_await aio::wait_readable(fd);
  ::usleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'usleep' in coroutine 'sleeps_after_poll'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'usleep' in coroutine 'sleeps_after_poll'
}
} // namespace reactor

// ---- std::getline on an istream over a buffer in memory -----------------------

// alibaba/async_simple demo_example/http/coroutine_http/http_client.cpp: the
// response was read into an asio::streambuf by an awaited async_read_until;
// getline parses it from memory.
namespace parsing {
struct response_buffer : std::streambuf {};

aio::task<std::string> status_line(response_buffer &response) {
  co_await aio::sleep(std::chrono::milliseconds(1)); // stands for async_read_until
  std::istream response_stream(&response);
  std::string status_message;
  std::getline(response_stream, status_message);
  co_return status_message;
}

// The bad shape: the same istream over a file's buffer reads the disk.
aio::task<std::string> first_line(std::filebuf &file) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  std::filebuf local;
  std::istream file_stream(&local);
  std::string line;
  std::getline(file_stream, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::getline' in coroutine 'first_line'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'std::getline' in coroutine 'first_line'
  co_return line;
}

// The parse moved into a plain helper, as larger clients split it: still memory
// for both engines (the helper search asks the same question of what it reaches).
std::string parse_status(response_buffer &response) {
  std::istream response_stream(&response);
  std::string status_message;
  std::getline(response_stream, status_message);
  return status_message;
}

aio::task<std::string> status_line_via_helper(response_buffer &response) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return parse_status(response);
}

// The bad shape behind a helper: the file's buffer.
std::string read_first_line(std::filebuf &local) {
  std::istream file_stream(&local);
  std::string line;
  std::getline(file_stream, line);
  return line;
}

aio::task<std::string> first_line_via_helper(std::filebuf &file) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return read_first_line(file);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'read_first_line' in coroutine 'first_line_via_helper' blocks the event loop: it reaches blocking 'std::getline'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:13: warning: call to 'read_first_line' in coroutine 'first_line_via_helper' blocks the event loop: it reaches blocking 'std::getline'
}
} // namespace parsing

// ---- a write that tries the socket and waits when it would block ----------------
// The shape of aio's own stream::write (runtime/src/stream.cpp), which the
// whole-program step first reported from eight coroutines of aio's examples:
// ::send on a descriptor the library made non-blocking, EAGAIN answered by
// queueing the rest for the loop. Testing for EAGAIN/EWOULDBLOCK is what says
// the descriptor does not block; the same send without it is reported.
#include <cerrno>
namespace reactor_write {
struct connection {
  int fd = -1;
  std::string out;
  void watch_writable() {}
};

void try_write(connection &c, std::string_view data) {
  for (;;) {
    ssize_t n = ::send(c.fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      break;
    }
    if (errno == EINTR)
      continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK)
      return;
    break;
  }
  c.out.append(data);
  c.watch_writable();
}

void write_all(connection &c, std::string_view data) {
  ::send(c.fd, data.data(), data.size(), MSG_NOSIGNAL);
}

aio::task<void> echo(connection &c) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  try_write(c, "pong");
  write_all(c, "pong");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'write_all' in coroutine 'echo' blocks the event loop: it reaches blocking 'send'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: call to 'write_all' in coroutine 'echo' blocks the event loop: it reaches blocking 'send'
}
} // namespace reactor_write
