// aio::context_var<T> (contextvars.ContextVar): a value per task. A task starts with the values
// its creator saw when it created it (create_task, gather, task_group, as_completed, shield:
// asyncio's copy_context()); a set() in the task never reaches its creator or its siblings.
// A loop callback runs in a copy of the context it was scheduled (or added) in, as asyncio's
// Handle. Other code outside any task (before aio::run, in a worker thread) uses this thread's
// own context. aio::copy_context() + context::run(fn) carry one elsewhere, and
// create_task(t, name, ctx) runs a task in one (aio/context.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "aio/context.hpp"
#include "aio/detail/context.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"

namespace aio {

template <class T>
class context_var {
  static_assert(!std::is_reference_v<T>, "aio::context_var holds values: use a pointer or std::reference_wrapper");

 public:
  // What set() returns: reset(token) restores the value the variable had before that set().
  class token {
   public:
    // The value before the set(), or nullopt when the variable had none (Token.MISSING).
    std::optional<T> old_value() const {
      if (!old_) return std::nullopt;
      return *static_cast<const T*>(old_.get());
    }

   private:
    friend context_var;
    token(std::uint64_t var, std::shared_ptr<const void> old, const void* owner) noexcept
        : var_(var), old_(std::move(old)), owner_(owner) {}
    std::uint64_t var_;
    std::shared_ptr<const void> old_;
    const void* owner_;
    mutable bool used_ = false;
  };

  explicit context_var(std::string name) : name_(std::move(name)) {}
  context_var(std::string name, T default_value)
      : name_(std::move(name)), default_(std::make_shared<const T>(std::move(default_value))) {}
  context_var(const context_var&) = delete;
  context_var& operator=(const context_var&) = delete;

  const std::string& name() const noexcept { return name_; }

  // The value in the current context, else the default given at construction; throws
  // aio::lookup_error when there is neither.
  T get() const {
    if (const auto* value = detail::context_find(detail::current_context(), id_)) return as_value(*value);
    if (default_) return *default_;
    throw lookup_error("aio::context_var '" + name_ + "' has no value");
  }
  // The value in the current context, else `fallback` (before the construction default, as in Python).
  T get(T fallback) const {
    if (const auto* value = detail::context_find(detail::current_context(), id_)) return as_value(*value);
    return fallback;
  }

  // Sets the value in the current context (the running task's).
  token set(T value) {
    detail::context_ref& slot = detail::current_context_slot();
    auto previous = detail::context_assign(slot, id_, std::make_shared<const T>(std::move(value)));
    return token(id_, std::move(previous), &slot);
  }
  // Restores what the variable was before the set() that gave `t`. Throws aio::runtime_error if
  // `t` was used already or comes from another context (task), std::invalid_argument if it
  // comes from another variable.
  void reset(const token& t) {
    if (t.used_) throw runtime_error("aio::context_var::reset: the token has already been used");
    if (t.var_ != id_) throw std::invalid_argument("aio::context_var::reset: the token was created by another variable");
    detail::context_ref& slot = detail::current_context_slot();
    if (t.owner_ != &slot) throw runtime_error("aio::context_var::reset: the token was created in a different context");
    detail::context_assign(slot, id_, t.old_);
    t.used_ = true;
  }

 private:
  static const T& as_value(const std::shared_ptr<const void>& p) noexcept { return *static_cast<const T*>(p.get()); }

  std::string name_;
  std::uint64_t id_ = detail::new_context_var_id();
  std::shared_ptr<const T> default_;
};

}  // namespace aio
