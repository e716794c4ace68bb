// aio::stream: reads go straight to the socket and park on the loop only when it has nothing;
// writes go straight out when the write buffer is empty, the rest is flushed by the loop when
// the socket becomes writable (a waiter with its own notify, parked on the writable side).
// On a backend with socket_requests (io_uring) a socket's bytes come by completion instead:
// the backend delivers them into the read buffer whether or not a read waits (a cancelled read
// loses none; a large read's own buffer, `landed`, is kept for the next read), and sends what
// write() queued, one send request at a time.
#include "aio/stream.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "aio/detail/list_wait.hpp"
#include "aio/detail/resolve.hpp"
#include "aio/sleep.hpp"
#include "aio/wait_io.hpp"
#include "io_backend.hpp"
#include "os_errors.hpp"

namespace aio {
namespace detail {

struct stream_core : io_source {
  struct flush_waiter : waiter {
    stream_core* core = nullptr;
  };
  static void on_writable(waiter& w) noexcept { static_cast<flush_waiter&>(w).core->flush(); }
  static constexpr waiter_ops flush_ops{&on_writable, nullptr, nullptr, "stream flush"};
  static void on_loop_close(io_source& source) noexcept {
    auto* core = static_cast<stream_core*>(&source);
    ::close(core->fd);
    delete core;
  }

  static constexpr std::size_t min_receive = 16 * 1024;
  // By completion, reads of this many bytes or more receive straight into the string they
  // return (up to max_direct_receive at once), as epoll's reads do; smaller ones share the
  // multishot receive (scripts/bench io: streaming with 64 KiB reads, ping-pong with 4 KiB).
  static constexpr std::size_t direct_receive_at = 16 * 1024;
  static constexpr std::size_t max_direct_receive = 64 * 1024;
  static void on_received(io_source& source, const char* data, std::size_t size) noexcept;
  static void on_receive_ended(io_source& source, int result) noexcept;
  static void on_sent(io_source& source, int result) noexcept;
  static void on_received_once(io_source& source, std::string& data, int result) noexcept;
  static constexpr socket_events completion_events{&on_received, &on_receive_ended, &on_sent, nullptr,
                                                   &on_received_once};

  event_loop* loop;
  // Read side: bytes [in_begin, in_end) of `in` are buffered.
  std::unique_ptr<char[]> in;
  std::size_t in_capacity = 0, in_begin = 0, in_end = 0;
  std::size_t limit = 64 * 1024;
  bool eof = false;
  // Write side: bytes from out_pos of `out` wait for the socket.
  std::string out;
  std::size_t out_pos = 0;
  std::size_t high_water = 64 * 1024, low_water = 16 * 1024;
  std::exception_ptr write_error;
  waiter_list drainers;
  waiter_list closers;
  flush_waiter flusher;
  bool closing = false;   // close() was called: no more reads or writes
  bool closed = false;    // the descriptor is released
  bool orphaned = false;  // the stream object is gone; the core frees itself once flushed
  // By completion (io_uring): bytes arrive through on_received, sends complete in on_sent.
  bool by_completion = false;
  bool receiving = false;     // the backend was asked to receive (and not paused since)
  bool receiving_once = false;  // a receive_once() into a buffer of ours is in flight
  std::string landed;         // what it received: the bytes after the buffered ones
  bool receive_over = false;  // the backend reported the end or a failure (receive_error)
  int receive_error = 0;
  std::size_t fresh = 0;      // bytes received since receive() last looked
  std::size_t in_flight = 0;  // bytes handed to the backend's send

  stream_core(event_loop& l, int socket) : loop(&l) {
    fd = socket;
    flusher.core = this;
    flusher.ops = &flush_ops;
  }

  std::size_t buffered() const noexcept { return in_end - in_begin; }
  std::size_t pending_out() const noexcept { return out.size() - out_pos + in_flight; }
  io_backend& backend() const noexcept { return loop_access::backend(*loop); }
  std::string_view view() const noexcept { return {in.get() + in_begin, buffered()}; }

  std::string take(std::size_t n) {
    std::string bytes(in.get() + in_begin, n);
    in_begin += n;
    if (in_begin == in_end) in_begin = in_end = 0;
    return bytes;
  }

  // Room for `n` more bytes after in_end (moving the buffered bytes down, or growing).
  void make_room(std::size_t n) {
    if (in_capacity - in_end >= n) return;
    if (in_begin > 0) {
      std::memmove(in.get(), in.get() + in_begin, buffered());
      in_end -= in_begin;
      in_begin = 0;
    }
    if (in_capacity - in_end >= n) return;
    std::size_t grown = std::max({std::size_t{64 * 1024}, in_capacity * 2, in_end + n});
    auto bigger = std::make_unique_for_overwrite<char[]>(grown);  // untouched pages stay unmapped
    if (buffered() > 0) std::memcpy(bigger.get(), in.get() + in_begin, buffered());
    in = std::move(bigger);
    in_capacity = grown;
  }

  // One recv into the buffer: bytes read, 0 at end of stream, -1 when it would block.
  ssize_t receive() {
    if (by_completion) absorb_landed();
    if (eof || closing) return 0;
    if (by_completion) return completed_receive(0);
    make_room(min_receive);
    if (read_drained) return -1;
    ssize_t n = receive_raw(in.get() + in_end, in_capacity - in_end);
    if (n > 0) in_end += static_cast<std::size_t>(n);
    return n;
  }

  // With nothing buffered, one recv straight into `into` (up to `n` bytes, at most one buffer's
  // worth): saves read(n) a copy through the buffer. Same results as receive().
  ssize_t receive_into(std::string& into, std::size_t n) {
    if (by_completion) {
      for (;;) {  // a positive receive() may count bytes taken since: look once more
        if (buffered() == 0 && !landed.empty() && landed.size() <= n) {
          into = std::exchange(landed, std::string{});  // received straight into: no copy
          return static_cast<ssize_t>(into.size());
        }
        absorb_landed();
        if (buffered() > 0) {
          into = take(std::min(n, buffered()));
          return static_cast<ssize_t>(into.size());
        }
        if (eof || closing) return 0;
        ssize_t got = completed_receive(n);
        if (got <= 0) return got;
      }
    }
    if (eof || closing) return 0;
    if (read_drained) return -1;
    into.resize(std::min<std::size_t>(n, 64 * 1024));
    ssize_t got = receive_raw(into.data(), into.size());
    if (got > 0) into.resize(static_cast<std::size_t>(got));
    return got;
  }

  // One recv into [data, data + capacity): the byte count, 0 at end of stream, -1 when the
  // socket is empty (the loop reports the next arrival); throws on a failure.
  ssize_t receive_raw(char* data, std::size_t capacity) {
    for (;;) {
      ssize_t got = ::recv(fd, data, capacity, 0);
      if (got > 0) {
        // A short read emptied the socket: a later arrival is reported by the loop (an end
        // already reported is not, hence read_ended).
        read_drained = !read_ended && static_cast<std::size_t>(got) < capacity;
        return got;
      }
      if (got == 0) {
        eof = true;
        return 0;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        read_drained = true;
        return -1;
      }
      eof = true;  // after a failure the stream reads as ended
      throw_os_error(errno, "recv");
    }
  }

  // receive() by completion: the bytes that arrived since it last looked (in the buffer or
  // landed), 0 or the failure once the backend reported the end, else -1 (receiving goes on).
  // A reader `wanting` many bytes of an empty buffer has them received straight into a buffer
  // of their own (the reader takes it whole); small reads share the backend's multishot receive.
  ssize_t completed_receive(std::size_t wanting) {
    if (fresh > 0) return static_cast<ssize_t>(std::exchange(fresh, 0));
    if (receive_over) {
      eof = true;
      if (receive_error != 0) throw_os_error(receive_error, "recv");
      return 0;
    }
    if (receiving || receiving_once) return -1;
    if (wanting >= direct_receive_at && buffered() == 0 && landed.empty()) {
      std::string buffer(std::min(wanting, max_direct_receive), '\0');
      if (backend().receive_once(*this, buffer, completion_events)) {
        receiving_once = true;
        return -1;
      }
    }
    receiving = true;
    backend().receive(*this, completion_events);
    return -1;
  }

  // Moves landed bytes behind the buffered ones, for readers that look into the buffer.
  void absorb_landed() {
    if (landed.empty()) return;
    make_room(landed.size());
    std::memcpy(in.get() + in_end, landed.data(), landed.size());
    in_end += landed.size();
    landed.clear();
  }

  // Hands what write() queued to the backend's send unless one is in flight.
  void send_queued() noexcept {
    if (in_flight > 0 || write_error || out.size() == out_pos) return;
    if (out_pos > 0) out.erase(0, out_pos);
    out_pos = 0;
    in_flight = out.size();
    backend().send(*this, out, completion_events);  // takes the bytes, leaves spare capacity
  }

  void fail_write(int error) {
    write_error = os_error_from(error, "send");
    out.clear();
    out_pos = 0;
  }

  // Sends what the socket takes; the loop calls it again when the socket is writable.
  void flush() noexcept {
    while (pending_out() > 0 && !write_error && !by_completion) {
      ssize_t n = ::send(fd, out.data() + out_pos, pending_out(), MSG_NOSIGNAL);
      if (n >= 0) {
        out_pos += static_cast<std::size_t>(n);
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        break;
      } else if (errno != EINTR) {
        fail_write(errno);
      }
    }
    if (pending_out() == 0) {
      out.clear();
      out_pos = 0;
    } else if (out_pos >= 1024 * 1024 && out_pos * 2 >= out.size()) {
      out.erase(0, out_pos);
      out_pos = 0;
    }
    if (write_error || pending_out() <= low_water) wake_all(drainers);
    if (pending_out() > 0 && by_completion) return;  // on_sent comes back here
    if (pending_out() > 0) {
      watch_side(*this, flusher, true);
      return;
    }
    if (closing) release();  // may free this core: nothing after
  }

  // Closes the descriptor and wakes everyone waiting on the stream.
  void release() noexcept {
    if (closed) return;
    closed = closing = true;
    loop_access::remove_io(*loop, *this);
    ::close(fd);
    fd = -1;
    writer = nullptr;
    if (waiter* r = std::exchange(reader, nullptr)) notify(*r);
    wake_all(drainers);
    wake_all(closers);
    if (orphaned) delete this;
  }
};

// Kept until the reader takes them; past this, receiving pauses (the socket's own buffer and
// TCP's window hold the rest, as for a reader that stops calling recv). Low, so the read
// buffer stays at its first 64 KiB: growing it costs page faults (scripts/bench io, streaming).
constexpr std::size_t pause_receiving_at = 64 * 1024;

void stream_core::on_received(io_source& source, const char* data, std::size_t size) noexcept {
  auto& c = static_cast<stream_core&>(source);
  c.make_room(size);
  std::memcpy(c.in.get() + c.in_end, data, size);
  c.in_end += size;
  c.fresh += size;
  if (c.receiving && c.buffered() >= std::max(pause_receiving_at, c.limit)) {
    c.receiving = false;
    c.backend().pause_receive(c);
  }
  if (waiter* r = std::exchange(c.reader, nullptr)) notify(*r);
}

void stream_core::on_receive_ended(io_source& source, int result) noexcept {
  auto& c = static_cast<stream_core&>(source);
  c.receive_over = true;
  c.receive_error = -result;
  if (waiter* r = std::exchange(c.reader, nullptr)) notify(*r);
}

void stream_core::on_received_once(io_source& source, std::string& data, int result) noexcept {
  auto& c = static_cast<stream_core&>(source);
  c.receiving_once = false;
  if (result > 0) {
    c.landed.swap(data);  // the reader takes it whole, or absorb_landed() copies it in
    c.fresh += static_cast<std::size_t>(result);
  } else {
    c.receive_over = true;
    c.receive_error = -result;
  }
  if (waiter* r = std::exchange(c.reader, nullptr)) notify(*r);
}

void stream_core::on_sent(io_source& source, int result) noexcept {
  auto& c = static_cast<stream_core&>(source);
  c.in_flight = 0;
  if (result < 0) c.fail_write(-result);
  c.send_queued();
  c.flush();  // wakes drainers, and releases a closing stream once all is sent (may free it)
}

namespace {

stream_core& core_of(stream_core* core) {
  if (!core) throw invalid_state_error("empty aio::stream");
  return *core;
}

task<std::string> read_some(stream_core* c, std::size_t n) {
  if (n == 0) co_return std::string{};
  if (n == stream::until_eof) {
    for (;;) {
      ssize_t r = c->receive();
      if (r == 0) co_return c->take(c->buffered());
      if (r < 0) co_await io_ready(*c, false);
    }
  }
  if (c->buffered() > 0) co_return c->take(std::min(n, c->buffered()));
  std::string data;
  for (;;) {
    ssize_t r = c->receive_into(data, n);
    if (r == 0) co_return std::string{};
    if (r > 0) co_return data;
    co_await io_ready(*c, false);
  }
}

task<std::string> read_exactly(stream_core* c, std::size_t n) {
  while (c->buffered() < n) {
    ssize_t r = c->receive();
    if (r == 0) throw incomplete_read_error(c->take(c->buffered()), n);
    if (r < 0) co_await io_ready(*c, false);
  }
  co_return c->take(n);
}

// read_until, or readline when `partial_at_eof` (the last line may lack its delimiter).
task<std::string> read_until(stream_core* c, std::string delimiter, bool partial_at_eof) {
  if (delimiter.empty()) throw std::invalid_argument("read_until: empty delimiter");
  std::size_t searched = 0;  // the delimiter does not start before this offset
  for (;;) {
    std::size_t at = c->view().find(delimiter, searched);
    if (at != std::string_view::npos) {
      if (at > c->limit) throw limit_overrun_error("read_until: the delimiter was found past the limit");
      co_return c->take(at + delimiter.size());
    }
    if (c->buffered() > c->limit) throw limit_overrun_error("read_until: no delimiter within the limit");
    searched = c->buffered() >= delimiter.size() ? c->buffered() - delimiter.size() + 1 : 0;
    ssize_t r = c->receive();
    if (r == 0) {
      if (partial_at_eof) co_return c->take(c->buffered());
      throw incomplete_read_error(c->take(c->buffered()), 0);
    }
    if (r < 0) co_await io_ready(*c, false);
  }
}

// Always a scheduling point, even below the high-water mark (as asio's async_write always
// suspends): a task looping on write() + drain() lets the readers on its loop run, instead of
// filling the socket buffers to the brim first.
task<> drain(stream_core* c) {
  co_await sleep(clock::duration::zero());
  for (;;) {
    if (c->write_error) std::rethrow_exception(c->write_error);
    if (c->pending_out() <= c->high_water || c->closed) co_return;
    co_await list_wait(c->drainers);
  }
}

task<> wait_closed(stream_core* c) {
  while (!c->closed) co_await list_wait(c->closers);
}

// Closes the socket unless it is handed over to a stream.
struct socket_guard {
  int fd;
  ~socket_guard() {
    if (fd >= 0) ::close(fd);
  }
  int release() noexcept { return std::exchange(fd, -1); }
};

}  // namespace
}  // namespace detail

stream::stream(int connected_fd) {
  detail::socket_guard guard{connected_fd};
  event_loop& loop = detail::running_loop_or_throw();
  int flags = ::fcntl(connected_fd, F_GETFL);
  if (flags < 0 || ::fcntl(connected_fd, F_SETFL, flags | O_NONBLOCK) < 0) detail::throw_os_error(errno, "fcntl");
  int one = 1;  // asyncio sets TCP_NODELAY on every TCP stream; other sockets refuse it harmlessly
  const bool socket =
      ::setsockopt(connected_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0 || errno != ENOTSOCK;
  auto core = std::make_unique<detail::stream_core>(loop, connected_fd);
  detail::loop_access::add_io(loop, *core);
  core->by_completion = socket && detail::loop_access::backend(loop).socket_requests();
  guard.release();
  core_ = core.release();
}

stream::stream(stream&& other) noexcept : core_(std::exchange(other.core_, nullptr)) {}

stream& stream::operator=(stream&& other) noexcept {
  if (this != &other) {
    stream dropped(std::move(*this));
    core_ = std::exchange(other.core_, nullptr);
  }
  return *this;
}

stream::~stream() {
  detail::stream_core* c = std::exchange(core_, nullptr);
  if (!c) return;
  if (!c->closed && c->pending_out() > 0 && !c->write_error) {
    // The loop finishes sending; the core frees itself then (or at loop close).
    c->closing = c->orphaned = true;
    c->abandon = &detail::stream_core::on_loop_close;
    if (detail::waiter* r = std::exchange(c->reader, nullptr)) detail::notify(*r);
    return;
  }
  c->release();
  delete c;
}

task<std::string> stream::read(std::size_t n) { return detail::read_some(&detail::core_of(core_), n); }
task<std::string> stream::read_exactly(std::size_t n) { return detail::read_exactly(&detail::core_of(core_), n); }
task<std::string> stream::read_until(std::string delimiter) {
  return detail::read_until(&detail::core_of(core_), std::move(delimiter), false);
}
task<std::string> stream::readline() { return detail::read_until(&detail::core_of(core_), "\n", true); }
bool stream::at_eof() const noexcept {
  return !core_ || ((core_->eof || core_->closing) && core_->buffered() == 0 && core_->landed.empty());
}
std::size_t stream::limit() const noexcept { return core_ ? core_->limit : 0; }
void stream::set_limit(std::size_t bytes) noexcept {
  if (core_) core_->limit = bytes;
}

void stream::write(std::string_view data) {
  detail::stream_core& c = detail::core_of(core_);
  if (c.closing) throw runtime_error("write() on a closed aio::stream");
  if (c.write_error || data.empty()) return;  // a failed connection is reported by drain()
  // By completion, a small write is sent by the next loop iteration's io_uring_enter with the
  // rest; a large one goes out at once when nothing is queued, as copying it costs more than
  // the syscall (scripts/bench io, streaming).
  constexpr std::size_t direct_send_at = 16 * 1024;
  if (c.by_completion && (data.size() < direct_send_at || c.pending_out() > 0)) {
    c.out.append(data);
    c.send_queued();
    return;
  }
  if (c.pending_out() == 0) {
    for (;;) {
      ssize_t n = ::send(c.fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n >= 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
        break;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        c.fail_write(errno);
        return;
      }
      break;
    }
    if (data.empty()) return;
  }
  c.out.append(data);
  if (c.by_completion) c.send_queued();
  else detail::watch_side(c, c.flusher, true);  // the loop flushes when the socket is writable
}

task<> stream::drain() { return detail::drain(&detail::core_of(core_)); }

void stream::set_write_buffer_limits(std::size_t high, std::size_t low) noexcept {
  if (!core_) return;
  core_->high_water = high;
  core_->low_water = std::min(low, high);
}

std::size_t stream::write_buffer_size() const noexcept { return core_ ? core_->pending_out() : 0; }

void stream::close() noexcept {
  if (!core_ || core_->closing) return;
  core_->closing = true;
  if (core_->pending_out() == 0 || core_->write_error) {
    core_->release();
  } else if (detail::waiter* r = std::exchange(core_->reader, nullptr)) {
    detail::notify(*r);  // a pending read ends (end of stream) while output is flushed
  }
}

bool stream::is_closing() const noexcept { return !core_ || core_->closing; }

task<> stream::wait_closed() { return detail::wait_closed(&detail::core_of(core_)); }

int stream::fd() const noexcept { return core_ ? core_->fd : -1; }

task<stream> open_connection(std::string host, std::uint16_t port) {
  std::vector<detail::endpoint> endpoints = co_await detail::resolve(host, port, false);
  std::exception_ptr failure;
  for (const detail::endpoint& to : endpoints) {
    detail::socket_guard socket{detail::tcp_socket(to.family)};
    int error = 0;
    if (::connect(socket.fd, reinterpret_cast<const sockaddr*>(&to.address), to.length) != 0) {
      error = errno;
      if (error == EINPROGRESS) {
        co_await wait_writable(socket.fd);
        socklen_t length = sizeof error;
        ::getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &error, &length);
      }
    }
    if (error == 0) co_return stream(socket.release());
    failure = detail::os_error_from(error, "connect to " + host + ":" + std::to_string(port));
  }
  if (!failure) throw resolve_error(0, "no address for '" + host + "'");
  std::rethrow_exception(failure);
}

}  // namespace aio
