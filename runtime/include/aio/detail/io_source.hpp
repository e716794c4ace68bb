// A file descriptor the loop watches: the waiter parked for readability and the one parked for
// writability. The loop wakes them through the one waiter mechanism (notify); a waiter that is
// not a task (a stream's background flush, the signal reader) reacts in its ops->notify.
#pragma once

#include "aio/detail/waiter.hpp"

namespace aio::detail {

struct io_source {
  int fd = -1;
  waiter* reader = nullptr;  // taken (set to null) when the loop wakes it
  waiter* writer = nullptr;
  // Called at loop close for a source still registered whose owner has gone (a stream
  // flushing on its own after being dropped): it frees the owner.
  void (*abandon)(io_source&) = nullptr;
  void* backend_data = nullptr;  // what the loop's backend keeps for this source
  // The last read emptied the descriptor and the loop has not reported it readable since: a
  // reader may park at once instead of trying a read that would fail with EAGAIN.
  bool read_drained = false;
  // The loop reported an end or an error, which stays pending without further reports: reads
  // are always tried from then on.
  bool read_ended = false;
  io_source* prev = nullptr;  // the loop's list of registered sources
  io_source* next = nullptr;
  bool registered = false;
};

// A task parked on one side of a source.
struct io_waiter : waiter {
  io_source* source = nullptr;
  bool for_write = false;
};

inline cancel_outcome leave_io_source(waiter& w) noexcept {
  auto& io = static_cast<io_waiter&>(w);
  if (!io.source) return cancel_outcome::detached;
  waiter*& slot = io.for_write ? io.source->writer : io.source->reader;
  if (slot == &w) slot = nullptr;
  return cancel_outcome::detached;
}
inline constexpr waiter_ops io_wait_ops{nullptr, &leave_io_source, nullptr, "wait for I/O"};

}  // namespace aio::detail
