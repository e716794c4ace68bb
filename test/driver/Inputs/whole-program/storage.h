// A snapshot store split over three files, in the shape of a server's storage
// layer: the coroutines in handler.cpp call helpers that block two files away.
#pragma once
#include <string>

void save_snapshot(const std::string &state);
int checksum(const std::string &state);
void walk_left(int steps);
void walk_right(int steps);
void flush_cached(int fd);

// A template defined in the header: it runs where it is instantiated, and
// what it calls is defined in storage.cpp.
template <class T> void persist(const T &value) { save_snapshot(std::to_string(value)); }

struct Sink {
  virtual ~Sink() = default;
  virtual void put(const std::string &line) = 0;
};
Sink &file_sink();

// Every journal writes through to disk: both overrides (io.cpp, storage.cpp) block.
struct Journal {
  virtual ~Journal() = default;
  virtual void append(const std::string &line) = 0;
};
Journal &journal();

// A coroutine in a header: what it reaches in other files is shown as the units'
// own findings in headers are, under --header-filter.
#include <aio/aio.hpp>
inline aio::task<void> on_header_request(std::string state) {
  save_snapshot(state);
  co_return;
}
