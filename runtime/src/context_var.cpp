// Context variables: where the running code's context lives (the running task's extras, or
// this thread's), copy-on-write assignment, and the hook that gives a new task its creator's.
#include <algorithm>

#include "aio/context_var.hpp"

namespace aio::detail {

namespace {
thread_local context_ref thread_context;  // outside any task (before aio::run, worker threads)

auto find_slot(std::vector<std::pair<std::uint64_t, std::shared_ptr<const void>>>& values, std::uint64_t id) {
  return std::lower_bound(values.begin(), values.end(), id, [](const auto& entry, std::uint64_t key) {
    return entry.first < key;
  });
}
// Where a task's values are: the context it was created in (create_task(..., ctx)), else its own.
context_ref& slot_of(task_extras& extras) noexcept {
  return extras.bound_context ? extras.bound_context->values : extras.context;
}
context_data* context_of(const task_state& t) noexcept { return t.extras ? slot_of(*t.extras).get() : nullptr; }
}  // namespace

context_data* current_context() noexcept {
  if (task_state* t = current_task_state()) return context_of(*t);
  return thread_context.get();
}

context_ref& current_context_slot() {
  if (task_state* t = current_task_state()) return slot_of(t->extra());
  return thread_context;
}

const std::shared_ptr<const void>* context_find(const context_data* context, std::uint64_t id) noexcept {
  if (!context) return nullptr;
  auto& values = const_cast<context_data*>(context)->values;
  auto it = find_slot(values, id);
  return it != values.end() && it->first == id ? &it->second : nullptr;
}

std::shared_ptr<const void> context_assign(context_ref& slot, std::uint64_t id, std::shared_ptr<const void> value) {
  context_data* data = slot.get();
  if (!data || data->refs.load(std::memory_order_acquire) != 1) {
    auto fresh = std::make_unique<context_data>();
    if (data) fresh->values = data->values;
    slot = context_ref::adopt(fresh.release());
    data = slot.get();
  }
  auto& values = data->values;
  auto it = find_slot(values, id);
  std::shared_ptr<const void> previous;
  if (it != values.end() && it->first == id) {
    previous = std::move(it->second);
    if (value) it->second = std::move(value);
    else values.erase(it);
  } else if (value) {
    values.insert(it, {id, std::move(value)});
  }
  return previous;
}

std::uint64_t new_context_var_id() noexcept {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

context_ref capture_context() noexcept { return context_ref::share(current_context()); }

void swap_thread_context(context_ref& other) noexcept { swap(thread_context, other); }

void inherit_context(event_loop& loop, task_state& child) {
  task_state* creator = loop_access::current_task(loop);
  context_data* context = creator ? context_of(*creator) : thread_context.get();
  if (context) child.extra().context = context_ref::share(context);
}

void run_task_in(task_state& child, std::shared_ptr<context_cell> cell) {
  task_extras& extras = child.extra();
  extras.context = context_ref();
  extras.bound_context = std::move(cell);
}

bool running_task_is_in(const context_cell& cell) noexcept {
  task_state* t = current_task_state();
  return t && t->extras && t->extras->bound_context.get() == &cell;
}

}  // namespace aio::detail
