// RUN: %check_corolint_plugin %s async-blocking-call %t -- --config="{CheckOptions: {AsyncProfile: libcoro}}"
// RUN: %check_corolint_fast %s async-blocking-call %t-fast -- --config="{CheckOptions: {AsyncProfile: libcoro}}"

// libcoro makes every socket its servers and clients hand out non-blocking
// (`net::socket::blocking_t::no`), so a POSIX call on `native_handle()` fails
// with EAGAIN instead of waiting: the libcoro profile lists the accessor in
// `NonBlockingDescriptors`. Ported from jbaldwin/libcoro 277467f
// src/net/tls/server.cpp (`server::accept`), which was our one false finding
// on libcoro; the same call on a descriptor of unknown origin still blocks.

#include <aio/aio.hpp>

#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <utility>

namespace coro::net {
class socket {
public:
  enum class blocking_t { yes, no };
  socket() = default;
  explicit socket(int fd) : m_fd(fd) {}
  auto native_handle() const -> int { return m_fd; }

private:
  int m_fd{-1};
};

struct socket_address {
  sockaddr_storage storage{};
  socklen_t length = sizeof(storage);
  static auto make_uninitialised() -> socket_address { return {}; }
  auto native_mutable_data() -> std::pair<sockaddr *, socklen_t *> {
    return {reinterpret_cast<sockaddr *>(&storage), &length};
  }
};

namespace tls {
struct client {
  socket s;
  auto handshake(std::chrono::milliseconds) -> aio::task<int> { co_return 0; }
};

class server {
public:
  auto accept(std::chrono::milliseconds timeout) -> aio::task<client>;
  auto accept_raw(int listener, std::chrono::milliseconds timeout) -> aio::task<client>;
  auto drain(socket &peer) -> aio::task<long>;
  auto drain_raw(int peer) -> aio::task<long>;

private:
  socket m_accept_socket;
};

// The fixed shape (libcoro's own): the listening socket is libcoro's.
auto server::accept(std::chrono::milliseconds timeout) -> aio::task<client> {
  auto client_endpoint = socket_address::make_uninitialised();
  auto [addr, len] = client_endpoint.native_mutable_data();

  socket s{::accept(m_accept_socket.native_handle(), addr, len)};

  auto tls_client = client{std::move(s)};
  auto hstatus = co_await tls_client.handshake(timeout);
  (void)hstatus;
  co_return std::move(tls_client);
}

// The bad shape: a descriptor the coroutine was handed, of unknown mode.
auto server::accept_raw(int listener, std::chrono::milliseconds timeout) -> aio::task<client> {
  auto client_endpoint = socket_address::make_uninitialised();
  auto [addr, len] = client_endpoint.native_mutable_data();

  socket s{::accept(listener, addr, len)};
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: blocking call to 'accept' in coroutine
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:12: warning: blocking call to 'accept' in coroutine

  auto tls_client = client{std::move(s)};
  co_await tls_client.handshake(timeout);
  co_return std::move(tls_client);
}

// Through a local and through a helper, as libcoro's tcp::client::recv does.
static long read_into(socket &peer, char *buffer, unsigned long size) {
  int fd = peer.native_handle();
  return ::recv(fd, buffer, size, 0);
}

static long read_raw(int peer, char *buffer, unsigned long size) {
  return ::recv(peer, buffer, size, 0);
}

auto server::drain(socket &peer) -> aio::task<long> {
  char buffer[256];
  long total = 0;
  for (long n; (n = read_into(peer, buffer, sizeof buffer)) > 0;) {
    total += n;
    co_await aio::sleep(std::chrono::milliseconds{1});
  }
  co_return total;
}

auto server::drain_raw(int peer) -> aio::task<long> {
  char buffer[256];
  long total = 0;
  for (long n; (n = read_raw(peer, buffer, sizeof buffer)) > 0;) {
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'read_raw' in coroutine 'drain_raw' blocks the event loop: it reaches blocking 'recv'
    // CHECK-FAST-MESSAGES: :[[@LINE-2]]:21: warning: call to 'read_raw' in coroutine 'drain_raw' blocks the event loop: it reaches blocking 'recv'
    total += n;
    co_await aio::sleep(std::chrono::milliseconds{1});
  }
  co_return total;
}
} // namespace tls
} // namespace coro::net

// Outside the profile's list, the same accessor name proves nothing. The fast
// engine knows the accessor by its last name only, so it stays silent here.
namespace other {
struct socket {
  int native_handle() const { return fd; }
  int fd = -1;
};
aio::task<> accept_other(socket &listener) {
  ::accept(listener.native_handle(), nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'accept' in coroutine 'accept_other'
  co_await aio::sleep(std::chrono::milliseconds{1});
}
} // namespace other
