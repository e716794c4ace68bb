// aio::queue<T> (asyncio.Queue): `co_await q.put(v)`, `co_await q.get()`, the nowait forms
// (throwing aio::queue_full / aio::queue_empty), task_done() and `co_await q.join()`, and the
// asyncio 3.13 shutdown() (aio::queue_shut_down). maxsize 0 (the default) is unbounded.
// Waiters are served in FIFO order; see detail/queue_core.hpp for the cancellation rules.
#pragma once

#include <concepts>

#include "aio/detail/queue_core.hpp"

namespace aio {

template <class T>
class queue : public detail::queue_core<T, detail::fifo_store<T>> {
  using core = detail::queue_core<T, detail::fifo_store<T>>;

 public:
  queue() : core(0) {}
  template <std::integral I>
  explicit queue(I maxsize) : core(detail::queue_maxsize(maxsize)) {}
};

}  // namespace aio
