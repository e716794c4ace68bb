// aio::wait_readable(fd) / aio::wait_writable(fd) (asyncio's loop.add_reader/add_writer, as an
// awaitable): the hook for third-party non-blocking libraries (libpq, libcurl multi, ...).
#pragma once

#include <unistd.h>

#include <cerrno>
#include <coroutine>
#include <system_error>

#include "aio/event_loop.hpp"

namespace aio {

namespace detail {

// Parks the running task until one side of an already registered source is ready. Spurious
// wake-ups are possible (a hang-up wakes both sides): the caller retries its syscall.
class [[nodiscard]] io_ready {
 public:
  io_ready(io_source& source, bool for_write) noexcept : source_(source), for_write_(for_write) {}
  io_ready(const io_ready&) = delete;
  io_ready& operator=(const io_ready&) = delete;
  ~io_ready() { leave_io_source(waiter_); }  // destroyed while parked (loop close)

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    running_loop_or_throw();
    waiter*& slot = for_write_ ? source_.writer : source_.reader;
    if (slot) throw runtime_error(for_write_ ? "another task is already waiting to write to this descriptor"
                                             : "another task is already waiting to read from this descriptor");
    if (!begin_wait(waiter_, h)) return false;
    park_on_io(source_, waiter_, for_write_);
    return true;
  }
  void await_resume() { end_wait(waiter_); }

 private:
  io_source& source_;
  bool for_write_;
  io_waiter waiter_;
};

// A one-off watch on a descriptor someone else owns: registered for the wait only.
class [[nodiscard]] fd_wait {
 public:
  fd_wait(int fd, bool for_write) noexcept : fd_(fd), for_write_(for_write) {}
  fd_wait(fd_wait&& other) noexcept : fd_(other.fd_), for_write_(other.for_write_) {}
  fd_wait& operator=(const fd_wait&) = delete;
  ~fd_wait() { stop_watching(); }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    event_loop& loop = running_loop_or_throw();
    if (!begin_wait(waiter_, h)) return false;
    source_.fd = fd_;
    try {
      loop_access::add_io(loop, source_);
    } catch (const std::system_error& e) {
      // Watched already (another waiter, or a stream): epoll keys on the descriptor, so a
      // duplicate of it is a separate entry for the same open file.
      if (e.code().value() != EEXIST) throw;
      source_.fd = ::dup(fd_);
      if (source_.fd < 0) throw std::system_error(errno, std::generic_category(), "dup");
      try {
        loop_access::add_io(loop, source_);
      } catch (...) {
        ::close(source_.fd);
        throw;
      }
    }
    loop_ = &loop;
    park_on_io(source_, waiter_, for_write_);
    return true;
  }
  void await_resume() {
    stop_watching();
    end_wait(waiter_);
  }

 private:
  void stop_watching() noexcept {
    if (!loop_) return;
    leave_io_source(waiter_);
    loop_access::remove_io(*loop_, source_);
    if (source_.fd != fd_) ::close(source_.fd);
    loop_ = nullptr;
  }

  int fd_;
  bool for_write_;
  event_loop* loop_ = nullptr;
  io_source source_;
  io_waiter waiter_;
};

}  // namespace detail

// Resumes once `fd` (non-blocking, owned by the caller) is readable, or has an error or hang-up.
inline detail::fd_wait wait_readable(int fd) noexcept { return {fd, false}; }
// Resumes once `fd` is writable, or has an error or hang-up.
inline detail::fd_wait wait_writable(int fd) noexcept { return {fd, true}; }

}  // namespace aio
