// aio::context (contextvars.Context): a set of context-variable values that code can run in.
// Like Python's Context it is an object with identity: copies of an aio::context name the
// same context, so a set() made by ctx.run(fn), or by a task created with
// create_task(t, name, ctx), is seen by the next ctx.run(). aio::copy_context() and
// ctx.copy() make a new context that starts with the same values.
#pragma once

#include <memory>
#include <utility>

#include "aio/detail/context.hpp"
#include "aio/errors.hpp"

namespace aio {

class context;
context copy_context();

class context {
 public:
  // An empty context (contextvars.Context()).
  context() : cell_(std::make_shared<detail::context_cell>()) {}

  // Calls fn with this as the current context: fn's set() calls change this context, not the
  // caller's. Throws aio::runtime_error when the context is entered already (by a run() that
  // has not returned, or because the running task runs in it).
  template <class F>
  decltype(auto) run(F&& fn) {
    detail::context_cell& cell = *cell_;
    if (detail::running_task_is_in(cell) || cell.entered.exchange(true, std::memory_order_acquire))
      throw runtime_error("aio::context::run: this context is already entered");
    struct enter {
      detail::context_cell& cell;
      detail::context_ref& slot;
      enter(detail::context_cell& c, detail::context_ref& s) noexcept : cell(c), slot(s) { swap(slot, cell.values); }
      ~enter() {
        swap(slot, cell.values);
        cell.entered.store(false, std::memory_order_release);
      }
    } scope(cell, detail::current_context_slot());
    return std::forward<F>(fn)();
  }

  // A new context with this one's current values (contextvars.Context.copy()).
  context copy() const { return context(detail::context_ref::share(cell_->values.get())); }

  friend bool operator==(const context& a, const context& b) noexcept { return a.cell_ == b.cell_; }

 private:
  friend context copy_context();
  friend const std::shared_ptr<detail::context_cell>& detail::cell_of(const context& ctx) noexcept;
  explicit context(detail::context_ref values) : cell_(std::make_shared<detail::context_cell>()) {
    cell_->values = std::move(values);
  }
  std::shared_ptr<detail::context_cell> cell_;
};

// A new context holding the current values (contextvars.copy_context()).
inline context copy_context() { return context(detail::context_ref::share(detail::current_context())); }

namespace detail {
inline const std::shared_ptr<context_cell>& cell_of(const context& ctx) noexcept { return ctx.cell_; }
}  // namespace detail

}  // namespace aio
