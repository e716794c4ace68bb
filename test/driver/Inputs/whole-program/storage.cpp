#include "storage.h"
#include <chrono>
#include <thread>

void write_all(int fd, const std::string &data);

void save_snapshot(const std::string &state) {
  int fd = 3;
  write_all(fd, state);
}

int checksum(const std::string &state) {
  int sum = 0;
  for (char c : state)
    sum += c;
  return sum;
}

void walk_right(int steps) {
  if (steps > 0)
    walk_left(steps - 1);
  else
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

struct MemorySink : Sink {
  void put(const std::string &line) override { lines += line; }
  std::string lines;
};

struct LocalJournal : Journal {
  void append(const std::string &line) override { save_snapshot(line); }
};
