// How a loop learns that watched descriptors are ready: epoll or io_uring (run_options.backend).
// epoll watches each source edge-triggered all along; io_uring polls a side once each time a
// waiter is placed on it (level-triggered at that moment). Either way a ready descriptor wakes
// a parked waiter, and a wake-up is a hint (the waiter retries its syscall).
#pragma once

#include <cstdint>
#include <memory>

#include "aio/detail/io_source.hpp"
#include "aio/detail/task_state.hpp"

namespace aio::detail {

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
};

// `wake_fd` is the loop's eventfd, watched by the backend from the start.
std::unique_ptr<io_backend> make_epoll_backend(int wake_fd);
// Null when the kernel refuses io_uring (too old, or disabled by a sandbox).
std::unique_ptr<io_backend> make_uring_backend(int wake_fd);

// Wakes the sides of `source` that `events` (poll(2) bits, the same values as epoll's) concern.
inline void dispatch_ready(io_source& source, std::uint32_t events) noexcept {
  constexpr std::uint32_t in = 0x001, out = 0x004, err = 0x008, hup = 0x010, rdhup = 0x2000;
  // Errors and hang-ups wake both sides: the next syscall reports them.
  if (events & (in | err | hup | rdhup))
    if (waiter* w = std::exchange(source.reader, nullptr)) notify(*w);
  // Last touch of `source`: a writer's notify may free it (a dropped stream done flushing).
  if (events & (out | err | hup))
    if (waiter* w = std::exchange(source.writer, nullptr)) notify(*w);
}

void drain_eventfd(int fd) noexcept;

}  // namespace aio::detail
