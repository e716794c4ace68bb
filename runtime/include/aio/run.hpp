// aio::run (asyncio.run): a fresh loop runs `main` to completion, cancels what is left, closes.
#pragma once

#include <chrono>

#include "aio/event_loop.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"

namespace aio {

namespace detail {
// A last turn of the loop before it closes, as asyncio.run's shutdown steps give: callbacks
// already queued (a done callback of a task that ended with main) still run.
inline task<> run_queued_callbacks() { co_await sleep(std::chrono::seconds(0)); }
}  // namespace detail

template <class T>
T run(task<T> main, run_options options = {}) {
  if (detail::running_loop) throw runtime_error("aio::run() cannot be called from a running event loop");
  event_loop loop{options};
  struct shutdown {
    event_loop& loop;
    ~shutdown() {
      try {
        loop.cancel_all_tasks();
        loop.run_until_complete(detail::run_queued_callbacks());
      } catch (...) {
        // close() below still destroys whatever could not be cancelled
      }
      loop.close();
    }
  } at_exit{loop};
  return loop.run_until_complete(std::move(main));
}

}  // namespace aio
