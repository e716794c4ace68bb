// The loop's FIFO of runnable waiters: a growable ring, so scheduling never allocates once warm.
#pragma once

#include <cstddef>
#include <memory>

#include "aio/detail/waiter.hpp"

namespace aio::detail {

class ready_queue {
 public:
  bool empty() const noexcept { return head_ == tail_; }
  std::size_t size() const noexcept { return tail_ - head_; }

  void push(waiter* w) {
    if (tail_ - head_ == capacity_) grow();
    slots_[tail_++ & (capacity_ - 1)] = w;
  }
  waiter* pop() noexcept { return slots_[head_++ & (capacity_ - 1)]; }
  void clear() noexcept { head_ = tail_ = 0; }

 private:
  void grow() {
    std::size_t new_capacity = capacity_ ? capacity_ * 2 : 1024;
    auto fresh = std::make_unique<waiter*[]>(new_capacity);
    for (std::size_t i = 0; i < size(); ++i) fresh[i] = slots_[(head_ + i) & (capacity_ - 1)];
    tail_ = size();
    head_ = 0;
    slots_ = std::move(fresh);
    capacity_ = new_capacity;
  }

  std::unique_ptr<waiter*[]> slots_;
  std::size_t capacity_ = 0;
  std::size_t head_ = 0;
  std::size_t tail_ = 0;
};

}  // namespace aio::detail
