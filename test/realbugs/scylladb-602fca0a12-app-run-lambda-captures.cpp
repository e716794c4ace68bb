// scylladb/scylladb@602fca0a12 tools/scylla-types.cc
// Story: the main lambda passed to app_template::run() became a coroutine; run() does not keep
// the callable alive (it moves it into a continuation that is destroyed once called), so the
// captures [&app, found_ah] were read after the first suspension from freed memory.
// Fix: no coroutine lambda; the lambda calls a coroutine that takes what it needs by value.
#include <aio/aio.hpp>

#include <functional>
#include <memory>
#include <string>

struct action_handler { std::string name; int run() const { return 0; } };

aio::task<> use_standard_allocator_segment_pool_backend(std::size_t) { co_await aio::sleep(std::chrono::milliseconds(0)); }

class app_template {
 public:
  int run(int, char**, std::function<aio::task<int>()>&& func) {
    aio::task<int> main_task = [f = std::move(func)] { return f(); }();  // the callable dies here
    return aio::run(std::move(main_task));
  }
};

namespace bad {
int scylla_types_main(int argc, char** argv) {
  app_template app;
  const action_handler* found_ah = nullptr;
  static const action_handler handler{"serialize"};
  found_ah = &handler;
  return app.run(argc, argv, [&app, found_ah]() -> aio::task<int> { // BUG: async-dangling-reference
    co_await use_standard_allocator_segment_pool_backend(1 * 1024 * 1024);
    const action_handler& h = *found_ah;
    (void)app;
    co_return h.run();
  });
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
aio::task<int> run_action(const action_handler* found_ah) {
  co_await use_standard_allocator_segment_pool_backend(1 * 1024 * 1024);
  co_return found_ah->run();
}

int scylla_types_main(int argc, char** argv) {
  app_template app;
  static const action_handler handler{"serialize"};
  const action_handler* found_ah = &handler;
  return app.run(argc, argv, [found_ah] { return run_action(found_ah); });
}
} // namespace fixed
