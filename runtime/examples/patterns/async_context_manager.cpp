// The guide's async context manager (`async with`): a database connection opened in aenter and
// closed in aexit, written as a class, and a transaction written as a generator-style
// aio::async_context_manager (@asynccontextmanager) that rolls back when its body throws.
// The connection is closed whether the body finishes or fails, and the failure still propagates.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

// __aenter__ / __aexit__ as members: aio::with calls them around the body.
class db_connection {
 public:
  explicit db_connection(std::string name) : name_(std::move(name)) {}

  aio::task<db_connection*> aenter() {
    std::printf("Connecting to database %s...\n", name_.c_str());
    co_await aio::sleep(1s);  // connection delay
    connected_ = true;
    std::puts("Database connection successful");
    co_return this;  // what the body receives, as `return self`
  }

  aio::task<bool> aexit(std::exception_ptr /*failure*/) {
    std::puts("Closing database connection...");
    co_await aio::sleep(500ms);
    connected_ = false;
    std::puts("Database connection closed");
    co_return false;  // do not suppress the body's exception
  }

  aio::task<std::vector<std::string>> query(std::string sql) {
    if (!connected_) throw std::logic_error("query on a closed connection");
    std::printf("Executing query: %s\n", sql.c_str());
    co_await aio::sleep(300ms);
    if (sql.find("id = 99") != std::string::npos) throw std::runtime_error("no account with id 99");
    co_return std::vector<std::string>{"{id: 1, name: test}"};
  }

 private:
  std::string name_;
  bool connected_ = false;
};

// @asynccontextmanager: BEGIN before the co_yield, COMMIT after it, ROLLBACK if the body threw.
aio::async_context_manager<db_connection> transaction(db_connection& db) {
  co_await db.query("BEGIN");
  std::exception_ptr failure;
  try {
    co_yield db;  // the body runs here
  } catch (...) {
    failure = std::current_exception();  // C++ forbids co_await in a handler: roll back below
  }
  co_await db.query(failure ? "ROLLBACK" : "COMMIT");
  if (failure) std::rethrow_exception(failure);
}

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> main_task() {
  const auto start = aio::get_running_loop().time();
  co_await aio::with(db_connection{"mydb"}, [](db_connection* db) -> aio::task<> {
    std::vector<std::string> rows = co_await db->query("SELECT * FROM users");
    std::printf("Query results: %s\n", rows.front().c_str());
  });
  std::printf("Context exited after %.1f seconds\n", seconds_since(start));  // 1 + 0.3 + 0.5

  // A failing body: the transaction rolls back, the connection still closes, the error reaches us.
  try {
    co_await aio::with(db_connection{"mydb"}, [](db_connection* db) -> aio::task<> {
      co_await aio::with(transaction(*db), [](db_connection& tx) -> aio::task<> {
        co_await tx.query("UPDATE accounts SET balance = balance - 100 WHERE id = 1");
        co_await tx.query("UPDATE accounts SET balance = balance + 100 WHERE id = 99");
        std::puts("not reached");
      });
    });
  } catch (const std::runtime_error& e) {
    std::printf("Caught after cleanup: %s\n", e.what());
  }
}

int main() { aio::run(main_task()); }

// CHECK:      Connecting to database mydb...
// CHECK-NEXT: Database connection successful
// CHECK-NEXT: Executing query: SELECT * FROM users
// CHECK-NEXT: Query results: {id: 1, name: test}
// CHECK-NEXT: Closing database connection...
// CHECK-NEXT: Database connection closed
// CHECK-NEXT: Context exited after 1.8 seconds
// CHECK-NEXT: Connecting to database mydb...
// CHECK-NEXT: Database connection successful
// CHECK-NEXT: Executing query: BEGIN
// CHECK-NEXT: Executing query: UPDATE accounts SET balance = balance - 100 WHERE id = 1
// CHECK-NEXT: Executing query: UPDATE accounts SET balance = balance + 100 WHERE id = 99
// CHECK-NEXT: Executing query: ROLLBACK
// CHECK-NEXT: Closing database connection...
// CHECK-NEXT: Database connection closed
// CHECK-NEXT: Caught after cleanup: no account with id 99
// CHECK-NOT:  not reached
