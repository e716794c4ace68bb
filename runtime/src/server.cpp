// aio::server: the listening socket is an io_source whose reader is a waiter with its own
// notify, so accepting runs in the loop's poll step and each connection becomes a task. On a
// backend with socket_requests (io_uring) the backend accepts instead (multishot accept) and
// hands each connection over in the same step.
#include "aio/server.hpp"

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>

#include "aio/detail/list_wait.hpp"
#include "aio/detail/resolve.hpp"
#include "aio/join_handle.hpp"
#include "io_backend.hpp"
#include "os_errors.hpp"

using namespace std::chrono_literals;

namespace aio {
namespace detail {

struct server_core : io_source, std::enable_shared_from_this<server_core> {
  struct accept_waiter : waiter {
    server_core* core = nullptr;
  };
  static void on_readable(waiter& w) noexcept { static_cast<accept_waiter&>(w).core->accept_all(); }
  static constexpr waiter_ops accept_ops{&on_readable, nullptr, nullptr, "server accept"};
  static void on_accepted(io_source& source, int result) noexcept {
    auto& core = static_cast<server_core&>(source);
    if (result >= 0) core.start_handler(result);
    else core.accept_failed(-result);
  }
  static constexpr socket_events accept_events{nullptr, nullptr, nullptr, &on_accepted};

  event_loop* loop = nullptr;
  connection_handler handler;
  accept_waiter acceptor;
  std::uint16_t port = 0;
  std::size_t active = 0;    // connection handlers still running
  bool listening = false;
  bool by_completion = false;  // the backend accepts (io_uring)
  waiter_list serving;       // serve_forever() callers, woken by close()
  waiter_list closed_waiters;

  ~server_core() { close(); }

  void accept_all() noexcept {
    if (by_completion) {
      loop_access::backend(*loop).accept(*this, accept_events);
      return;
    }
    for (;;) {
      int fd = ::accept4(this->fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return accept_failed(errno);
        watch_side(*this, acceptor, false);  // wait for the next connection
        return;
      }
      start_handler(fd);
    }
  }

  // Out of descriptors or memory: report, and look again a little later.
  void accept_failed(int error) noexcept {
    if (error == ECONNABORTED || error == EINTR) {  // the peer gave up: nothing to report
      if (by_completion) accept_all();
      return;
    }
    loop->call_exception_handler({report_kind::exception_in_callback, "aio::server: accept failed",
                                  os_error_from(error, "accept"), {}, {}});
    loop->call_later(100ms, [self = weak_from_this()] {
      if (auto core = self.lock(); core && core->listening) core->accept_all();
    });
  }

  void start_handler(int fd) noexcept {
    try {
      ++active;
      auto h = create_task(serve_connection(shared_from_this(), stream(fd)));
      (void)h;  // the task runs on; a failure is reported by the loop
    } catch (...) {
      --active;
      loop->call_exception_handler({report_kind::exception_in_callback, "aio::server: cannot start a handler",
                                    std::current_exception(), {}, {}});
    }
  }

  static task<> serve_connection(std::shared_ptr<server_core> self, stream connection) {
    struct finished {
      server_core& core;
      ~finished() {
        if (--core.active == 0 && !core.listening) wake_all(core.closed_waiters);
      }
    } at_end{*self};
    co_await self->handler(std::move(connection));
  }

  void close() noexcept {
    if (!listening) return;
    listening = false;
    loop_access::remove_io(*loop, *this);
    ::close(fd);
    fd = -1;
    reader = nullptr;
    wake_all(serving);
    if (active == 0) wake_all(closed_waiters);
  }
};

}  // namespace detail

server::server(std::shared_ptr<detail::server_core> core) noexcept : core_(std::move(core)) {}

server::~server() {
  if (core_) core_->close();
}

std::uint16_t server::port() const noexcept { return core_ ? core_->port : 0; }
bool server::is_serving() const noexcept { return core_ && core_->listening; }

task<> server::serve_forever() {
  std::shared_ptr<detail::server_core> core = core_;
  if (!core) throw invalid_state_error("empty aio::server");
  bool cancelled = false;
  try {
    while (core->listening) co_await detail::list_wait(core->serving);
  } catch (const cancelled_error&) {
    cancelled = true;
  }
  if (cancelled) {
    core->close();
    throw cancelled_error{};
  }
}

void server::close() noexcept {
  if (core_) core_->close();
}

task<> server::wait_closed() {
  std::shared_ptr<detail::server_core> core = core_;
  if (!core) co_return;
  while (core->listening || core->active > 0) co_await detail::list_wait(core->closed_waiters);
}

task<server> start_server(connection_handler handler, std::string host, std::uint16_t port, int backlog) {
  if (!handler) throw std::invalid_argument("start_server: empty handler");
  std::vector<detail::endpoint> endpoints = co_await detail::resolve(host, port, true);
  const detail::endpoint& at = endpoints.front();
  int fd = detail::tcp_socket(at.family);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&at.address), at.length) != 0 || ::listen(fd, backlog) != 0) {
    int error = errno;
    ::close(fd);
    detail::throw_os_error(error, "cannot listen on " + host + ":" + std::to_string(port));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  auto core = std::make_shared<detail::server_core>();
  core->fd = fd;
  core->port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                                 : reinterpret_cast<sockaddr_in&>(bound).sin_port);
  core->loop = &get_running_loop();
  core->handler = std::move(handler);
  core->acceptor.core = core.get();
  core->acceptor.ops = &detail::server_core::accept_ops;
  core->by_completion = detail::loop_access::backend(*core->loop).socket_requests();
  if (!core->by_completion) core->reader = &core->acceptor;
  try {
    detail::loop_access::add_io(*core->loop, *core);
  } catch (...) {
    ::close(fd);
    throw;
  }
  core->listening = true;
  if (core->by_completion) core->accept_all();
  co_return server(std::move(core));
}

}  // namespace aio
