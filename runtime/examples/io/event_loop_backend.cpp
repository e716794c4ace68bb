// The guide's "Custom event loop policies" (uvloop in place of the default loop): in aio the
// loop's I/O backend is chosen per run with aio::run_options{.backend = ...}, epoll (the
// default) or io_uring, and the program does not change. The same echo round trips over
// loopback run on each; loop.backend() says which one runs (epoll when the kernel refuses
// io_uring, as in some containers).
#include <aio/aio.hpp>

#include <cstdio>
#include <string>
#include <vector>

const char* name_of(aio::backend b) { return b == aio::backend::io_uring ? "io_uring" : "epoll"; }

aio::task<> echo(aio::stream client) {
  for (std::string line = co_await client.readline(); !line.empty(); line = co_await client.readline()) {
    client.write(line);
    co_await client.drain();
  }
  client.close();
  co_await client.wait_closed();
}

aio::task<std::string> round_trips(int count) {
  aio::server server = co_await aio::start_server(echo, "127.0.0.1", 0);
  aio::stream conn = co_await aio::open_connection("127.0.0.1", server.port());
  std::string replies;
  for (int i = 0; i < count; ++i) {  // each reply is awaited before the next request goes out
    conn.write(std::to_string(i) + "\n");
    co_await conn.drain();
    std::string reply = co_await conn.readline();
    replies += reply.substr(0, reply.size() - 1);
  }
  conn.close();
  co_await conn.wait_closed();
  server.close();
  co_await server.wait_closed();
  co_return replies;
}

aio::task<> main_task() {
  auto& loop = aio::get_running_loop();
  std::string replies = co_await round_trips(10);
  std::printf("running on %s: echoed %s\n", name_of(loop.backend()), replies.c_str());
}

int main() {
  for (aio::backend requested : {aio::backend::epoll, aio::backend::io_uring}) {
    std::printf("requested %s, ", name_of(requested));
    aio::run(main_task(), {.backend = requested});
  }
}

// CHECK:      requested epoll, running on epoll: echoed 0123456789
// CHECK-NEXT: requested io_uring, running on {{epoll|io_uring}}: echoed 0123456789
