// What an aio::file shares with its operations in flight. On epoll a FILE* used by calls on the
// thread pool; on io_uring a descriptor that the ring reads and writes (file_uring.cpp).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "aio/detail/waiter.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/task.hpp"

namespace aio::detail {

struct file_core {
  std::FILE* stream = nullptr;  // thread-pool path
  int fd = -1;                  // native path
  event_loop* loop = nullptr;   // native: the loop whose ring performs the requests
  std::string path;
  bool closed = false;  // loop thread only: close() was called
  // Native only. Bytes read ahead (by readline, or by a read whose awaiter left) and not yet
  // handed out: the descriptor's position is past them.
  std::string buffered;
  bool busy = false;    // an operation runs: the next waits (they share the position)
  waiter_list idle;     // operations waiting for `busy` to clear
  // Thread-pool path: a call left running by a cancelled awaiter finishes before the next call
  // (a read, or close's fclose) touches the FILE*.
  std::mutex pool_calls;

  ~file_core() {
    if (stream) std::fclose(stream);
    if (fd >= 0) ::close(fd);
  }

  std::FILE* check() const {
    if (!stream) throw invalid_state_error("I/O operation on a closed aio::file");
    return stream;
  }
};

// The io_uring versions of aio::file's operations (file_uring.cpp).
namespace uring_file {
task<std::shared_ptr<file_core>> open(event_loop& loop, std::string path, std::string mode);
task<std::string> read(std::shared_ptr<file_core> core, std::size_t n);
task<std::string> readline(std::shared_ptr<file_core> core);
task<std::size_t> write(std::shared_ptr<file_core> core, std::string data);
task<> flush(std::shared_ptr<file_core> core);
task<> close(std::shared_ptr<file_core> core);
}  // namespace uring_file

}  // namespace aio::detail
