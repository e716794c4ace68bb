// RUN: %check_corolint_plugin %s async-blocking-call %t -- --config="{CheckOptions: {async-blocking-call.NonBlockingHelpers: '::store::flush_cached;::fast::*'}}"
// RUN: %check_corolint_fast %s async-blocking-call %t-fast -- --config="{CheckOptions: {async-blocking-call.NonBlockingHelpers: '::store::flush_cached;::fast::*'}}"

// NonBlockingHelpers: helpers the user knows do not block (the fsync below runs
// only on a descriptor opened with O_DIRECT elsewhere) are not entered by the
// helper search; the same helper's blocking call reached another way, and a
// blocking call the coroutine makes itself, are still reported.
#include <aio/aio.hpp>
#include <unistd.h>

namespace store {
void flush_cached(int fd) { ::fsync(fd); }
void flush_durable(int fd) { ::fsync(fd); }
} // namespace store

namespace fast {
void append(int fd) { ::fsync(fd); }
} // namespace fast

aio::task<void> on_write(int fd) {
  store::flush_cached(fd);
  fast::append(fd);
  store::flush_durable(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'flush_durable' in coroutine 'on_write' blocks the event loop: it reaches blocking 'fsync'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: call to 'flush_durable' in coroutine 'on_write' blocks the event loop: it reaches blocking 'fsync'
  ::fsync(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'fsync' in coroutine 'on_write'
  // CHECK-FAST-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'fsync' in coroutine 'on_write'
  co_return;
}
