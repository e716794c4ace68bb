// Deadlines ordered in a binary min-heap whose nodes live in the waiting frames; each node
// knows its slot, so cancelling a sleep removes it in O(log n) without allocation.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "aio/detail/waiter.hpp"

namespace aio::detail {

struct timer_node {
  static constexpr std::size_t unarmed = static_cast<std::size_t>(-1);

  std::chrono::steady_clock::time_point when{};
  std::uint64_t seq = 0;
  std::size_t slot = unarmed;
  waiter* target = nullptr;  // notified when the deadline passes

  bool armed() const noexcept { return slot != unarmed; }
};

class timer_heap {
 public:
  bool empty() const noexcept { return nodes_.empty(); }
  std::size_t size() const noexcept { return nodes_.size(); }
  timer_node* top() const noexcept { return nodes_.front(); }

  void push(timer_node& n) {
    n.seq = next_seq_++;
    n.slot = nodes_.size();
    nodes_.push_back(&n);
    sift_up(n.slot);
  }

  void remove(timer_node& n) noexcept {
    std::size_t slot = n.slot;
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

  void clear() noexcept {
    for (timer_node* n : nodes_) n->slot = timer_node::unarmed;
    nodes_.clear();
  }

 private:
  static bool before(const timer_node* a, const timer_node* b) noexcept {
    return a->when < b->when || (a->when == b->when && a->seq < b->seq);
  }
  void place(std::size_t slot, timer_node* n) noexcept {
    nodes_[slot] = n;
    n->slot = slot;
  }
  void sift_up(std::size_t slot) noexcept {
    timer_node* n = nodes_[slot];
    while (slot > 0) {
      std::size_t parent = (slot - 1) / 2;
      if (!before(n, nodes_[parent])) break;
      place(slot, nodes_[parent]);
      slot = parent;
    }
    place(slot, n);
  }
  void sift_down(std::size_t slot) noexcept {
    timer_node* n = nodes_[slot];
    const std::size_t count = nodes_.size();
    for (;;) {
      std::size_t child = 2 * slot + 1;
      if (child >= count) break;
      if (child + 1 < count && before(nodes_[child + 1], nodes_[child])) ++child;
      if (!before(nodes_[child], n)) break;
      place(slot, nodes_[child]);
      slot = child;
    }
    place(slot, n);
  }

  std::vector<timer_node*> nodes_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace aio::detail
