// The test declares stand-ins for the resources in namespace `fake` (the
// runtime's streams are written elsewhere) and points ClosableTypes at them;
// `database` is recognised by its `aclose()` returning a task, with no option.
// RUN: %check_corolint_plugin %s async-unclosed-resource %t -- -config="{CheckOptions: {async-unclosed-resource.ClosableTypes: '::fake::stream;::fake::file;::fake::server'}}"
// RUN: %check_corolint %s async-unclosed-resource %t-cli -- -config="{CheckOptions: {async-unclosed-resource.ClosableTypes: '::fake::stream;::fake::file;::fake::server'}}"

#include <aio/aio.hpp>

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fake {
struct stream {
  aio::task<std::string> readline();
  void write(std::string data);
  void close() noexcept;
  aio::task<> wait_closed();
};
aio::task<stream> open_connection(std::string host, int port);

struct file {
  aio::task<std::string> read();
  aio::task<> close();
};
aio::task<file> open_file(std::string path);

struct server {
  aio::task<> serve_forever();
  void close() noexcept;
  aio::task<> wait_closed();
};
aio::task<server> start_server(int port);
} // namespace fake

struct database {
  aio::task<int> query(std::string sql);
  aio::task<> aclose();
  aio::task<> aenter();
  aio::task<bool> aexit(std::exception_ptr error);
};
aio::task<database> connect_db();

aio::task<> greet(fake::stream &s) {
  s.write("hello");
  co_return;
}
aio::task<> shutdown(fake::stream &s) {
  s.close();
  co_await s.wait_closed();
}
aio::task<> handled_elsewhere(fake::stream &s);
aio::task<> serve(fake::stream s);

// ---- must flag ---------------------------------------------------------------

// The guide's "Not closing resources": opened, used, dropped.
aio::task<std::string> fetch_line() {
  auto s = co_await fake::open_connection("example.com", 80);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 's' ('fake::stream') is never closed: its destructor closes without waiting, so buffered data and errors are lost silently; close 's' on every path out of its scope, or hand it to 'aio::with' [async-unclosed-resource]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 's' ('fake::stream') is never closed: its destructor closes without wa
  s.write("GET / HTTP/1.0\r\n\r\n");
  co_return co_await s.readline();
}

// The early return skips the close.
aio::task<> early_return(bool quick) {
  auto s = co_await fake::open_connection("example.com", 80);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 's' ('fake::stream') is not closed on every path: where it is not, its destructor closes without waiting and buffered data and errors are lost silently; close 's' on every path out of its scope, or hand it to 'aio::with'
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 's' ('fake::stream') is not closed on every path: where it is not, its
  // CHECK-NOTES: :[[@LINE+2]]:5: note: 's' is left here without being closed
  if (quick)
    co_return;
  s.close();
  co_await s.wait_closed();
}

aio::task<std::string> read_config() {
  auto f = co_await fake::open_file("app.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'f' ('fake::file') is never closed
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 'f' ('fake::file') is never closed: its destructor closes without wait
  co_return co_await f.read();
}

aio::task<> serve_until_cancelled() {
  auto srv = co_await fake::start_server(8080);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'srv' ('fake::server') is never closed
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 'srv' ('fake::server') is never closed: its destructor closes without 
  co_await srv.serve_forever();
}

// A class whose aclose() returns a task must be closed too.
aio::task<int> count_users() {
  auto db = co_await connect_db();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'db' ('database') is never closed
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 'db' ('database') is never closed: its destructor closes without waiti
  co_return co_await db.query("select count(*) from users");
}

// Closed on one branch only.
aio::task<> close_on_success(bool ok) {
  auto s = co_await fake::open_connection("example.com", 80);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 's' ('fake::stream') is not closed on every path
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 's' ('fake::stream') is not closed on every path: where it is not, its
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 's' is left here without being closed
  if (ok) {
    s.close();
    co_await s.wait_closed();
  }
}

// Leaving the read loop by return skips the close after it.
aio::task<> echo_lines() {
  auto s = co_await fake::open_connection("example.com", 7);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 's' ('fake::stream') is not closed on every path
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 's' ('fake::stream') is not closed on every path: where it is not, its
  // CHECK-NOTES: :[[@LINE+4]]:7: note: 's' is left here without being closed
  while (true) {
    std::string line = co_await s.readline();
    if (line == "quit")
      co_return;
    if (line.empty())
      break;
    s.write(line);
  }
  s.close();
}

// A helper that borrows the stream and does not close it.
aio::task<> greet_and_leave() {
  auto s = co_await fake::open_connection("example.com", 80);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 's' ('fake::stream') is never closed
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 's' ('fake::stream') is never closed: its destructor closes without wa
  co_await greet(s);
}

// In a lambda coroutine.
aio::task<> lambda_resource() {
  co_await []() -> aio::task<> {
    auto f = co_await fake::open_file("log.txt");
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'f' ('fake::file') is never closed
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: 'f' ('fake::file') is never closed: its destructor closes without wait
    (void)co_await f.read();
  }();
}

// In a plain function too.
void plain_function() {
  fake::stream s;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 's' ('fake::stream') is never closed
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: 's' ('fake::stream') is never closed: its destructor closes without wa
  s.write("bye");
}

// Only some cases of a switch close it.
aio::task<> by_command(int command) {
  auto f = co_await fake::open_file("data.bin");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'f' ('fake::file') is not closed on every path
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 'f' ('fake::file') is not closed on every path: where it is not, its d
  // CHECK-NOTES: :[[@LINE+9]]:1: note: 'f' is left here without being closed
  switch (command) {
  case 0:
    co_await f.close();
    break;
  default:
    (void)co_await f.read();
    break;
  }
}

// ---- must leave alone ----------------------------------------------------------

aio::task<std::string> closed_at_end() {
  auto s = co_await fake::open_connection("example.com", 80);
  std::string line = co_await s.readline();
  s.close();
  co_await s.wait_closed();
  co_return line;
}

// Returned: the caller owns it.
aio::task<fake::stream> connect() {
  auto s = co_await fake::open_connection("example.com", 80);
  s.write("HELLO\r\n");
  co_return s;
}

// Moved out into a container or another owner.
aio::task<> moved_out(std::vector<fake::stream> &pool) {
  auto s = co_await fake::open_connection("example.com", 80);
  pool.push_back(std::move(s));
}

struct client {
  fake::stream connection;
  aio::task<> open() {
    auto s = co_await fake::open_connection("example.com", 80);
    connection = std::move(s);
  }
};

// Held by aio::with, which always exits the manager.
aio::task<> with_scope() {
  auto db = co_await connect_db();
  co_await aio::with(db, [&]() -> aio::task<> { (void)co_await db.query("select 1"); });
}

// Closed on both branches.
aio::task<> closed_on_both_branches(bool ok) {
  auto f = co_await fake::open_file("app.conf");
  if (ok) {
    (void)co_await f.read();
    co_await f.close();
  } else {
    co_await f.close();
  }
}

// A helper that closes what it borrows, one we cannot see, one that takes it over.
aio::task<> helpers() {
  auto a = co_await fake::open_connection("example.com", 80);
  co_await shutdown(a);
  auto b = co_await fake::open_connection("example.com", 81);
  co_await handled_elsewhere(b);
  auto c = co_await fake::open_connection("example.com", 82);
  co_await serve(std::move(c));
}

// A path that leaves by an exception is not a silent drop.
aio::task<> throws_on_error(bool bad) {
  auto s = co_await fake::open_connection("example.com", 80);
  if (bad)
    throw std::runtime_error("handshake failed");
  s.close();
  co_await s.wait_closed();
}

// Closed by a cleanup lambda.
aio::task<> cleanup_lambda() {
  auto s = co_await fake::open_connection("example.com", 80);
  auto cleanup = [&s] { s.close(); };
  cleanup();
  co_await s.wait_closed();
}

// aclose() closes.
aio::task<int> closed_database() {
  auto db = co_await connect_db();
  int users = co_await db.query("select count(*) from users");
  co_await db.aclose();
  co_return users;
}

// References and parameters do not own what they name.
aio::task<> borrowed(fake::stream &s, fake::stream owned) {
  fake::stream &alias = s;
  alias.write("x");
  owned.write("y");
  co_return;
}
