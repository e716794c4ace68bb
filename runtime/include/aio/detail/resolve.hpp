// Name resolution that never blocks the loop: numeric addresses are parsed in place, names go
// to getaddrinfo on the loop's default thread pool.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <vector>

#include "aio/task.hpp"

namespace aio::detail {

struct endpoint {
  sockaddr_storage address{};
  socklen_t length = 0;
  int family = 0;
};

// `passive` resolves for bind(): an empty host is every IPv4 interface. Throws resolve_error.
task<std::vector<endpoint>> resolve(std::string host, std::uint16_t port, bool passive);

// A new non-blocking, close-on-exec TCP socket; throws os_error.
int tcp_socket(int family);

}  // namespace aio::detail
