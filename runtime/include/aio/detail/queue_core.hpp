// What aio::queue, aio::priority_queue and aio::lifo_queue share (asyncio.Queue, 3.13
// semantics, shutdown included); they differ only in how the items are stored.
//
// Getters and putters wait in FIFO order. A put while getters wait hands the item straight to
// the first getter. A get from a full queue admits the first waiting putter by reserving it a
// slot (full() counts reserved slots, so nobody takes that slot first); the putter's item goes
// in when it runs. Cancellation after such a hand-over loses nothing: a getter gives its item
// back (to the next getter, or to the head of the queue, even if that briefly exceeds maxsize),
// a putter passes its reserved slot on to the next putter, and both throw cancelled_error.
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
  // An item a cancelled getter gives back was the oldest: it goes first again.
  void push_returned(T&& v) { items_.push_front(std::move(v)); }
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
  void push_returned(T&& v) { items_.push_back(std::move(v)); }
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
  void push_returned(T&& v) { push(std::move(v)); }
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
    deliver(std::move(item));
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
    T v = store_.pop();
    admit_putters();
    return v;
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
  // True when put() would wait (slots reserved for woken putters count as taken).
  bool full() const noexcept { return maxsize_ != 0 && store_.size() + reserved_ >= maxsize_; }
  std::size_t maxsize() const noexcept { return maxsize_; }
  // Items put and not yet task_done().
  std::size_t unfinished_tasks() const noexcept { return unfinished_; }

  // asyncio 3.13 Queue.shutdown: put() and put_nowait() throw queue_shut_down from now on, and
  // waiting putters are woken with it; getters get what is left, then queue_shut_down.
  // immediate: the items left are dropped (each counts as task_done) and waiting getters are
  // woken with queue_shut_down.
  void shutdown(bool immediate = false) {
    shut_down_ = true;
    if (immediate) {
      immediate_ = true;
      const std::size_t dropped = std::min(unfinished_, store_.size());
      store_.clear();
      unfinished_ -= dropped;
      if (unfinished_ == 0) wake_joiners();
    }
    while (waiter* w = getters_.pop_front()) {
      auto& node = static_cast<get_node&>(*w);
      node.shut = true;
      wake(node);
    }
    while (waiter* w = putters_.pop_front()) {
      auto& node = static_cast<put_node&>(*w);
      node.shut = true;
      wake(node);
    }
    settle();
  }
  bool is_shut_down() const noexcept { return shut_down_; }

 protected:
  explicit queue_core(std::size_t maxsize, Store store = Store{}) : store_(std::move(store)), maxsize_(maxsize) {}
  ~queue_core() = default;

 private:
  struct get_node : grant_waiter {
    queue_core* queue = nullptr;
    std::optional<T> item;
    bool shut = false;
  };
  struct put_node : grant_waiter {
    queue_core* queue = nullptr;
    bool shut = false;
  };
  struct join_node : grant_waiter {
    queue_core* queue = nullptr;
  };

  template <class Node, waiter_list queue_core::*List>
  static cancel_outcome leave(waiter& w) noexcept {
    auto& node = static_cast<Node&>(w);
    (node.queue->*List).remove(node);
    node.queue->settle();
    return cancel_outcome::detached;
  }

  // A new item: to the first waiting getter, or into the store.
  void deliver(T&& item) {
    hand_over(std::move(item));
    ++unfinished_;
  }
  void hand_over(T&& item) {
    if (waiter* w = getters_.front()) {
      auto& node = static_cast<get_node&>(*w);
      node.item.emplace(std::move(item));
      getters_.pop_front();
      node.granted = true;
      wake(node);
      settle();
    } else {
      store_.push(std::move(item));
    }
  }
  // An item a cancelled getter had been handed: to the next getter, or back to the head.
  void give_back(T&& item) {
    if (immediate_) {  // shutdown(true) drops what is left; this one too
      if (unfinished_ > 0 && --unfinished_ == 0) wake_joiners();
      return;
    }
    if (!getters_.empty()) hand_over(std::move(item));
    else store_.push_returned(std::move(item));
  }
  // Room was made: reserve slots for waiting putters, first come first served.
  void admit_putters() noexcept {
    while (maxsize_ == 0 || store_.size() + reserved_ < maxsize_) {
      waiter* w = putters_.pop_front();
      if (!w) break;
      static_cast<put_node*>(w)->granted = true;
      ++reserved_;
      wake(*w);
    }
    settle();
  }
  void wake_joiners() noexcept {
    while (waiter* w = joiners_.pop_front()) {
      static_cast<grant_waiter*>(w)->granted = true;
      wake(*w);
    }
    settle();
  }
  void settle() noexcept {
    if (getters_.empty() && putters_.empty() && joiners_.empty() && reserved_ == 0) loop_.detach();
  }

  Store store_;
  std::size_t maxsize_;
  std::size_t reserved_ = 0;    // slots promised to putters that were woken but have not run yet
  std::size_t unfinished_ = 0;  // put and not yet task_done
  waiter_list getters_;
  waiter_list putters_;
  waiter_list joiners_;
  loop_binding loop_;
  bool shut_down_ = false;
  bool immediate_ = false;

  static constexpr waiter_ops get_ops{nullptr, &queue_core::leave<get_node, &queue_core::getters_>, nullptr,
                                      "aio::queue get"};
  static constexpr waiter_ops put_ops{nullptr, &queue_core::leave<put_node, &queue_core::putters_>, nullptr,
                                      "aio::queue put"};
  static constexpr waiter_ops join_ops{nullptr, &queue_core::leave<join_node, &queue_core::joiners_>, nullptr,
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
    } else if (node_.granted) {
      --queue_.reserved_;
      queue_.admit_putters();
    }
  }

  bool await_ready() {
    queue_.loop_.check("aio::queue");
    if (queue_.shut_down_) throw queue_shut_down{};
    if (queue_.full()) return false;
    queue_.deliver(std::move(item_));
    done_ = true;
    return true;
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!begin_primitive_wait(node_, h, put_ops)) return false;
    node_.queue = &queue_;
    queue_.putters_.push_back(node_);
    queue_.loop_.attach();
    park(node_);
    return true;
  }
  void await_resume() {
    if (done_) return;
    if (node_.granted) {
      node_.granted = false;
      --queue_.reserved_;
      const bool cancelled = cancelled_after_grant(node_);
      if (cancelled || queue_.shut_down_) {
        queue_.admit_putters();  // the slot goes to the next putter
        if (cancelled) throw_cancelled();
        throw queue_shut_down{};
      }
      queue_.deliver(std::move(item_));
      queue_.admit_putters();  // the item may have gone straight to a getter
      return;
    }
    if (node_.shut) {
      if (cancelled_after_grant(node_)) throw_cancelled();
      throw queue_shut_down{};
    }
    end_ungranted_wait(node_);
  }

 private:
  queue_core& queue_;
  T item_;
  put_node node_;
  bool done_ = false;
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
    } else if (node_.granted && node_.item) {
      queue_.give_back(std::move(*node_.item));
    }
  }

  bool await_ready() {
    queue_.loop_.check("aio::queue");
    if (!queue_.store_.empty()) {
      node_.item.emplace(queue_.store_.pop());
      node_.granted = true;
      queue_.admit_putters();
      return true;
    }
    if (queue_.shut_down_) throw queue_shut_down{};
    return false;
  }
  bool await_suspend(std::coroutine_handle<> h) noexcept {
    if (!begin_primitive_wait(node_, h, get_ops)) return false;
    node_.queue = &queue_;
    queue_.getters_.push_back(node_);
    queue_.loop_.attach();
    park(node_);
    return true;
  }
  T await_resume() {
    if (node_.granted) {
      node_.granted = false;
      if (node_.handle && cancelled_after_grant(node_)) {
        queue_.give_back(std::move(*node_.item));
        node_.item.reset();
        throw_cancelled();
      }
      T v = std::move(*node_.item);
      node_.item.reset();
      return v;
    }
    if (node_.shut) {
      if (cancelled_after_grant(node_)) throw_cancelled();
      throw queue_shut_down{};
    }
    end_ungranted_wait(node_);
  }

 private:
  queue_core& queue_;
  get_node node_;
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
