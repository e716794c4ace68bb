// TCP streams under load, on both backends (io_uring receives by completion into a ring of
// 1,024 provided buffers of 16 KiB, or large reads straight into their own buffer): many small
// messages, more bytes in flight than the ring holds, a read cancelled with bytes on the way
// (small and large), reads of every kind taking turns, bursts of connections, a dropped stream's
// output, and each io_uring feature turned off by itself.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <aio/aio.hpp>
#include <aio/server.hpp>
#include <aio/stream.hpp>
#include <aio/testing.hpp>
#include <string>
#include <thread>
#include <vector>

#include "io_backends.hpp"

using namespace std::chrono_literals;

namespace {

aio::task<> echo(aio::stream s) {
  for (;;) {
    std::string data = co_await s.read(65536);
    if (data.empty()) break;
    s.write(data);
    co_await s.drain();
  }
  s.close();
  co_await s.wait_closed();
}

// `size` bytes that tell their connection and offset apart: a lost, duplicated or reordered
// chunk shows as a mismatch.
std::string pattern(int connection, std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i / 7 + static_cast<std::size_t>(connection) * 31) % 251);
  return bytes;
}

}  // namespace

AIO_IO_TEST(TcpBulk, TenThousandSmallMessagesComeBackWholeAndInOrder) {
  aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  auto writer = aio::create_task([](aio::stream& s) -> aio::task<> {
    for (int i = 0; i < 10000; ++i) {
      s.write("message " + std::to_string(i) + "\n");  // one small write each
      if (i % 100 == 0) co_await s.drain();
    }
    co_await s.drain();
  }(c));
  int in_order = 0;
  for (int i = 0; i < 10000; ++i)
    if (co_await c.readline() == "message " + std::to_string(i) + "\n") ++in_order;
  co_await writer;
  EXPECT_EQ(in_order, 10000);
  c.close();
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(TcpBulk, MoreBytesInFlightThanTheBufferRingHoldsAreNeitherLostNorReordered) {
  constexpr int connections = 64;
  constexpr std::size_t size = 1 << 20;  // 64 MiB in all, four times the ring
  std::vector<int> intact(connections, 0);
  aio::server srv = co_await aio::start_server(
      [&intact](aio::stream s) -> aio::task<> {
        const std::string id = co_await s.read_exactly(4);
        const int n = std::stoi(id);
        co_await aio::sleep(20ms);  // every client has filled its socket meanwhile
        std::string got = co_await s.read_exactly(size);
        intact[static_cast<std::size_t>(n)] = got == pattern(n, size) && co_await s.read(1) == "";
        s.close();
      },
      "127.0.0.1", 0);
  auto client = [](std::uint16_t port, int n) -> aio::task<> {
    aio::stream c = co_await aio::open_connection("127.0.0.1", port);
    char id[8];
    std::snprintf(id, sizeof id, "%04d", n);
    c.write(id);
    const std::string bytes = pattern(n, size);
    for (std::size_t at = 0; at < size; at += 100'000) {
      c.write(std::string_view(bytes).substr(at, 100'000));
      co_await c.drain();
    }
    c.close();
    co_await c.wait_closed();
  };
  std::vector<aio::task<>> clients;
  for (int i = 0; i < connections; ++i) clients.push_back(client(srv.port(), i));
  co_await aio::gather(std::move(clients));
  srv.close();
  co_await srv.wait_closed();
  EXPECT_EQ(std::count(intact.begin(), intact.end(), 1), connections);
}

AIO_IO_TEST(TcpBulk, AReadCancelledWhileBytesArriveLosesNone) {
  aio::server srv = co_await aio::start_server(
      [](aio::stream s) -> aio::task<> {
        const std::string bytes = pattern(1, 300'000);
        for (std::size_t at = 0; at < bytes.size(); at += 1000) {  // a trickle of small writes
          s.write(std::string_view(bytes).substr(at, 1000));
          co_await s.drain();
          if (at % 50'000 == 0) co_await aio::sleep(1ms);
        }
        s.close();
        co_await s.wait_closed();
      },
      "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  std::string received;
  int cancelled = 0;
  while (received.size() < 300'000) {
    // Each read is cancelled after a while, whatever it has seen; the next one goes on.
    auto reader = aio::create_task([](aio::stream& s) -> aio::task<std::string> { co_return co_await s.read_exactly(70'000); }(c));
    co_await aio::sleep(0s);
    co_await aio::sleep(0s);
    if (!reader.done()) {
      reader.cancel();
      ++cancelled;
    }
    try {
      received += co_await reader;
    } catch (const aio::cancelled_error&) {
    } catch (const aio::incomplete_read_error& e) {
      received += e.partial();
      break;
    }
  }
  EXPECT_GT(cancelled, 0);
  received += co_await c.read(aio::stream::until_eof);
  EXPECT_EQ(received, pattern(1, 300'000));
  srv.close();
  co_await srv.wait_closed();
}

// Large reads (io_uring receives them straight into their own buffer, one request at a time)
// cancelled with bytes on the way: the bytes wait for the next read, in order.
AIO_IO_TEST(TcpBulk, ALargeReadCancelledWhileBytesArriveLosesNone) {
  constexpr std::size_t size = 2'000'000;
  aio::server srv = co_await aio::start_server(
      [](aio::stream s) -> aio::task<> {
        const std::string bytes = pattern(3, size);
        for (std::size_t at = 0; at < size; at += 40'000) {
          s.write(std::string_view(bytes).substr(at, 40'000));
          co_await s.drain();
          if (at % 400'000 == 0) co_await aio::sleep(1ms);
        }
        s.close();
        co_await s.wait_closed();
      },
      "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  std::string received;
  int cancelled = 0;
  for (;;) {
    auto reader = aio::create_task([](aio::stream& s) -> aio::task<std::string> { co_return co_await s.read(65536); }(c));
    co_await aio::sleep(0s);
    if (!reader.done()) {
      reader.cancel();
      ++cancelled;
    }
    try {
      std::string got = co_await reader;
      if (got.empty()) break;  // the end
      received += got;
    } catch (const aio::cancelled_error&) {
    }
  }
  EXPECT_GT(cancelled, 0);
  EXPECT_EQ(received.size(), size);
  EXPECT_EQ(received, pattern(3, size));
  srv.close();
  co_await srv.wait_closed();
}

// Large reads, exact reads, lines and small reads taking turns on one stream: bytes received
// straight into a large read's buffer are seen by whichever read comes next.
AIO_IO_TEST(TcpBulk, LargeAndSmallReadsTakingTurnsSeeEveryByteInOrder) {
  constexpr std::size_t size = 1'500'000;
  std::string bytes = pattern(4, size);
  for (std::size_t at = 5000; at < size; at += 5000) bytes[at] = '\n';  // lines for readline
  aio::server srv = co_await aio::start_server(
      [&bytes](aio::stream s) -> aio::task<> {
        s.write(bytes);
        co_await s.drain();
        s.close();
        co_await s.wait_closed();
      },
      "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  std::string received;
  for (int turn = 0;; ++turn) {
    std::string got;
    switch (turn % 4) {
      case 0: got = co_await c.read(65536); break;
      case 1:
        try {
          got = co_await c.read_exactly(30'000);
        } catch (const aio::incomplete_read_error& e) {
          got = e.partial();
        }
        break;
      case 2: got = co_await c.readline(); break;
      case 3: got = co_await c.read(100); break;
    }
    if (got.empty() && c.at_eof()) break;
    received += got;
  }
  EXPECT_EQ(received.size(), size);
  EXPECT_EQ(received, bytes);
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(TcpBulk, AServerAcceptsABurstOfConnectionsMadeAllAtOnce) {
  int accepted = 0;
  aio::server srv = co_await aio::start_server(
      [&accepted](aio::stream s) -> aio::task<> {
        ++accepted;
        co_await s.read(1);  // the client's end
        s.close();
      },
      "127.0.0.1", 0);
  // 500 non-blocking connects before the loop runs again: the backlog holds them all.
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  to.sin_port = htons(srv.port());
  std::vector<int> sockets;
  for (int i = 0; i < 500; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to);
    sockets.push_back(fd);
  }
  while (accepted < 500) co_await aio::sleep(1ms);
  for (int fd : sockets) ::close(fd);
  srv.close();
  co_await srv.wait_closed();  // every handler saw its client's end
  EXPECT_EQ(accepted, 500);
}

AIO_IO_TEST(TcpBulk, ADroppedStreamStillSendsAllItsOutput) {
  const std::string bytes = pattern(2, 4 << 20);
  aio::server srv = co_await aio::start_server(
      [&bytes](aio::stream s) -> aio::task<> {
        s.write(bytes);  // far more than the socket takes at once
        co_return;       // dropped here with most of it queued
      },
      "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  EXPECT_EQ(co_await c.read(aio::stream::until_eof), bytes);
  srv.close();
  co_await srv.wait_closed();
}

// Each feature turned off by itself, as on a kernel without it: the loop still echoes.
TEST(TcpBulk, EachIoUringFeatureFallsBackByItself) {
  for (const char* feature : {"defer_taskrun", "single_issuer", "coop_taskrun", "ring_fd", "sockets"}) {
    aio::testing::uring_features_disabled off{feature};
    std::string back = aio::run(
        []() -> aio::task<std::string> {
          aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
          aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
          c.write("over io_uring\n");
          std::string line = co_await c.readline();
          c.close();
          srv.close();
          co_await srv.wait_closed();
          co_return line;
        }(),
        aio::testing::backend_options(aio::backend::io_uring));
    EXPECT_EQ(back, "over io_uring\n") << "with " << feature << " turned off";
  }
}

// The ring's single issuer is the thread that runs the loop, not the one that made it.
TEST(TcpBulk, ALoopMadeOnOneThreadRunsOnAnother) {
  aio::event_loop loop{aio::testing::backend_options(aio::backend::io_uring)};
  std::string back;
  std::thread runner([&] {
    back = loop.run_until_complete([]() -> aio::task<std::string> {
      aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
      aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
      c.write("across threads\n");
      std::string line = co_await c.readline();
      c.close();
      srv.close();
      co_await srv.wait_closed();
      co_return line;
    }());
    loop.close();
  });
  runner.join();
  EXPECT_EQ(back, "across threads\n");
}
