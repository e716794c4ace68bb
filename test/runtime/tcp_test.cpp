// TCP streams and servers over loopback: echo with many connections, tiny buffers, resets,
// refused connections, cancelled reads, back-pressure, name resolution.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <aio/aio.hpp>
#include <aio/server.hpp>
#include <aio/stream.hpp>
#include <aio/testing.hpp>
#include <aio/wait_io.hpp>
#include <algorithm>
#include <string>
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

// A port nothing listens on: bound, then released.
std::uint16_t unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

}  // namespace

AIO_IO_TEST(Tcp, EchoOneConnectionWithEveryReadFlavour) {
  aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
  AIO_ASSERT_NE(srv.port(), 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  c.write("hello\nworld\n");
  co_await c.drain();
  EXPECT_EQ(co_await c.readline(), "hello\n");
  EXPECT_EQ(co_await c.read_until("ld"), "world");
  EXPECT_EQ(co_await c.read_exactly(1), "\n");
  c.write("abc");
  EXPECT_EQ(co_await c.read_exactly(3), "abc");
  c.close();
  co_await c.wait_closed();
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(Tcp, LoopbackEchoWithAThousandConcurrentConnections) {
  aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
  auto client = [](std::uint16_t port, int id) -> aio::task<bool> {
    aio::stream c = co_await aio::open_connection("127.0.0.1", port);
    const std::string line = "client " + std::to_string(id) + "\n";
    c.write(line);
    co_await c.drain();
    std::string back = co_await c.readline();
    c.close();
    co_return back == line;
  };
  std::vector<aio::task<bool>> clients;
  for (int i = 0; i < 1000; ++i) clients.push_back(client(srv.port(), i));
  std::vector<bool> ok = co_await aio::gather(std::move(clients));
  EXPECT_EQ(std::count(ok.begin(), ok.end(), true), 1000);
  srv.close();
  co_await srv.wait_closed();  // every handler saw its client's end of stream
}

AIO_IO_TEST(Tcp, PartialReadsAndWritesThroughTinyBuffers) {
  aio::server srv = co_await aio::start_server(
      [](aio::stream s) -> aio::task<> {
        // Echo one byte at a time.
        for (;;) {
          std::string b = co_await s.read(1);
          if (b.empty()) break;
          s.write(b);
          co_await s.drain();
        }
        s.close();
      },
      "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  int tiny = 1024;  // the kernel rounds it up to its minimum
  ::setsockopt(c.fd(), SOL_SOCKET, SO_SNDBUF, &tiny, sizeof tiny);
  ::setsockopt(c.fd(), SOL_SOCKET, SO_RCVBUF, &tiny, sizeof tiny);
  c.set_write_buffer_limits(512, 128);
  std::string sent;
  for (int i = 0; i < 6000; ++i) sent += static_cast<char>('a' + i % 26);
  auto writer = aio::create_task([](aio::stream& s, const std::string& data) -> aio::task<> {
    for (std::size_t at = 0; at < data.size(); at += 333) {
      s.write(std::string_view(data).substr(at, 333));
      co_await s.drain();  // waits whenever more than 512 bytes are queued
      EXPECT_LE(s.write_buffer_size(), 512u + 333u);
    }
  }(c, sent));
  std::string received;
  while (received.size() < sent.size()) received += co_await c.read(7);
  co_await writer;
  EXPECT_EQ(received, sent);
  c.close();
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(Tcp, ConnectRefusedIsAClearException) {
  EXPECT_THROW(co_await aio::open_connection("127.0.0.1", unused_port()), aio::connection_refused_error);
  try {
    co_await aio::open_connection("127.0.0.1", unused_port());
  } catch (const std::exception& e) {  // a std::exception, with the address in its message
    EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos);
  }
}

AIO_IO_TEST(Tcp, PeerResetMidStream) {
  aio::server srv = co_await aio::start_server(
      [](aio::stream s) -> aio::task<> {
        co_await s.read_exactly(4);
        linger hard{1, 0};  // close with RST instead of FIN
        ::setsockopt(s.fd(), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        s.close();
      },
      "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  c.write("ping");
  co_await c.drain();
  bool reset = false;
  try {
    std::string got = co_await c.read(100);
    EXPECT_EQ(got, "") << "a reset reads as an error or as the end, never as data";
    reset = true;
  } catch (const aio::connection_reset_error&) {
    reset = true;
  }
  EXPECT_TRUE(reset);
  EXPECT_EQ(co_await c.read(100), "");  // the stream then reads as ended
  // Writing to the dead connection fails in drain(), not with a hang.
  std::string block(256 * 1024, 'x');
  bool failed = false;
  for (int i = 0; i < 8 && !failed; ++i) {
    c.write(block);
    try {
      co_await c.drain();
    } catch (const aio::connection_error&) {
      failed = true;
    }
  }
  EXPECT_TRUE(failed);
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(Tcp, EndOfStreamGivesEmptyReadsAndIncompleteReadErrors) {
  aio::server srv = co_await aio::start_server(
      [](aio::stream s) -> aio::task<> {
        s.write("partial");
        s.close();
        co_await s.wait_closed();
      },
      "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  try {
    co_await c.read_exactly(100);
    ADD_FAILURE() << "no incomplete_read_error";
  } catch (const aio::incomplete_read_error& e) {
    EXPECT_EQ(e.partial(), "partial");
    EXPECT_EQ(e.expected(), 100u);
  }
  EXPECT_EQ(co_await c.read(10), "");
  EXPECT_EQ(co_await c.readline(), "");
  EXPECT_TRUE(c.at_eof());
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(Tcp, CancellingAPendingReadLeavesTheStreamUsable) {
  aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  auto reader = aio::create_task([](aio::stream& s) -> aio::task<std::string> { co_return co_await s.read(10); }(c));
  co_await aio::sleep(0s);
  co_await aio::sleep(0s);
  reader.cancel();
  EXPECT_THROW(co_await reader, aio::cancelled_error);
  c.write("after");
  EXPECT_EQ(co_await c.read_exactly(5), "after");  // nothing lost, nothing duplicated
  // A read_until cancelled with part of its line buffered keeps those bytes.
  auto liner = aio::create_task([](aio::stream& s) -> aio::task<std::string> { co_return co_await s.readline(); }(c));
  c.write("hal");
  co_await aio::sleep(10ms);
  liner.cancel();
  EXPECT_THROW(co_await liner, aio::cancelled_error);
  c.write("f\n");
  EXPECT_EQ(co_await c.readline(), "half\n");
  c.close();
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(Tcp, ClosingAStreamEndsAPendingReadInAnotherTask) {
  aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
  aio::stream c = co_await aio::open_connection("127.0.0.1", srv.port());
  auto reader = aio::create_task([](aio::stream& s) -> aio::task<std::string> { co_return co_await s.read(10); }(c));
  co_await aio::sleep(0s);
  c.close();
  EXPECT_EQ(co_await reader, "");
  EXPECT_THROW(c.write("x"), aio::runtime_error);
  co_await c.wait_closed();
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(Tcp, NamesAreResolvedOffTheLoop) {
  aio::server srv = co_await aio::start_server(echo, "localhost", 0);
  aio::stream c = co_await aio::open_connection("localhost", srv.port());
  c.write("name\n");
  EXPECT_EQ(co_await c.readline(), "name\n");
  c.close();
  EXPECT_THROW(co_await aio::open_connection("no-such-host.invalid", 80), aio::resolve_error);
  srv.close();
  co_await srv.wait_closed();
}

AIO_IO_TEST(Tcp, ServeForeverEndsWhenClosedAndCancellationClosesTheServer) {
  aio::server srv = co_await aio::start_server(echo, "127.0.0.1", 0);
  auto serving = aio::create_task(srv.serve_forever());
  co_await aio::sleep(0s);
  srv.close();
  co_await serving;
  EXPECT_FALSE(srv.is_serving());
  aio::server other = co_await aio::start_server(echo, "127.0.0.1", 0);
  auto forever = aio::create_task(other.serve_forever());
  co_await aio::sleep(0s);
  forever.cancel();
  EXPECT_THROW(co_await forever, aio::cancelled_error);
  EXPECT_FALSE(other.is_serving());
  EXPECT_THROW(co_await aio::open_connection("127.0.0.1", other.port()), aio::connection_refused_error);
}

AIO_IO_TEST(WaitIo, WaitReadableAndWritableOnAPlainPipe) {
  int fds[2];
  AIO_ASSERT_EQ(::pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
  co_await aio::wait_writable(fds[1]);
  auto reader = aio::create_task([](int fd) -> aio::task<char> {
    co_await aio::wait_readable(fd);
    char c = 0;
    EXPECT_EQ(::read(fd, &c, 1), 1);
    co_return c;
  }(fds[0]));
  co_await aio::sleep(0s);
  EXPECT_FALSE(reader.done());
  EXPECT_EQ(::write(fds[1], "z", 1), 1);
  EXPECT_EQ(co_await reader, 'z');
  // A cancelled wait leaves the descriptor unwatched and reusable.
  auto idle = aio::create_task(aio::detail::as_task(aio::wait_readable(fds[0])));
  co_await aio::sleep(0s);
  idle.cancel();
  EXPECT_THROW(co_await idle, aio::cancelled_error);
  EXPECT_EQ(::write(fds[1], "y", 1), 1);
  co_await aio::wait_readable(fds[0]);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(Backend, EachLoopRunsOnTheBackendAskedFor) {
  aio::event_loop on_epoll{aio::testing::backend_options(aio::backend::epoll)};
  EXPECT_EQ(on_epoll.backend(), aio::backend::epoll);
  aio::event_loop on_uring{aio::testing::backend_options(aio::backend::io_uring)};
  EXPECT_EQ(on_uring.backend(), aio::backend::io_uring);  // this kernel allows io_uring
}
