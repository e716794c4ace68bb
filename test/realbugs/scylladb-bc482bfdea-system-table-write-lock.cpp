// scylladb/scylladb@bc482bfdea replica/database.cc
// Story: create_local_system_table() wrote `auto lock = get_tables_metadata().hold_write_lock();`
// with no co_await, so tables were added to the metadata without holding its write lock.
#include <aio/aio.hpp>

#include <exception>
#include <map>
#include <string>

class tables_metadata {
 public:
  aio::task<aio::mutex::guard> hold_write_lock() { co_return co_await lock_.lock(); }
  void add_table(std::string name) { tables_.emplace(std::move(name), 0); }

 private:
  aio::mutex lock_;
  std::map<std::string, int> tables_;
};

aio::task<> flush_schema() { co_await aio::sleep(std::chrono::milliseconds(0)); }

namespace bad {
class database {
 public:
  tables_metadata& get_tables_metadata() { return _tables_metadata; }
  aio::task<> create_local_system_table(std::string name) {
    auto lock = get_tables_metadata().hold_write_lock(); // BUG: async-unawaited-task
    std::exception_ptr ex;
    try {
      _tables_metadata.add_table(name);
      co_await flush_schema();
    } catch (...) {
      ex = std::current_exception();
    }
    if (ex) std::rethrow_exception(ex);
  }

 private:
  tables_metadata _tables_metadata;
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
class database {
 public:
  tables_metadata& get_tables_metadata() { return _tables_metadata; }
  aio::task<> create_local_system_table(std::string name) {
    auto lock = co_await get_tables_metadata().hold_write_lock();
    std::exception_ptr ex;
    try {
      _tables_metadata.add_table(name);
      co_await flush_schema();
    } catch (...) {
      ex = std::current_exception();
    }
    if (ex) std::rethrow_exception(ex);
  }

 private:
  tables_metadata _tables_metadata;
};
} // namespace fixed
