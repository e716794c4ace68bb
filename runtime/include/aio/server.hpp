// aio::server and aio::start_server (asyncio.start_server / asyncio.Server): a listening TCP
// socket; each accepted connection runs `handler(stream)` as its own task.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "aio/stream.hpp"
#include "aio/task.hpp"

namespace aio {

namespace detail {
struct server_core;
}

using connection_handler = std::function<task<>(stream)>;

class server {
 public:
  server() noexcept = default;
  explicit server(std::shared_ptr<detail::server_core> core) noexcept;
  server(server&&) noexcept = default;
  server& operator=(server&&) noexcept = default;
  // Stops listening (connections already accepted run on).
  ~server();

  // The bound port (useful after binding port 0).
  std::uint16_t port() const noexcept;
  bool is_serving() const noexcept;
  // Waits until close(); when cancelled, closes the server and rethrows.
  task<> serve_forever();
  // Stops accepting and closes the listening socket; handlers already running go on.
  void close() noexcept;
  // Waits until the server is closed and every connection handler has finished.
  task<> wait_closed();

 private:
  std::shared_ptr<detail::server_core> core_;
};

// Binds `host` ("" = every IPv4 interface; a name binds its first address) and `port` (0 = any
// free port) and starts accepting at once. A handler's exception is reported through the loop's
// exception handler ("Task exception was never retrieved") and ends only its connection.
task<server> start_server(connection_handler handler, std::string host, std::uint16_t port, int backlog = 4096);

}  // namespace aio
