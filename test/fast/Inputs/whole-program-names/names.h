// Helpers by name, as a pre-commit run sees them without a build: the
// coroutines in handler.cpp, run.cpp and here call helpers defined elsewhere.
#pragma once
#include <aio/aio.hpp>
#include <string>

namespace app {
void save(const std::string &state); // store.cpp: blocks
void log_line(int level);            // log_int.cpp: blocks
void log_line(const char *text);     // log_text.cpp: does not
void tidy_all();                     // tidy.cpp: through its own static tidy()
void refresh();                      // refresh.cpp: does not (::refresh does)
void known_fine();                   // store.cpp: blocks, but NonBlockingHelpers may say not

struct Store {
  void flush();           // store.cpp: blocks
  static void sync_all(); // store.cpp: blocks
  aio::task<void> run();  // run.cpp: calls flush()
};

// A member defined in its class (compact), called from one defined in run.cpp.
struct Cache {
  void drop();
  void compact() { drop(); }
  aio::task<void> evict();
};

// A coroutine defined in its class calls a member defined in store.cpp.
struct Pipeline {
  void drain();
  aio::task<void> go() {
    drain();
    co_return;
  }
};
} // namespace app

void refresh(); // refresh.cpp: blocks
