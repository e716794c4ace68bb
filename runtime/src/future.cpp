// aio::future's type-independent core: outcome, done callbacks and awaiting tasks.
#include "aio/future.hpp"

namespace aio::detail {

// A done callback waits in the same list as the awaiting tasks, so both keep their order.
struct future_core::callback_entry : waiter {
  callback_id id = 0;
  std::function<void(const std::shared_ptr<future_core>&)> fn;
  context_ref context;  // copied when the callback was added: it runs in that (asyncio)
};

namespace {
constexpr waiter_ops callback_entry_ops{nullptr, nullptr, nullptr, "future done callback"};
}

future_core::~future_core() {
  while (waiter* w = listeners_.pop_front()) {
    if (w->ops == &callback_entry_ops) delete static_cast<callback_entry*>(w);
  }
}

void future_core::check_pending(const char* what) const {
  if (state_ != outcome::pending)
    throw invalid_state_error(std::string("invalid state: aio::future::") + what + " on a future that is done");
}

void future_core::schedule_listeners() noexcept {
  std::shared_ptr<future_core> self = shared_from_this();
  while (waiter* w = listeners_.pop_front()) {
    if (w->ops == &callback_entry_ops) {
      auto* entry = static_cast<callback_entry*>(w);
      loop_access::call_soon_in(*loop_, std::move(entry->context), [fn = std::move(entry->fn), self]() mutable { fn(self); });
      delete entry;
    } else {
      notify(*w);
    }
  }
}

void future_core::finish_with_value() noexcept {
  state_ = outcome::value;
  schedule_listeners();
}

void future_core::set_exception(std::exception_ptr error) {
  check_pending("set_exception");
  if (!error) throw std::invalid_argument("aio::future::set_exception: null exception");
  error_ = std::move(error);
  state_ = outcome::failed;
  schedule_listeners();
}

bool future_core::cancel(std::string message) {
  if (state_ != outcome::pending) return false;
  cancel_message_ = std::move(message);
  state_ = outcome::cancelled;
  schedule_listeners();
  return true;
}

void future_core::check_result() {
  switch (state_) {
    case outcome::pending:
      throw invalid_state_error("aio::future: result is not set");
    case outcome::cancelled:
      throw cancelled_error(cancel_message_);
    case outcome::failed:
      std::rethrow_exception(error_);
    case outcome::value:
      return;
  }
}

std::exception_ptr future_core::exception() {
  if (state_ == outcome::pending) throw invalid_state_error("aio::future: exception is not set");
  if (state_ == outcome::cancelled) throw cancelled_error(cancel_message_);
  return error_;
}

callback_id future_core::add_callback(std::function<void(const std::shared_ptr<future_core>&)> fn) {
  if (state_ != outcome::pending) {
    loop_->call_soon([fn = std::move(fn), self = shared_from_this()]() mutable { fn(self); });
    return 0;
  }
  auto* entry = new callback_entry;
  entry->ops = &callback_entry_ops;
  entry->id = next_callback_id_++;
  entry->fn = std::move(fn);
  entry->context = capture_context();
  listeners_.push_back(*entry);
  return entry->id;
}

std::size_t future_core::remove_callback(callback_id id) noexcept {
  for (waiter* w = listeners_.front(); w; w = w->next) {
    if (w->ops != &callback_entry_ops || static_cast<callback_entry*>(w)->id != id) continue;
    listeners_.remove(*w);
    delete static_cast<callback_entry*>(w);
    return 1;
  }
  return 0;
}

// Cancelling a task that awaits a future cancels the future (which wakes the task).
cancel_outcome cancel_future_wait(waiter& w) {
  static_cast<future_core::await_node&>(w).core->cancel({});
  return cancel_outcome::forwarded;
}

}  // namespace aio::detail
