// The guide's "Database operations" (asyncpg.create_pool, `async with pool.acquire() as
// connection`) and "Connection pooling: reuse connections instead of creating new ones": a pool
// of at most 2 connections, opened on demand, handed out by an async context manager that
// waits for a free one (an aio::semaphore) and takes it back afterwards. Six concurrent queries
// of 100 ms share 2 connections: 3 rounds, 2 connections opened, not 6.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

class connection {
 public:
  explicit connection(int id) : id_(id) {}
  int id() const { return id_; }
  aio::task<std::string> fetch(std::string sql) {
    co_await aio::sleep(100ms);
    co_return sql + " -> 3 rows";
  }
  aio::task<> close() { co_await aio::sleep(10ms); }

 private:
  int id_;
};

class connection_pool {
 public:
  explicit connection_pool(int size) : available_(size) {}

  // `async with pool.acquire() as connection`: waits for a free slot, reuses an idle connection
  // or opens one, and gives it back when the body is done. A body that throws loses it: a
  // connection in an unknown state is not handed out again.
  aio::async_context_manager<connection> acquire() {
    auto slot = co_await available_.acquire();
    std::unique_ptr<connection> conn;
    if (idle_.empty()) {
      co_await aio::sleep(50ms);  // connecting
      conn = std::make_unique<connection>(++opened_);
    } else {
      conn = std::move(idle_.front());
      idle_.pop_front();
    }
    co_yield *conn;
    idle_.push_back(std::move(conn));
  }

  aio::task<> close() {
    std::vector<aio::task<>> closing;
    // NOLINTNEXTLINE(async-unbounded-spawn): idle_ never holds more than the pool size
    for (auto& conn : idle_) closing.push_back(conn->close());
    co_await aio::gather(std::move(closing));
    std::printf("pool closed %zu connections\n", idle_.size());
    idle_.clear();
  }

  int opened() const { return opened_; }

 private:
  aio::semaphore available_;
  std::deque<std::unique_ptr<connection>> idle_;
  int opened_ = 0;
};

aio::task<> fetch_users(connection_pool& pool, int query) {
  co_await aio::with(pool.acquire(), [query](connection& conn) -> aio::task<> {
    std::string rows = co_await conn.fetch("SELECT * FROM users WHERE team = " + std::to_string(query));
    std::printf("query %d on connection %d: %s\n", query, conn.id(), rows.c_str());
  });
}

aio::task<> main_task() {
  const auto start = aio::get_running_loop().time();
  connection_pool pool(2);
  co_await aio::gather(fetch_users(pool, 1), fetch_users(pool, 2), fetch_users(pool, 3), fetch_users(pool, 4),
                       fetch_users(pool, 5), fetch_users(pool, 6));
  std::printf("6 queries in %.2f s on %d connections\n", seconds_since(start), pool.opened());
  co_await pool.close();
}

int main() { aio::run(main_task()); }

// Round 1 connects (50 ms) then queries (100 ms); rounds 2 and 3 reuse the idle connections in
// the order they were given back.
// CHECK:      query 1 on connection 1: SELECT * FROM users WHERE team = 1 -> 3 rows
// CHECK-NEXT: query 2 on connection 2: SELECT * FROM users WHERE team = 2 -> 3 rows
// CHECK-NEXT: query 3 on connection 1: SELECT * FROM users WHERE team = 3 -> 3 rows
// CHECK-NEXT: query 4 on connection 2: SELECT * FROM users WHERE team = 4 -> 3 rows
// CHECK-NEXT: query 5 on connection 1: SELECT * FROM users WHERE team = 5 -> 3 rows
// CHECK-NEXT: query 6 on connection 2: SELECT * FROM users WHERE team = 6 -> 3 rows
// CHECK-NEXT: 6 queries in 0.35 s on 2 connections
// CHECK-NEXT: pool closed 2 connections
