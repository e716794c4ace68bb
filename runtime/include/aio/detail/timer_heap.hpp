// Deadlines in a binary min-heap whose nodes live in the waiting frames; each node knows its
// slot, so cancelling a sleep removes it in O(log n) without allocation.
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

  bool armed() const noexcept { return slot != unarmed; }
};

class timer_heap {
 public:
  bool empty() const noexcept { return nodes_.empty(); }
  std::size_t size() const noexcept { return nodes_.size(); }
  timer_node* top() const noexcept { return nodes_.front(); }

  void push(timer_node& n) {
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
  void place(std::uint32_t slot, timer_node* n) noexcept {
    nodes_[slot] = n;
    n->slot = slot;
  }
  void sift_up(std::uint32_t slot) noexcept {
    timer_node* n = nodes_[slot];
    while (slot > 0) {
      std::uint32_t parent = (slot - 1) / 2;
      if (!(n->when < nodes_[parent]->when)) break;
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
      if (child + 1 < count && nodes_[child + 1]->when < nodes_[child]->when) ++child;
      if (!(nodes_[child]->when < n->when)) break;
      place(slot, nodes_[child]);
      slot = static_cast<std::uint32_t>(child);
    }
    place(slot, n);
  }

  std::vector<timer_node*> nodes_;
};

}  // namespace aio::detail
