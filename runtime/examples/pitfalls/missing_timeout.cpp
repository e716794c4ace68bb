// Pitfall "No timeout on I/O operations": a read from the network with no deadline. If the
// server accepts the connection and then says nothing, this coroutine waits forever.
// Fix: put a deadline anywhere up the await chain —
//   co_await aio::wait_for(conn.read(65536), 10s);
// async-missing-timeout is off unless its Strict option is set: this directory's .clang-tidy
// sets it.
#include <aio/aio.hpp>

#include <string>

aio::task<std::string> fetch_status(std::string host, std::uint16_t port) {
  aio::stream conn = co_await aio::open_connection(host, port);  // wrong: no deadline [async-missing-timeout]
  conn.write("STATUS\r\n");
  std::string status = co_await conn.readline();  // wrong: may wait forever [async-missing-timeout]
  conn.close();
  co_await conn.wait_closed();
  co_return status;
}

int main() { return aio::run(fetch_status("127.0.0.1", 8080)).empty(); }
