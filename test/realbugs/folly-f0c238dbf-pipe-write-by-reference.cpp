// facebook/folly@f0c238dbf folly/experimental/coro/test/AsyncPipeTest.cpp
// Story: BoundedAsyncPipe::write() is a coroutine taking its argument by reference; the test
// started `pipe.write(20)` on an executor and kept only the future, so the coroutine read the
// temporary 20 after it was gone (ASAN use-after-scope). Fix: co_invoke a lambda that owns
// the argument and awaits write() inside.
#include <aio/aio.hpp>

#include <deque>
#include <vector>

template <typename T>
class BoundedAsyncPipe {
 public:
  aio::task<bool> write(const T& value) {
    auto permit = co_await space_.acquire();
    items_.push_back(value);
    co_return true;
  }

 private:
  aio::semaphore space_{1};
  std::deque<T> items_;
};

namespace bad {
aio::task<> PublisherBlocks() {
  BoundedAsyncPipe<int> pipe;
  std::vector<aio::join_handle<bool>> futures;
  for (int i = 0; i < 5; ++i) {
    auto writeFuture = aio::create_task(pipe.write(20)); // BUG: async-dangling-reference
    futures.push_back(std::move(writeFuture));
  }
  for (auto& f : futures) co_await f;
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
aio::task<bool> write_value(BoundedAsyncPipe<int>& pipe, int value) { co_return co_await pipe.write(value); }

aio::task<> PublisherBlocks() {
  BoundedAsyncPipe<int> pipe;
  std::vector<aio::join_handle<bool>> futures;
  for (int i = 0; i < 5; ++i) {
    auto writeFuture = aio::create_task(write_value(pipe, 20));
    futures.push_back(std::move(writeFuture));
  }
  for (auto& f : futures) co_await f;
}
} // namespace fixed
