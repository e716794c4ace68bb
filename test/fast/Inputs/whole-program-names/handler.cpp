#include "names.h"
#include <functional>

static void tidy() {} // this file's tidy() does not block; tidy.cpp's does

namespace app {
// Bad: save (store.cpp) calls its static write_through, which calls fsync.
aio::task<void> on_save(std::string state) {
  save(state);
  co_return;
}

// Fixed: the helper runs on a worker thread.
aio::task<void> on_save_offloaded(std::string state) {
  co_await aio::to_thread([state] { save(state); });
}

// Two functions are named app::log_line: by name, which one runs is unknown.
aio::task<void> on_log() {
  log_line(2);
  co_return;
}

// This file's own static tidy(), not tidy.cpp's.
aio::task<void> on_tidy() {
  tidy();
  co_return;
}

// tidy_all (tidy.cpp) calls tidy.cpp's static tidy(), which blocks.
aio::task<void> on_tidy_all() {
  tidy_all();
  co_return;
}

// A static member called by its qualified name.
aio::task<void> on_sync() {
  Store::sync_all();
  co_return;
}

// app::refresh and ::refresh are both defined: which one is meant is lookup's question.
aio::task<void> on_refresh() {
  refresh();
  co_return;
}

// A parameter named like a helper is a callable object.
aio::task<void> on_callback(std::function<void()> save) {
  save();
  co_return;
}

aio::task<void> on_nolint(std::string state) {
  save(state); // NOLINT(async-blocking-call)
  co_return;
}

// Blocks, unless the configuration lists it in NonBlockingHelpers.
aio::task<void> on_known() {
  known_fine();
  co_return;
}

// encode (store.cpp) calls write(out, x): the project's app::write, not POSIX write.
void encode(std::string &out);
aio::task<void> on_encode(std::string &out) {
  encode(out);
  co_return;
}
} // namespace app
