// scylladb/scylladb@b7097b2993 test/boost/database_test.cc
// Story: test_drop_quarantined_sstables passed do_with_cql_env_thread() a lambda written as a
// coroutine (-> future<>), but that helper runs a void function in a thread: the returned
// future was dropped and its co_awaits never ran ("abandoned futures"). Fix: a plain lambda
// that waits with .get() (here: the thread-side blocking wait of this harness).
#include <aio/aio.hpp>

#include <functional>
#include <string>

struct cql_test_env {
  aio::task<> execute_cql(std::string) { co_await aio::sleep(std::chrono::milliseconds(0)); }
  void execute_cql_sync(std::string q) { aio::run(execute_cql(std::move(q))); }
};

// Runs `func` on a thread of its own with a test environment; func's result is not used.
inline void do_with_cql_env_thread(std::function<void(cql_test_env&)> func) {
  cql_test_env env;
  func(env);
}

namespace bad {
void test_drop_quarantined_sstables() {
  do_with_cql_env_thread([](cql_test_env& e) -> aio::task<> { // BUG: async-unawaited-task
    co_await e.execute_cql("create table cf (p text PRIMARY KEY, c int)");
    for (int i = 0; i < 10; i++) co_await e.execute_cql("insert into cf (p, c) values ('key', 1)");
  });
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
void test_drop_quarantined_sstables() {
  do_with_cql_env_thread([](cql_test_env& e) {
    e.execute_cql_sync("create table cf (p text PRIMARY KEY, c int)");
    for (int i = 0; i < 10; i++) e.execute_cql_sync("insert into cf (p, c) values ('key', 1)");
  });
}
} // namespace fixed
