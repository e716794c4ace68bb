// aio::run (asyncio.run): a fresh loop runs `main` to completion, cancels what is left, closes.
#pragma once

#include "aio/event_loop.hpp"
#include "aio/task.hpp"

namespace aio {

template <class T>
T run(task<T> main, run_options options = {}) {
  if (detail::running_loop) throw runtime_error("aio::run() cannot be called from a running event loop");
  event_loop loop{options};
  struct shutdown {
    event_loop& loop;
    ~shutdown() {
      try {
        loop.cancel_all_tasks();
      } catch (...) {
        // close() below still destroys whatever could not be cancelled
      }
      loop.close();
    }
  } at_exit{loop};
  return loop.run_until_complete(std::move(main));
}

}  // namespace aio
