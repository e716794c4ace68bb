// RUN: %check_corolint_plugin %s async-blocking-call %t
// RUN: %check_corolint %s async-blocking-call %t-cli
// RUN: %check_corolint_plugin --check-suffix=ANY %s async-blocking-call %t-any -- --config="{CheckOptions: {async-blocking-call.AnyOverrideBlocks: true}}"
// RUN: %check_corolint_fast %s async-blocking-call %t-fast

// A virtual call runs whichever override the object has: it blocks when every
// body it may run blocks (or, with AnyOverrideBlocks, when one does), within
// one file as across files. The unit's own search no longer takes the body the
// static type names for the call's. The fast engine does not follow calls
// through an object at all.
#include <aio/aio.hpp>

#include <chrono>
#include <unistd.h>

// A sink with a blocking and a non-blocking implementation: by default, silent.
struct Sink {
  virtual ~Sink() = default;
  virtual void put(int fd) { ::fsync(fd); }
};
struct FileSink final : Sink {
  void put(int fd) override { ::fsync(fd); }
};
struct MemorySink : Sink {
  void put(int) override {}
};

aio::task<void> drain(Sink &sink, int fd) {
  sink.put(fd);
  // CHECK-MESSAGES-ANY: :[[@LINE-1]]:3: warning: call to 'put' in coroutine 'drain' blocks the event loop: it reaches blocking 'fsync'
  co_await aio::sleep(std::chrono::milliseconds(1));
}

// Every journal syncs: reported, with the path through the nearest override.
struct Journal {
  virtual ~Journal() = default;
  virtual void append(int fd) = 0;
};
void sync_all(int fd) { ::fsync(fd); }
struct DiskJournal : Journal {
  void append(int fd) override { ::fsync(fd); }
};
struct MirroredJournal : Journal {
  void append(int fd) override { sync_all(fd); }
};

aio::task<void> record(Journal &journal, int fd) {
  journal.append(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'append' in coroutine 'record' blocks the event loop: it reaches blocking 'fsync'
  // CHECK-MESSAGES-ANY: :[[@LINE-2]]:3: warning: call to 'append' in coroutine 'record' blocks the event loop: it reaches blocking 'fsync'
  co_await aio::sleep(std::chrono::milliseconds(1));
}

// A call the compiler resolves (a final class) runs one body: the search enters it.
aio::task<void> drain_file(FileSink &sink, int fd) {
  sink.put(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'put' in coroutine 'drain_file' blocks the event loop: it reaches blocking 'fsync'
  // CHECK-MESSAGES-ANY: :[[@LINE-2]]:3: warning: call to 'put' in coroutine 'drain_file' blocks the event loop: it reaches blocking 'fsync'
  co_await aio::sleep(std::chrono::milliseconds(1));
}

// A plain helper making the virtual call: the same rule, one helper deeper.
void flush_sink(Sink &sink, int fd) { sink.put(fd); }
void flush_journal(Journal &journal, int fd) { journal.append(fd); }

aio::task<void> drain_through_helper(Sink &sink, Journal &journal, int fd) {
  flush_sink(sink, fd);
  // CHECK-MESSAGES-ANY: :[[@LINE-1]]:3: warning: call to 'flush_sink' in coroutine 'drain_through_helper' blocks the event loop: it reaches blocking 'fsync'
  flush_journal(journal, fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'flush_journal' in coroutine 'drain_through_helper' blocks the event loop: it reaches blocking 'fsync'
  // CHECK-MESSAGES-ANY: :[[@LINE-2]]:3: warning: call to 'flush_journal' in coroutine 'drain_through_helper' blocks the event loop: it reaches blocking 'fsync'
  co_await aio::sleep(std::chrono::milliseconds(1));
}
