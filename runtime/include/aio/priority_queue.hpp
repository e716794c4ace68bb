// aio::priority_queue<T, Compare> (asyncio.PriorityQueue): an aio::queue that gives the
// smallest item by Compare first. Like asyncio (heapq), and unlike std::priority_queue, the
// default std::less<T> means smallest first; pass std::greater<T> for largest first. Items
// that compare equal come out in no particular order (asyncio uses (priority, seq) tuples).
#pragma once

#include <concepts>
#include <functional>
#include <utility>

#include "aio/detail/queue_core.hpp"

namespace aio {

template <class T, class Compare = std::less<T>>
class priority_queue : public detail::queue_core<T, detail::heap_store<T, Compare>> {
  using core = detail::queue_core<T, detail::heap_store<T, Compare>>;

 public:
  priority_queue() : core(0) {}
  template <std::integral I>
  explicit priority_queue(I maxsize, Compare compare = Compare{})
      : core(detail::queue_maxsize(maxsize), detail::heap_store<T, Compare>(std::move(compare))) {}
};

}  // namespace aio
