// What a loop keeps for add_signal_handler: one signalfd for every handled signal, read when
// the loop sees it readable; handlers are queued with call_soon.
#pragma once

#include <signal.h>

#include <functional>
#include <map>

#include "aio/detail/context.hpp"
#include "aio/event_loop.hpp"

namespace aio::detail {

struct signal_watch {
  struct reader_waiter : waiter {
    signal_watch* watch = nullptr;
  };

  event_loop* loop = nullptr;
  int fd = -1;
  sigset_t handled{};
  sigset_t blocked_before{};  // signals of `handled` that were already blocked in this thread
  struct handler {
    std::function<void()> fn;
    context_ref context;  // copied by add_signal_handler: each delivery runs in a copy of it (asyncio)
  };
  std::map<int, handler> handlers;
  io_source source;
  reader_waiter reader;
};

}  // namespace aio::detail
