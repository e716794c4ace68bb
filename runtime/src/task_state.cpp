// Task bookkeeping: cancellation delivery, completion, reference counting, reports.
#include <cxxabi.h>

#include <cstdlib>
#include <cstring>
#include <typeinfo>

#include "aio/event_loop.hpp"

namespace aio::detail {

void promise_base::unhandled_exception() noexcept {
  exception = std::current_exception();
  if (root && handling_cancelled_error()) root->ended_cancelled = true;
}

bool handling_cancelled_error() noexcept {
  const std::type_info* type = abi::__cxa_current_exception_type();
  return type && *type == typeid(cancelled_error);
}

bool is_cancelled_error(const std::exception_ptr& e) noexcept {
  if (!e) return false;
  const std::type_info* type = e.__cxa_exception_type();
  return type && *type == typeid(cancelled_error);
}

// A new task sees its creator's context variables (only tasks that have extras can have any;
// outside a task, the thread's).
static inline void inherit_context_of_creator(event_loop& loop, task_state& child) {
  task_state* creator = loop_access::current_task(loop);
  if (!creator || creator->extras) inherit_context(loop, child);
}

task_state* spawn(event_loop& loop, std::coroutine_handle<> frame, promise_base& promise) {
  auto* state = new task_state;
  state->loop = &loop;
  state->frame = frame;
  state->promise = &promise;
  state->id = static_cast<std::uint32_t>(loop_access::next_task_id(loop));
  state->refs = 2;  // the caller's handle and the loop's, dropped at completion
  promise.root = state;
  loop_access::link_live(loop, *state);
  inherit_context_of_creator(loop, *state);
  start_task(*state);
  return state;
}

task_state* spawn(event_loop& loop, std::coroutine_handle<> frame, promise_base& promise, std::string name,
                  bool start) {
  auto* state = new task_state;
  state->loop = &loop;
  state->frame = frame;
  state->promise = &promise;
  if (!name.empty()) state->extra().name = std::move(name);
  state->id = static_cast<std::uint32_t>(loop_access::next_task_id(loop));
  state->refs = 2;  // the caller's handle and the loop's, dropped at completion
  promise.root = state;
  loop_access::link_live(loop, *state);
  inherit_context_of_creator(loop, *state);
  if (start) start_task(*state);
  return state;
}

void start_task(task_state& state) noexcept { loop_access::schedule_start(*state.loop, state); }

bool task_state::cancel() {
  if (done) return false;
  ++cancelling;
  if (waiter* w = current_wait) {
    cancel_outcome outcome = w->ops->cancel ? w->ops->cancel(*w) : cancel_outcome::detached;
    if (outcome == cancel_outcome::detached) {
      current_wait = nullptr;
      w->cancelled = true;
      loop_access::schedule(*loop, *w);
    }
    return true;
  }
  cancel_requested = true;
  return true;
}

bool task_state::cancel(std::string message) {
  if (done) return false;
  if (!message.empty() || extras) extra().cancel_message = std::move(message);
  return cancel();
}

int task_state::uncancel() noexcept {
  if (cancelling > 0) --cancelling;
  if (cancelling == 0) cancel_requested = false;
  return cancelling;
}

std::string task_state::display_name() const {
  return extras && !extras->name.empty() ? extras->name : "Task-" + std::to_string(id);
}

std::coroutine_handle<> task_state::finish_unstarted() noexcept {
  cancel_requested = false;
  ended_cancelled = true;
  promise->exception = std::make_exception_ptr(cancelled_error{cancel_message()});
  return on_complete();
}

void task_state::throw_cancelled() const { throw cancelled_error{cancel_message()}; }

std::coroutine_handle<> task_state::on_complete() noexcept {
  done = true;
  current_wait = nullptr;
  // asyncio: a task that cancelled itself (or was cancelled while running) and then returned
  // without awaiting again ends cancelled, not with its value.
  if (cancel_requested && frame && !promise->exception) {
    ended_cancelled = true;
    promise->exception = std::make_exception_ptr(cancelled_error{cancel_message()});
  }
  cancel_requested = false;
  if (sink) sink->child_done(*this);
  std::coroutine_handle<> next = std::noop_coroutine();
  // A sole plain awaiter (co_await h) continues right here only when asyncio would run it
  // next anyway (nothing else ready, no timer due, no I/O to poll): the order stays asyncio's.
  waiter* sole = joiners.front();
  if (sole && !sole->next && !sole->ops->notify && sole->task && loop && !(extras && !extras->callbacks.empty()) &&
      loop_access::may_continue_inline(*loop)) {
    joiners.pop_front();
    if (sole->task->current_wait == sole) sole->task->current_wait = nullptr;
    loop_access::set_current_task(*loop, sole->task);
    next = sole->handle;
  }
  while (waiter* w = joiners.pop_front()) notify(*w);
  if (extras && loop) {
    for (auto& cb : extras->callbacks) loop_access::call_soon_in(*loop, std::move(cb.context), std::move(cb.fn));
    extras->callbacks.clear();
  }
  release();  // the loop's reference
  return next;
}

void task_state::release() noexcept {
  if (--refs != 0) return;
  if (frame && failed() && !exception_observed && !owned_by_group) {
    exception_context context{report_kind::exception_never_retrieved, "Task exception was never retrieved",
                              promise->exception, display_name(), promise->location};
    if (loop) loop->call_exception_handler(context);
  }
  if (loop) loop_access::unlink_live(*loop, *this);
  if (frame) frame.destroy();
  delete this;
}

void notify(waiter& w) noexcept {
  if (w.ops->notify) {
    w.ops->notify(w);
    return;
  }
  if (w.task && w.task->current_wait == &w) w.task->current_wait = nullptr;
  event_loop* loop = w.task ? w.task->loop : running_loop;
  loop_access::schedule(*loop, w);
}

void throw_cancelled() {
  if (task_state* t = current_task_state()) t->throw_cancelled();
  throw cancelled_error{};
}

// Read on every use (loop construction, or a report with no loop running): cheap, and a test
// or a program may set the variable after start-up.
bool environment_flag(const char* name) noexcept {
  const char* value = std::getenv(name);
  return value && *value && std::strcmp(value, "0") != 0;
}

static bool environment_debug() noexcept { return environment_flag("AIO_DEBUG"); }

bool debug_enabled() noexcept { return running_loop ? running_loop->get_debug() : environment_debug(); }

bool environment_debug_enabled() noexcept { return environment_debug(); }

void report_never_awaited(const std::source_location& where) noexcept {
  if (!debug_enabled()) return;
  exception_context context{report_kind::never_awaited,
                            std::string("coroutine '") + where.function_name() + "' was never awaited",
                            nullptr, {}, where};
  if (running_loop) {
    running_loop->call_exception_handler(context);
  } else {
    std::fprintf(stderr, "aio: %s (%s:%u)\n", context.message.c_str(), where.file_name(),
                 static_cast<unsigned>(where.line()));
  }
}

void loop_access::link_live(event_loop& loop, task_state& t) noexcept {
  t.prev_live = nullptr;
  t.next_live = loop.live_head_;
  if (loop.live_head_) loop.live_head_->prev_live = &t;
  loop.live_head_ = &t;
}

void loop_access::unlink_live(event_loop& loop, task_state& t) noexcept {
  if (t.prev_live) t.prev_live->next_live = t.next_live; else if (loop.live_head_ == &t) loop.live_head_ = t.next_live;
  if (t.next_live) t.next_live->prev_live = t.prev_live;
  t.prev_live = t.next_live = nullptr;
}

}  // namespace aio::detail
