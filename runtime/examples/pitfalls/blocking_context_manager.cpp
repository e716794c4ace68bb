// Pitfall "Using a sync context manager in async code": an RAII connection class whose
// constructor and destructor do blocking I/O. The RAII looks harmless at the call site, but
// opening and closing it stops the loop.
// Fix: an async resource — `auto conn = co_await aio::open_connection(host, port);` closed
// with `conn.close(); co_await conn.wait_closed();`, or held by aio::with.
#include <aio/aio.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

class database_connection {
 public:
  database_connection() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(5432);
    connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);  // blocks
  }
  ~database_connection() { close(fd_); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

aio::task<int> query() {
  co_await aio::sleep(std::chrono::milliseconds(1));
  database_connection conn;  // wrong: connecting blocks the loop [async-blocking-call]
  co_return conn.fd();
}

int main() { return aio::run(query()) < 0; }
