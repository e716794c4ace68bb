// Name resolution off the loop: inet_pton for numeric hosts, getaddrinfo on the thread pool.
#include "aio/detail/resolve.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>

#include "aio/thread_pool.hpp"
#include "os_errors.hpp"

namespace aio::detail {
namespace {

bool parse_numeric(const std::string& host, std::uint16_t port, endpoint& out) {
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out.address);
  if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    out.length = sizeof(sockaddr_in);
    out.family = AF_INET;
    return true;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out.address);
  if (::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    out.length = sizeof(sockaddr_in6);
    out.family = AF_INET6;
    return true;
  }
  return false;
}

std::vector<endpoint> lookup(const std::string& host, std::uint16_t port, bool passive) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG | (passive ? AI_PASSIVE : 0);
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0) throw resolve_error(rc, "cannot resolve '" + host + "': " + ::gai_strerror(rc));
  std::vector<endpoint> endpoints;
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    endpoint e;
    std::memcpy(&e.address, ai->ai_addr, ai->ai_addrlen);
    e.length = ai->ai_addrlen;
    e.family = ai->ai_family;
    endpoints.push_back(e);
  }
  ::freeaddrinfo(found);
  return endpoints;
}

}  // namespace

task<std::vector<endpoint>> resolve(std::string host, std::uint16_t port, bool passive) {
  endpoint numeric;
  if (passive && host.empty()) host = "0.0.0.0";
  if (parse_numeric(host, port, numeric)) co_return std::vector<endpoint>{numeric};
  co_return co_await to_thread(lookup, std::move(host), port, passive);
}

int tcp_socket(int family) {
  int fd = ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw_os_error(errno, "socket");
  return fd;
}

}  // namespace aio::detail
