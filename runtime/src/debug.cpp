#include "aio/debug.hpp"

#include <ostream>

namespace aio {
namespace {

void print_frame(std::ostream& out, const detail::promise_base& p, const char* indent) {
  out << indent << p.location.function_name() << " at " << p.location.file_name() << ':' << p.location.line()
      << '\n';
}

}  // namespace

void dump_tasks(std::ostream& out) { dump_tasks(get_running_loop(), out); }

void dump_tasks(event_loop& loop, std::ostream& out) {
  detail::task_state* current = detail::loop_access::current_task(loop);
  for (auto* t = detail::loop_access::live_tasks(loop); t; t = t->next_live) {
    if (t->done || !t->frame) continue;
    out << "Task '" << t->display_name() << "'" << (t == current ? " (running)" : " (pending)") << '\n';
    for (const detail::promise_base* p = t->promise; p; p = p->awaiting_child) print_frame(out, *p, "  ");
    if (t->current_wait) {
      out << "  waiting on: " << t->current_wait->ops->what << '\n';
    } else if (t != current) {
      out << "  waiting on: nothing (runnable)\n";
    }
    for (detail::waiter* w = t->joiners.front(); w; w = w->next)
      if (w->task) out << "  awaited by: Task '" << w->task->display_name() << "'\n";
  }
}

}  // namespace aio
