// aio::lifo_queue<T> (asyncio.LifoQueue): an aio::queue that gives the newest item first.
#pragma once

#include <concepts>

#include "aio/detail/queue_core.hpp"

namespace aio {

template <class T>
class lifo_queue : public detail::queue_core<T, detail::lifo_store<T>> {
  using core = detail::queue_core<T, detail::lifo_store<T>>;

 public:
  lifo_queue() : core(0) {}
  template <std::integral I>
  explicit lifo_queue(I maxsize) : core(detail::queue_maxsize(maxsize)) {}
};

}  // namespace aio
