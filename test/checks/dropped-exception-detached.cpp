// RUN: %check_corolint_plugin %s async-dropped-exception %t -- --config="{CheckOptions: {AsyncProfile: asio}}" -- -std=c++20
// RUN: %check_corolint %s async-dropped-exception %t-cli -- --config="{CheckOptions: {AsyncProfile: asio}}" -- -std=c++20
//
// asio's co_spawn hands the coroutine's exception to its completion token, and
// `detached` throws it away ("detached just swallows everything", asio#1111).
// The shapes are Boost.Asio 1.81's own coroutine examples (echo_server.cpp,
// chat_server.cpp, echo_server_with_as_tuple_default.cpp, throttling_proxy.cpp)
// and a test whose assertion macro throws inside a detached coroutine
// (asio#1110/#1111), compiled against the real <boost/asio.hpp>.

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>

using boost::asio::awaitable;
using boost::asio::co_spawn;
using boost::asio::detached;
using boost::asio::use_awaitable;
using boost::asio::ip::tcp;
namespace this_coro = boost::asio::this_coro;

// ---- echo_server.cpp: echo() guards its whole body, listener() does not ------
awaitable<void> echo(tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(boost::asio::buffer(data), use_awaitable);
      co_await async_write(socket, boost::asio::buffer(data, n), use_awaitable);
    }
  } catch (std::exception &e) {
    std::printf("echo Exception: %s\n", e.what());
  }
}

awaitable<void> listener() {
  auto executor = co_await this_coro::executor;
  tcp::acceptor acceptor(executor, {tcp::v4(), 55555});
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(executor, echo(std::move(socket)), detached);
  }
}

int echo_main() {
  try {
    boost::asio::io_context io_context(1);
    co_spawn(io_context, listener(), detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'detached' drops the exception of 'listener': if it fails, nothing reports it; pass a completion handler that looks at its 'std::exception_ptr' (e.g. '[](std::exception_ptr e) { if (e) std::rethrow_exception(e); }') [async-dropped-exception]
    // CHECK-NOTES: :[[@LINE-2]]:38: warning: 'detached' drops the exception of 'listener'
    // CHECK-NOTES: :[[@LINE-11]]:26: note: 'listener' can throw here
    io_context.run();
  } catch (std::exception &e) {
    std::printf("Exception: %s\n", e.what());
  }
  return 0;
}

// Fixed: the handler rethrows, so io_context.run() throws into main's catch.
int echo_main_fixed() {
  try {
    boost::asio::io_context io_context(1);
    co_spawn(io_context, listener(), [](std::exception_ptr e) {
      if (e)
        std::rethrow_exception(e);
    });
    io_context.run();
  } catch (std::exception &e) {
    std::printf("Exception: %s\n", e.what());
  }
  return 0;
}

// A handler that takes the exception_ptr and never reads it is `detached` spelt out.
void echo_main_ignoring_handler(boost::asio::io_context &io_context) {
  co_spawn(io_context, listener(), [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: a completion handler that ignores its 'std::exception_ptr' drops the exception of 'listener': if it fails, nothing reports it; pass a completion handler that looks at its 'std::exception_ptr' (e.g. '[](std::exception_ptr e) { if (e) std::rethrow_exception(e); }') [async-dropped-exception]
  // CHECK-NOTES: :[[@LINE-2]]:36: warning: a completion handler that ignores its 'std::exception_ptr' drops the exception of 'listener'
  // CHECK-NOTES: :[[@LINE-39]]:26: note: 'listener' can throw here
}

// ---- echo_server_with_as_tuple_default.cpp: failures come back as values -----
using tuple_token = boost::asio::as_tuple_t<boost::asio::use_awaitable_t<>>;
using tuple_socket = tuple_token::as_default_on_t<tcp::socket>;

awaitable<void> echo_tuple(tuple_socket socket) {
  char data[1024];
  for (;;) {
    auto [e1, nread] = co_await socket.async_read_some(boost::asio::buffer(data));
    if (nread == 0)
      break;
    auto [e2, nwritten] = co_await async_write(socket, boost::asio::buffer(data, nread));
    if (nwritten != nread)
      break;
  }
}

// redirect_error puts the failure in `ec`: the await does not throw.
awaitable<void> wait_quietly(boost::asio::steady_timer &timer) {
  boost::system::error_code ec;
  co_await timer.async_wait(boost::asio::redirect_error(use_awaitable, ec));
  if (ec)
    std::printf("timer: %s\n", ec.message().c_str());
}

void spawn_value_failures(boost::asio::io_context &ctx, tuple_socket socket,
                          boost::asio::steady_timer &timer) {
  co_spawn(ctx, echo_tuple(std::move(socket)), detached);
  co_spawn(ctx, wait_quietly(timer), detached);
}

// throttling_proxy.cpp's listen(): accept failures come back as values and are
// logged; the timer between attempts throws only if someone cancels it.
awaitable<void> listen(tcp::acceptor &acceptor) {
  for (;;) {
    auto [e, client] = co_await acceptor.async_accept(boost::asio::as_tuple(use_awaitable));
    if (!e) {
      co_spawn(client.get_executor(), echo(std::move(client)), detached);
    } else {
      std::printf("Accept failed: %s\n", e.message().c_str());
      boost::asio::steady_timer timer(co_await this_coro::executor);
      timer.expires_after(std::chrono::milliseconds(100));
      co_await timer.async_wait(use_awaitable);
    }
  }
}

void spawn_listen(boost::asio::io_context &ctx, tcp::acceptor &acceptor) {
  co_spawn(ctx, listen(acceptor), detached);
}

// ---- chat_server.cpp: member coroutines started through a lambda -------------
class chat_session : public std::enable_shared_from_this<chat_session> {
public:
  explicit chat_session(tcp::socket socket) : socket_(std::move(socket)) {}

  void start() {
    co_spawn(socket_.get_executor(), [self = shared_from_this()] { return self->reader(); },
             detached);
    co_spawn(socket_.get_executor(), [self = shared_from_this()] { return self->writer(); },
             detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'detached' drops the exception of 'writer': if it fails, nothing reports it; pass a completion handler that looks at its 'std::exception_ptr' (e.g. '[](std::exception_ptr e) { if (e) std::rethrow_exception(e); }') [async-dropped-exception]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: 'detached' drops the exception of 'writer'
    // CHECK-NOTES: :[[@LINE+19]]:5: note: 'writer' can throw here
  }

private:
  awaitable<void> reader() {
    try {
      for (std::string read_msg;;) {
        std::size_t n = co_await socket_.async_read_some(boost::asio::buffer(buf_), use_awaitable);
        read_msg.append(buf_, n);
      }
    } catch (std::exception &) {
      stop();
    }
  }

  // Unlike the example's writer, this one lets the write's failure out.
  awaitable<void> writer() {
    boost::system::error_code ec;
    co_await timer_.async_wait(boost::asio::redirect_error(use_awaitable, ec));
    co_await boost::asio::async_write(socket_, boost::asio::buffer(buf_), use_awaitable);
  }

  void stop() { socket_.close(); }

  tcp::socket socket_;
  boost::asio::steady_timer timer_{socket_.get_executor()};
  char buf_[1024];
};

// ---- a test whose assertion throws inside a detached coroutine (asio#1110) ---
#define REQUIRE(cond)                                                                              \
  do {                                                                                             \
    if (!(cond))                                                                                   \
      throw std::logic_error("REQUIRE failed: " #cond);                                            \
  } while (0)

void test_timer_fires(boost::asio::io_context &ioctx) {
  co_spawn(
      ioctx,
      [&]() -> awaitable<void> {
        boost::asio::steady_timer timer(ioctx, std::chrono::milliseconds(1));
        boost::system::error_code ec;
        co_await timer.async_wait(boost::asio::redirect_error(use_awaitable, ec));
        REQUIRE(!ec);
      },
      detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'detached' drops the exception of the lambda coroutine: if it fails, nothing reports it; pass a completion handler that looks at its 'std::exception_ptr' (e.g. '[](std::exception_ptr e) { if (e) std::rethrow_exception(e); }') [async-dropped-exception]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: 'detached' drops the exception of the lambda coroutine
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the lambda coroutine can throw here
  // CHECK-NOTES: :[[@LINE-16]]:7: note: expanded from macro 'REQUIRE'
  ioctx.run();
}

// Fixed: the failure reaches the test through run().
void test_timer_fires_fixed(boost::asio::io_context &ioctx) {
  co_spawn(
      ioctx,
      [&]() -> awaitable<void> {
        boost::asio::steady_timer timer(ioctx, std::chrono::milliseconds(1));
        boost::system::error_code ec;
        co_await timer.async_wait(boost::asio::redirect_error(use_awaitable, ec));
        REQUIRE(!ec);
      },
      [](std::exception_ptr e) {
        if (e)
          std::rethrow_exception(e);
      });
  ioctx.run();
}

// A coroutine whose body is elsewhere: nothing to say about what it throws.
awaitable<void> defined_elsewhere();
void spawn_opaque(boost::asio::io_context &ctx) { co_spawn(ctx, defined_elsewhere(), detached); }
