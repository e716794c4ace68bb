// How a loop learns that watched descriptors are ready: epoll or io_uring (run_options.backend).
// epoll watches each source edge-triggered all along; io_uring polls a side when a waiter is
// placed on it and no poll is armed (level-triggered at that moment; the reading side's poll is
// multishot and stays armed, edge-triggered like epoll). Either way a ready descriptor wakes
// a parked waiter, and a wake-up is a hint (the waiter retries its syscall). io_uring also
// performs file requests itself (native_request): aio::file uses them instead of the thread pool,
// and, when the kernel allows, socket I/O by completion (socket_requests): receiving into a
// provided buffer ring, sending and accepting are ring requests, so a busy loop pays one
// io_uring_enter per iteration for all of them instead of a syscall per operation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "aio/detail/io_source.hpp"
#include "aio/detail/task_state.hpp"

namespace aio::detail {

// A request the backend performs itself (io_uring's READ, WRITE, OPENAT, CLOSE). Its owner keeps
// it and the memory it names alive until `complete` runs on the loop thread with the kernel's
// result (a count, a descriptor, or -errno; -ECANCELED after cancel()).
struct alignas(16) native_request {
  enum class kind { read, write, openat, close };
  kind op = kind::read;
  int fd = -1;
  void* buffer = nullptr;  // read into / write from
  unsigned length = 0;
  const char* path = nullptr;  // openat
  int flags = 0;
  unsigned mode = 0;
  void (*complete)(native_request&, int result) noexcept = nullptr;
};

// What a socket whose I/O the backend performs hears back, on the loop thread (io_uring only).
struct socket_events {
  // Bytes received, in a buffer the kernel gets back after the call. Must not remove the source.
  void (*received)(io_source&, const char* data, std::size_t size) noexcept = nullptr;
  // Receiving is over: 0 at end of stream, -errno on failure.
  void (*receive_ended)(io_source&, int result) noexcept = nullptr;
  // The last send() is over: every byte sent (their count), or -errno.
  void (*sent)(io_source&, int result) noexcept = nullptr;
  // A connection accepted (its descriptor, non-blocking and close-on-exec), or -errno (accepting
  // stops until the next accept()).
  void (*accepted)(io_source&, int result) noexcept = nullptr;
  // The receive_once() is over: `data` (the owner's buffer, cut to the bytes received; the
  // owner may take it) and their count, 0 at end of stream, or -errno.
  void (*received_once)(io_source&, std::string& data, int result) noexcept = nullptr;
};

class io_backend {
 public:
  virtual ~io_backend() = default;
  // Watches `source.fd` until remove(); throws std::system_error.
  virtual void add(io_source& source) = 0;
  virtual void remove(io_source& source) noexcept = 0;
  // A waiter was just placed on one side of `source`: a backend that watches per wait (io_uring)
  // starts watching that side now; epoll watches both sides all along.
  virtual void arm(io_source& source, bool for_write) noexcept = 0;
  // Waits up to `timeout_ms` (-1: until something happens), drains the wake-up eventfd and
  // wakes the waiters of the ready sources.
  virtual void poll(int timeout_ms) = 0;

  // Whether submit() is available (io_uring); without it, files go to the thread pool.
  virtual bool native_requests() const noexcept { return false; }
  // Sends `request` (at the file's current position for reads and writes); completes in poll().
  virtual void submit(native_request&) noexcept {}
  // Asks the kernel to drop a request still in flight; it completes anyway (-ECANCELED, or
  // its result when it was too late). Only for a request whose completion has not run.
  virtual void cancel(native_request&) noexcept {}

  // Whether receive/send/accept below are available for a socket; without them, sockets are
  // read and written by their owners when the loop reports them ready.
  virtual bool socket_requests() const noexcept { return false; }
  // Keeps receiving into events.received until pause_receive(), the end or a failure (reported
  // once through events.receive_ended). A source added with add(); idempotent.
  virtual void receive(io_source&, const socket_events&) noexcept {}
  // Stops receiving (the owner has buffered enough); bytes already received are still delivered.
  virtual void pause_receive(io_source&) noexcept {}
  // One receive straight into `buffer` (up to its size), which the backend keeps until
  // events.received_once: no copy out of a shared buffer, for readers asking for many bytes.
  // False (and `buffer` untouched) while a receive() request is still ending: bytes arrive in
  // order only with one receive at a time. At most one per source.
  virtual bool receive_once(io_source&, std::string&, const socket_events&) noexcept { return false; }
  // Sends all of `data`, which it takes (leaving an empty string with spare capacity) and keeps
  // alive until events.sent. One send at a time per source.
  virtual void send(io_source&, std::string& data, const socket_events&) noexcept {}
  // Accepts connections on a listening source into events.accepted until remove().
  virtual void accept(io_source&, const socket_events&) noexcept {}
};

// `wake_fd` is the loop's eventfd, watched by the backend from the start.
std::unique_ptr<io_backend> make_epoll_backend(int wake_fd);
// Null when the kernel refuses io_uring (too old, or disabled by a sandbox).
std::unique_ptr<io_backend> make_uring_backend(int wake_fd);

// Wakes the sides of `source` that `events` (poll(2) bits, the same values as epoll's) concern.
inline void dispatch_ready(io_source& source, std::uint32_t events) noexcept {
  constexpr std::uint32_t in = 0x001, out = 0x004, err = 0x008, hup = 0x010, rdhup = 0x2000;
  // Errors and hang-ups wake both sides: the next syscall reports them.
  if (events & (in | err | hup | rdhup)) {
    source.read_drained = false;
    if (events & (err | hup | rdhup)) source.read_ended = true;
    if (waiter* w = std::exchange(source.reader, nullptr)) notify(*w);
  }
  // Last touch of `source`: a writer's notify may free it (a dropped stream done flushing).
  if (events & (out | err | hup))
    if (waiter* w = std::exchange(source.writer, nullptr)) notify(*w);
}

void drain_eventfd(int fd) noexcept;

}  // namespace aio::detail
