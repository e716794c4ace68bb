// Pitfall "Blocking the event loop" (requests.get in an async function): a synchronous
// client — name lookup and socket calls that wait on the network — called from a coroutine.
// Fix: aio::open_connection and the stream's read/write, or aio::to_thread for a library
// that only has a blocking API.
#include <aio/aio.hpp>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

// A helper that blocks; corolint follows calls into helpers defined in the same file.
std::string http_get(const char* host, const char* path) {
  addrinfo* address = nullptr;
  if (getaddrinfo(host, "80", nullptr, &address) != 0) return {};
  int fd = socket(address->ai_family, SOCK_STREAM, 0);
  connect(fd, address->ai_addr, address->ai_addrlen);
  std::string request = std::string("GET ") + path + " HTTP/1.0\r\n\r\n";
  send(fd, request.data(), request.size(), 0);
  char buffer[4096];
  std::string body;
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) body.append(buffer, n);
  close(fd);
  freeaddrinfo(address);
  return body;
}

aio::task<std::size_t> fetch_page(const char* path) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  std::string body = http_get("example.com", path);  // wrong: blocks the loop [async-blocking-call]
  co_return body.size();
}

int main() { return aio::run(fetch_page("/")) > 0 ? 0 : 1; }
