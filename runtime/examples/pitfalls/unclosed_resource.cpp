// Pitfall "Not closing resources": a connection opened and never closed (the
// aiohttp.ClientSession without `async with`). Its socket stays open until the stream is
// destroyed, and an early return or an exception leaks it for good.
// Fix: co_await conn.close() on every path, or hold it with aio::with.
#include <aio/aio.hpp>

#include <string>

using namespace std::chrono_literals;

aio::task<std::string> fetch(std::string host, std::uint16_t port) {
  aio::stream conn = co_await aio::wait_for(aio::open_connection(host, port), 5s);  // wrong: never closed [async-unclosed-resource]
  conn.write("GET / HTTP/1.0\r\n\r\n");
  co_await conn.drain();
  co_return co_await aio::wait_for(conn.read(65536), 5s);
}

int main() { return aio::run(fetch("127.0.0.1", 8080)).empty(); }
