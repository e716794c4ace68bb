// Deadlines in a binary min-heap whose nodes live in the waiting frames; each node knows its
// slot, so cancelling a sleep removes it in O(log n) without allocation. Equal deadlines fire
// in the order they were armed (as libuv's timers do): on the virtual clock many deadlines are
// exactly equal, and they must wake in the order the wall clock would have given them.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "aio/detail/waiter.hpp"

namespace aio::detail {

// A waiter that is notified when its deadline passes.
struct timer_node : waiter {
  static constexpr std::uint32_t unarmed = UINT32_MAX;

  std::chrono::steady_clock::time_point when{};
  std::uint32_t slot = unarmed;
  std::uint64_t armed_order = 0;  // breaks ties between equal deadlines

  bool armed() const noexcept { return slot != unarmed; }
};

class timer_heap {
 public:
  bool empty() const noexcept { return nodes_.empty(); }
  std::size_t size() const noexcept { return nodes_.size(); }
  timer_node* top() const noexcept { return nodes_.front(); }

  void push(timer_node& n) {
    n.armed_order = next_order_++;
    n.slot = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(&n);
    sift_up(n.slot);
  }

  void remove(timer_node& n) noexcept {
    std::uint32_t slot = n.slot;
    n.slot = timer_node::unarmed;
    timer_node* last = nodes_.back();
    nodes_.pop_back();
    if (last == &n) return;
    place(slot, last);
    sift_up(slot);
    sift_down(last->slot);
  }

  timer_node* pop() noexcept {
    timer_node* n = nodes_.front();
    remove(*n);
    return n;
  }

 private:
  static bool earlier(const timer_node* a, const timer_node* b) noexcept {
    return a->when < b->when || (a->when == b->when && a->armed_order < b->armed_order);
  }
  void place(std::uint32_t slot, timer_node* n) noexcept {
    nodes_[slot] = n;
    n->slot = slot;
  }
  void sift_up(std::uint32_t slot) noexcept {
    timer_node* n = nodes_[slot];
    while (slot > 0) {
      std::uint32_t parent = (slot - 1) / 2;
      if (!earlier(n, nodes_[parent])) break;
      place(slot, nodes_[parent]);
      slot = parent;
    }
    place(slot, n);
  }
  void sift_down(std::uint32_t slot) noexcept {
    timer_node* n = nodes_[slot];
    const std::size_t count = nodes_.size();
    for (;;) {
      std::size_t child = 2 * std::size_t{slot} + 1;
      if (child >= count) break;
      if (child + 1 < count && earlier(nodes_[child + 1], nodes_[child])) ++child;
      if (!earlier(nodes_[child], n)) break;
      place(slot, nodes_[child]);
      slot = static_cast<std::uint32_t>(child);
    }
    place(slot, n);
  }

  std::vector<timer_node*> nodes_;
  std::uint64_t next_order_ = 0;
};

}  // namespace aio::detail
