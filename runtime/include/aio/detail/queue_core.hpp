// What aio::queue, aio::priority_queue and aio::lifo_queue share (asyncio.Queue, 3.13
// semantics, shutdown included); they differ only in how the items are stored.
//
// asyncio's algorithm, so the order of results is asyncio's: a put appends the item and wakes
// the first waiting getter (asyncio's _wakeup_next), which takes an item when it runs, in its
// own turn; if the queue is empty again by then (a get_nowait took it meanwhile) it waits again
// at the back, as get()'s `while self.empty()` loop does. Putters likewise: a get wakes the first
// putter, which puts when it runs if the queue is not full again. Cancellation loses nothing:
// items stay in the queue until a getter runs, and a getter (putter) cancelled after it was
// woken but before it ran passes the wake-up on to the next one when an item (a slot) is there.
#pragma once

#include <algorithm>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "aio/detail/sync_waiter.hpp"
#include "aio/errors.hpp"

namespace aio::detail {

template <class I>
std::size_t queue_maxsize(I maxsize) noexcept {
  if constexpr (std::is_signed_v<I>) {
    if (maxsize <= 0) return 0;  // asyncio: maxsize <= 0 is unbounded
  }
  return static_cast<std::size_t>(maxsize);
}

// First in, first out (asyncio.Queue).
template <class T>
class fifo_store {
 public:
  bool empty() const noexcept { return items_.empty(); }
  std::size_t size() const noexcept { return items_.size(); }
  void push(T&& v) { items_.push_back(std::move(v)); }
  T pop() {
    T v = std::move(items_.front());
    items_.pop_front();
    return v;
  }
  void clear() noexcept { items_.clear(); }

 private:
  std::deque<T> items_;
};

// Last in, first out (asyncio.LifoQueue).
template <class T>
class lifo_store {
 public:
  bool empty() const noexcept { return items_.empty(); }
  std::size_t size() const noexcept { return items_.size(); }
  void push(T&& v) { items_.push_back(std::move(v)); }
  T pop() {
    T v = std::move(items_.back());
    items_.pop_back();
    return v;
  }
  void clear() noexcept { items_.clear(); }

 private:
  std::vector<T> items_;
};

// Smallest first by Compare (asyncio.PriorityQueue, which is heapq: with std::less the
// smallest item comes out first, the opposite of std::priority_queue).
template <class T, class Compare>
class heap_store {
 public:
  heap_store() = default;
  explicit heap_store(Compare compare) : compare_(std::move(compare)) {}
  bool empty() const noexcept { return items_.empty(); }
  std::size_t size() const noexcept { return items_.size(); }
  void push(T&& v) {
    items_.push_back(std::move(v));
    std::push_heap(items_.begin(), items_.end(), later());
  }
  T pop() {
    std::pop_heap(items_.begin(), items_.end(), later());
    T v = std::move(items_.back());
    items_.pop_back();
    return v;
  }
  void clear() noexcept { items_.clear(); }

 private:
  auto later() {
    return [this](const T& a, const T& b) { return compare_(b, a); };
  }
  std::vector<T> items_;
  [[no_unique_address]] Compare compare_{};
};

template <class T, class Store>
class queue_core {
 public:
  using value_type = T;
  class put_awaiter;
  class get_awaiter;
  class join_awaiter;

  queue_core(const queue_core&) = delete;
  queue_core& operator=(const queue_core&) = delete;

  // Waits while the queue is full. Throws queue_shut_down once shutdown() was called.
  [[nodiscard]] put_awaiter put(T item) { return put_awaiter(*this, std::move(item)); }
  // Throws queue_full when full, queue_shut_down after shutdown().
  void put_nowait(T item) {
    if (shut_down_) throw queue_shut_down{};
    if (full()) throw queue_full{};
    append(std::move(item));
  }
  // Waits while the queue is empty. After shutdown() it still gives the items left, then
  // throws queue_shut_down (at once after shutdown(true)).
  [[nodiscard]] get_awaiter get() noexcept { return get_awaiter(*this); }
  // Throws queue_empty when empty (queue_shut_down when empty and shut down).
  T get_nowait() {
    if (store_.empty()) {
      if (shut_down_) throw queue_shut_down{};
      throw queue_empty{};
    }
    return take();
  }

  // One item taken with get() has been processed. Throws aio::invalid_state_error when called
  // more often than items were put (asyncio's ValueError).
  void task_done() {
    if (unfinished_ == 0) throw invalid_state_error("aio::queue::task_done() called too many times");
    if (--unfinished_ == 0) wake_joiners();
  }
  // Completes when every item ever put has been task_done() (or dropped by shutdown(true)).
  [[nodiscard]] join_awaiter join() noexcept { return join_awaiter(*this); }

  std::size_t size() const noexcept { return store_.size(); }
  bool empty() const noexcept { return store_.empty(); }
  // True when put() would wait.
  bool full() const noexcept { return maxsize_ != 0 && store_.size() >= maxsize_; }
  std::size_t maxsize() const noexcept { return maxsize_; }
  // Items put and not yet task_done().
  std::size_t unfinished_tasks() const noexcept { return unfinished_; }

  // asyncio 3.13 Queue.shutdown: put() and put_nowait() throw queue_shut_down from now on, and
  // waiting putters are woken to throw it; getters get what is left, then queue_shut_down.
  // immediate: the items left are dropped (each counts as task_done) and waiting getters are
  // woken to throw queue_shut_down.
  void shutdown(bool immediate = false) {
    shut_down_ = true;
    if (immediate) {
      const std::size_t dropped = std::min(unfinished_, store_.size());
      store_.clear();
      unfinished_ -= dropped;
      if (unfinished_ == 0) wake_joiners();
    }
    while (wake_next(getters_)) {}
    while (wake_next(putters_)) {}
    settle();
  }
  bool is_shut_down() const noexcept { return shut_down_; }

 protected:
  explicit queue_core(std::size_t maxsize, Store store = Store{}) : store_(std::move(store)), maxsize_(maxsize) {}
  ~queue_core() = default;

 private:
  // A getter or putter: parked in its list, or woken (scheduled, out of the list) until its turn.
  struct wait_node : waiter {
    queue_core* queue = nullptr;
    bool woken = false;
  };
  struct join_node : grant_waiter {
    queue_core* queue = nullptr;
  };

  // put_nowait's effect: the item goes in and the first getter is woken.
  void append(T&& item) {
    store_.push(std::move(item));
    ++unfinished_;
    wake_next(getters_);
  }
  // get_nowait's effect: an item comes out and the first putter is woken.
  T take() {
    T v = store_.pop();
    wake_next(putters_);
    return v;
  }
  // asyncio's _wakeup_next: the first waiter of `list` runs in its turn (no waiter left there
  // is cancelled: a cancelled one leaves its list at once).
  bool wake_next(waiter_list& list) noexcept {
    waiter* w = list.pop_front();
    if (!w) return false;
    static_cast<wait_node*>(w)->woken = true;
    wake(*w);
    return true;
  }
  void wake_joiners() noexcept {
    while (waiter* w = joiners_.pop_front()) {
      static_cast<grant_waiter*>(w)->granted = true;
      wake(*w);
    }
    settle();
  }
  void settle() noexcept {
    if (getters_.empty() && putters_.empty() && joiners_.empty()) loop_.detach();
  }
  void park_in(waiter_list& list, wait_node& node) noexcept {
    node.woken = false;
    list.push_back(node);
    loop_.attach();
    park(node);
  }

  template <waiter_list queue_core::*List>
  static cancel_outcome leave(waiter& w) noexcept {
    queue_core* q = nullptr;
    if constexpr (List == &queue_core::joiners_) q = static_cast<join_node&>(w).queue;
    else q = static_cast<wait_node&>(w).queue;
    (q->*List).remove(w);
    q->settle();
    return cancel_outcome::detached;
  }
  // A woken getter's (putter's) turn: it continues if it can take an item (put one), is
  // cancelled, or the queue was shut down; otherwise it waits again at the back of the line.
  template <waiter_list queue_core::*List, bool (queue_core::*Blocked)() const noexcept>
  static void turn(waiter& w) {
    auto& node = static_cast<wait_node&>(w);
    queue_core& q = *node.queue;
    if (node.cancelled || (node.task && node.task->cancel_requested) || q.shut_down_ || !(q.*Blocked)()) {
      node.handle.resume();
      return;
    }
    q.park_in(q.*List, node);
  }

  Store store_;
  std::size_t maxsize_;
  std::size_t unfinished_ = 0;  // put and not yet task_done
  waiter_list getters_;
  waiter_list putters_;
  waiter_list joiners_;
  loop_binding loop_;
  bool shut_down_ = false;

  static constexpr waiter_ops get_ops{nullptr, &queue_core::leave<&queue_core::getters_>,
                                      &queue_core::turn<&queue_core::getters_, &queue_core::empty>,
                                      "aio::queue get"};
  static constexpr waiter_ops put_ops{nullptr, &queue_core::leave<&queue_core::putters_>,
                                      &queue_core::turn<&queue_core::putters_, &queue_core::full>,
                                      "aio::queue put"};
  static constexpr waiter_ops join_ops{nullptr, &queue_core::leave<&queue_core::joiners_>, nullptr,
                                       "aio::queue join"};
};

template <class T, class Store>
class [[nodiscard]] queue_core<T, Store>::put_awaiter {
 public:
  put_awaiter(queue_core& q, T&& item) : queue_(q), item_(std::move(item)) {}
  // Moving is meant for before the await (gather and wait_for take awaitables by value).
  put_awaiter(put_awaiter&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
      : queue_(other.queue_), item_(std::move(other.item_)) {}
  put_awaiter& operator=(put_awaiter&&) = delete;
  ~put_awaiter() {
    // Only reached mid-wait when the frame is destroyed (the loop is closing).
    if (queue_.putters_.contains(node_)) {
      queue_.putters_.remove(node_);
      queue_.settle();
    }
  }

  bool await_ready() {
    queue_.loop_.check("aio::queue");
    if (queue_.shut_down_) throw queue_shut_down{};
    return !queue_.full();
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!begin_wait(node_, h)) return false;
    node_.ops = &put_ops;
    node_.queue = &queue_;
    queue_.park_in(queue_.putters_, node_);
    return true;
  }
  void await_resume() {
    if (node_.handle) {  // it waited (or a pending cancellation kept it from waiting)
      const bool woken = std::exchange(node_.woken, false);
      if (node_.cancelled || (node_.task && node_.task->take_cancel_request())) {
        node_.cancelled = false;
        // asyncio: woken but cancelled before its turn, it hands the wake-up to the next putter.
        if (woken && !queue_.full()) queue_.wake_next(queue_.putters_);
        queue_.settle();
        throw_cancelled();
      }
      if (queue_.shut_down_) throw queue_shut_down{};
    }
    queue_.append(std::move(item_));
  }

 private:
  queue_core& queue_;
  T item_;
  wait_node node_;
};

template <class T, class Store>
class [[nodiscard]] queue_core<T, Store>::get_awaiter {
 public:
  explicit get_awaiter(queue_core& q) noexcept : queue_(q) {}
  get_awaiter(get_awaiter&& other) noexcept : queue_(other.queue_) {}
  get_awaiter& operator=(get_awaiter&&) = delete;
  ~get_awaiter() {
    // Only reached mid-wait when the frame is destroyed (the loop is closing).
    if (queue_.getters_.contains(node_)) {
      queue_.getters_.remove(node_);
      queue_.settle();
    }
  }

  bool await_ready() {
    queue_.loop_.check("aio::queue");
    if (!queue_.store_.empty()) return true;
    if (queue_.shut_down_) throw queue_shut_down{};
    return false;
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!begin_wait(node_, h)) return false;
    node_.ops = &get_ops;
    node_.queue = &queue_;
    queue_.park_in(queue_.getters_, node_);
    return true;
  }
  T await_resume() {
    if (node_.handle) {  // it waited (or a pending cancellation kept it from waiting)
      const bool woken = std::exchange(node_.woken, false);
      if (node_.cancelled || (node_.task && node_.task->take_cancel_request())) {
        node_.cancelled = false;
        // asyncio: woken but cancelled before its turn, it hands the wake-up to the next getter.
        if (woken && !queue_.store_.empty()) queue_.wake_next(queue_.getters_);
        queue_.settle();
        throw_cancelled();
      }
      if (queue_.store_.empty()) throw queue_shut_down{};  // woken by shutdown(), nothing left
    }
    return queue_.take();
  }

 private:
  queue_core& queue_;
  wait_node node_;
};

template <class T, class Store>
class [[nodiscard]] queue_core<T, Store>::join_awaiter {
 public:
  explicit join_awaiter(queue_core& q) noexcept : queue_(q) {}
  join_awaiter(join_awaiter&& other) noexcept : queue_(other.queue_) {}
  join_awaiter& operator=(join_awaiter&&) = delete;
  ~join_awaiter() {
    if (queue_.joiners_.contains(node_)) {
      queue_.joiners_.remove(node_);
      queue_.settle();
    }
  }

  bool await_ready() const {
    queue_.loop_.check("aio::queue");
    return queue_.unfinished_ == 0;
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!begin_primitive_wait(node_, h, join_ops)) return false;
    node_.queue = &queue_;
    queue_.joiners_.push_back(node_);
    queue_.loop_.attach();
    park(node_);
    return true;
  }
  void await_resume() {
    if (!node_.handle) return;  // nothing unfinished: no suspension
    if (!node_.granted) end_ungranted_wait(node_);
    node_.granted = false;
    if (cancelled_after_grant(node_)) throw_cancelled();
  }

 private:
  queue_core& queue_;
  join_node node_;
};

}  // namespace aio::detail
