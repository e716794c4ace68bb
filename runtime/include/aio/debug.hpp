// aio::dump_tasks: every live task with its chain of awaiting coroutines (an async stack trace).
#pragma once

#include <iosfwd>

#include "aio/event_loop.hpp"

namespace aio {

// Prints the tasks of the running loop (of `loop` in the second form), innermost frame last.
void dump_tasks(std::ostream& out);
void dump_tasks(event_loop& loop, std::ostream& out);

}  // namespace aio
