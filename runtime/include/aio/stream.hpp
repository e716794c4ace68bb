// aio::stream and aio::open_connection (asyncio's StreamReader + StreamWriter in one object):
// a connected non-blocking TCP socket with a read buffer and a write buffer that the loop
// flushes in the background; drain() applies back-pressure above the high-water mark.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "aio/task.hpp"

namespace aio {

namespace detail {
struct stream_core;
}

class stream {
 public:
  static constexpr std::size_t until_eof = std::numeric_limits<std::size_t>::max();

  stream() noexcept = default;
  // Adopts a connected socket (made non-blocking here) on the running loop.
  explicit stream(int connected_fd);
  stream(stream&& other) noexcept;
  stream& operator=(stream&& other) noexcept;
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;
  // Like close() without waiting: data still buffered is flushed by the loop on its own.
  ~stream();

  explicit operator bool() const noexcept { return core_ != nullptr; }

  // Up to `n` bytes: what is buffered or the next arrival; "" at end of stream.
  // read() (until_eof) reads everything up to the end of the stream.
  task<std::string> read(std::size_t n = until_eof);
  // Exactly `n` bytes; aio::incomplete_read_error (with partial()) if the stream ends first.
  task<std::string> read_exactly(std::size_t n);
  // Up to and including `delimiter`; incomplete_read_error at end of stream,
  // limit_overrun_error when more than limit() bytes arrive without it.
  task<std::string> read_until(std::string delimiter);
  // One line, "\n" included; the last line may lack it; "" at end of stream.
  task<std::string> readline();
  bool at_eof() const noexcept;
  std::size_t limit() const noexcept;
  void set_limit(std::size_t bytes) noexcept;

  // Queues `data` (sent at once when the socket takes it); never waits. Throws
  // aio::runtime_error after close(). Failures of the connection are reported by drain().
  void write(std::string_view data);
  // Waits while more than the high-water mark is queued, until it falls to the low-water mark;
  // rethrows a connection failure (connection_reset_error, broken_pipe_error).
  task<> drain();
  // asyncio's transport.set_write_buffer_limits (defaults 64 KiB and 16 KiB).
  void set_write_buffer_limits(std::size_t high, std::size_t low) noexcept;
  std::size_t write_buffer_size() const noexcept;

  // Stops reading and writing; buffered output is still flushed, then the socket is closed.
  // A task waiting in read() gets end of stream.
  void close() noexcept;
  bool is_closing() const noexcept;
  // Waits until the socket is closed (buffered output flushed or the connection failed).
  task<> wait_closed();

  int fd() const noexcept;

 private:
  detail::stream_core* core_ = nullptr;
};

// asyncio.open_connection: resolves `host` (off the loop unless numeric), tries each address in
// turn; connection_refused_error (or the last address's os_error) when none accepts.
task<stream> open_connection(std::string host, std::uint16_t port);

}  // namespace aio
