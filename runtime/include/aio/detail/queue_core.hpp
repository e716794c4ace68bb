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

#include "aio/detail/waiter_awaiter.hpp"
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
  // A getter (a putter) is granted a wake-up: its turn to take an item (put one). On its turn
  // it goes on if it can, is cancelled, or the queue was shut down; otherwise it waits again at
  // the back of the line. Cancelled after the wake-up, it hands it to the next one in line.
  template <bool Put>
  struct side_wait : sync_mechanism {
    static constexpr const char* what = Put ? "aio::queue put" : "aio::queue get";
    explicit side_wait(queue_core& q) noexcept : queue(q) {}
    waiter_list& waiters() noexcept { return Put ? queue.putters_ : queue.getters_; }
    loop_binding& binding() noexcept { return queue.loop_; }
    bool blocked() const noexcept { return Put ? queue.full() : queue.empty(); }
    bool ready() {
      queue.loop_.check("aio::queue");
      if constexpr (Put) {
        if (queue.shut_down_) throw queue_shut_down{};
        return !queue.full();
      } else {
        if (!queue.empty()) return true;
        if (queue.shut_down_) throw queue_shut_down{};
        return false;
      }
    }
    void left() noexcept { queue.settle(); }
    void wait_cancelled() noexcept { queue.settle(); }
    void handed_on() noexcept {
      --queue.woken_;
      if (!blocked()) queue.wake_next(waiters());
      queue.settle();
    }
    void ran() noexcept {
      --queue.woken_;
      queue.settle();  // what it takes (puts) now can only wake a waiter that is still parked
    }
    void given_back() noexcept {
      --queue.woken_;
      queue.settle();
    }
    bool turn(grant_waiter& node) {
      if (node.cancelled || (node.task && node.task->cancel_requested) || queue.shut_down_ || !blocked()) return false;
      --queue.woken_;
      node.granted = false;
      waiters().push_back(node);
      queue.loop_.attach();
      park(node);
      return true;
    }
    queue_core& queue;
  };
  // A joiner is granted the moment nothing is unfinished; nothing to hand on when cancelled.
  struct join_wait : sync_mechanism {
    static constexpr const char* what = "aio::queue join";
    explicit join_wait(queue_core& q) noexcept : queue(q) {}
    waiter_list& waiters() noexcept { return queue.joiners_; }
    loop_binding& binding() noexcept { return queue.loop_; }
    bool ready() const {
      queue.loop_.check("aio::queue");
      return queue.unfinished_ == 0;
    }
    void left() noexcept { queue.settle(); }
    queue_core& queue;
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
    ++woken_;
    grant(*w);
    return true;
  }
  void wake_joiners() noexcept {
    while (waiter* w = joiners_.pop_front()) grant(*w);
    settle();
  }
  // Idle (no waiter parked, none woken and not yet run): another loop may use the queue.
  void settle() noexcept {
    if (getters_.empty() && putters_.empty() && joiners_.empty() && woken_ == 0) loop_.detach();
  }

  Store store_;
  std::size_t maxsize_;
  std::size_t unfinished_ = 0;  // put and not yet task_done
  waiter_list getters_;
  waiter_list putters_;
  waiter_list joiners_;
  std::size_t woken_ = 0;  // getters and putters woken, not yet run
  loop_binding loop_;
  bool shut_down_ = false;
};

template <class T, class Store>
class [[nodiscard]] queue_core<T, Store>::put_awaiter : public waiter_awaiter<side_wait<true>> {
 public:
  put_awaiter(queue_core& q, T&& item) : put_awaiter::waiter_awaiter(q), item_(std::move(item)) {}
  put_awaiter(put_awaiter&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
      : put_awaiter::waiter_awaiter(std::move(other)), item_(std::move(other.item_)) {}
  void await_resume() {
    this->end();
    if (this->m_.queue.shut_down_) throw queue_shut_down{};
    this->m_.queue.append(std::move(item_));
  }

 private:
  T item_;
};

template <class T, class Store>
class [[nodiscard]] queue_core<T, Store>::get_awaiter : public waiter_awaiter<side_wait<false>> {
 public:
  explicit get_awaiter(queue_core& q) noexcept : get_awaiter::waiter_awaiter(q) {}
  T await_resume() {
    this->end();
    if (this->m_.queue.store_.empty()) throw queue_shut_down{};  // woken by shutdown(), nothing left
    return this->m_.queue.take();
  }
};

template <class T, class Store>
class [[nodiscard]] queue_core<T, Store>::join_awaiter : public waiter_awaiter<join_wait> {
 public:
  explicit join_awaiter(queue_core& q) noexcept : join_awaiter::waiter_awaiter(q) {}
  void await_resume() { this->end(); }
};

}  // namespace aio::detail
