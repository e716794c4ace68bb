#include "storage.h"
#include <aio/aio.hpp>

// Bad: save_snapshot (storage.cpp) calls write_all (io.cpp), which calls fsync.
aio::task<void> on_request(std::string state) {
  save_snapshot(state);
  co_return;
}

// Fixed: the blocking helper runs on a worker thread.
aio::task<void> on_request_offloaded(std::string state) {
  co_await aio::to_thread([state] { save_snapshot(state); });
}

// A helper elsewhere that only computes.
aio::task<int> on_checksum(std::string state) { co_return checksum(state); }

// Mutual recursion across io.cpp and storage.cpp that ends in a sleep.
aio::task<void> on_walk() {
  walk_left(1);
  co_return;
}

// The header's template, instantiated here, calls save_snapshot.
aio::task<void> on_persist() {
  persist(42);
  co_return;
}

// flush_cached is listed in NonBlockingHelpers when the test says so.
aio::task<void> on_flush(int fd) {
  flush_cached(fd);
  co_return;
}

// Through a pointer nothing is known; Sink::put has an override that does not
// block (MemorySink, storage.cpp): silent.
aio::task<void> on_pointer(void (*write)(const std::string &)) {
  write("x");
  file_sink().put("x");
  co_return;
}

// Every override of Journal::append blocks: the virtual call does.
aio::task<void> on_journal(std::string line) {
  journal().append(line);
  co_return;
}
