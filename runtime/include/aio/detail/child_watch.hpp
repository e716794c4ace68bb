// Listening to the completion of several tasks at once (wait, as_completed, task_group):
// one listener per child, parked in that child's list of joiners.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "aio/detail/task_state.hpp"

namespace aio::detail {

class child_watch {
 public:
  child_watch() = default;
  child_watch(const child_watch&) = delete;
  child_watch& operator=(const child_watch&) = delete;
  virtual ~child_watch() { unwatch_all(); }

 protected:
  // Listens to every child not yet done; returns how many are being watched.
  std::size_t watch(const std::vector<task_state*>& children) {
    watched_ = &children;
    listeners_ = std::make_unique<listener[]>(children.size());
    std::size_t count = 0;
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (children[i]->done) continue;
      listeners_[i].watch = this;
      listeners_[i].ops = &listener_ops;
      children[i]->joiners.push_back(listeners_[i]);
      ++count;
    }
    return count;
  }

  void unwatch_all() noexcept {
    if (!listeners_ || !watched_) return;
    for (std::size_t i = 0; i < watched_->size(); ++i) {
      task_state* child = (*watched_)[i];
      if (child->joiners.contains(listeners_[i])) child->joiners.remove(listeners_[i]);
    }
    listeners_.reset();
  }

  virtual void child_done(std::size_t index) noexcept = 0;

 private:
  struct listener : waiter {
    child_watch* watch = nullptr;
  };
  static void notified(waiter& w) noexcept {
    auto& l = static_cast<listener&>(w);
    l.watch->child_done(static_cast<std::size_t>(&l - l.watch->listeners_.get()));
  }
  static constexpr waiter_ops listener_ops{&child_watch::notified, nullptr, nullptr, "watch"};

  const std::vector<task_state*>* watched_ = nullptr;
  std::unique_ptr<listener[]> listeners_;
};

}  // namespace aio::detail
