// The guide's "fetch many URLs concurrently" (aiohttp / httpx with gather, a semaphore to limit
// concurrency, a timeout per request), against a tiny HTTP/1.1 server of our own on 127.0.0.1
// (aio::start_server, port 0) since no external network is at hand. The client opens one
// connection per URL with aio::open_connection; at most 3 requests are in flight at once (the
// server counts them); a slow page hits the 500 ms timeout and does not hold up the others;
// results come back in the order of the URLs.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace std::chrono_literals;

// ---- the server --------------------------------------------------------------------------

int in_flight = 0;      // requests the server is working on
int max_in_flight = 0;  // the most it ever saw at once

std::string response(int status, const std::string& reason, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: text/html\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

aio::task<std::string> route(const std::string& path) {
  if (path == "/slow") co_await aio::sleep(1500ms);  // longer than the client waits
  else co_await aio::sleep(200ms);                    // a page takes 200 ms to render
  if (path == "/missing") co_return response(404, "Not Found", "not found");
  co_return response(200, "OK", "<html>" + path + "</html>");
}

aio::task<> handle_http(aio::stream client) {
  const std::string request_line = co_await client.readline();  // "GET /path HTTP/1.1\r\n"
  for (std::string header = co_await client.readline(); !header.empty() && header != "\r\n";
       header = co_await client.readline()) {
  }
  const auto path_start = request_line.find(' ') + 1;
  const std::string path = request_line.substr(path_start, request_line.find(' ', path_start) - path_start);
  max_in_flight = std::max(max_in_flight, ++in_flight);
  std::string reply = co_await route(path);
  --in_flight;  // before the reply leaves, so a client never sees it while still counted
  try {
    client.write(reply);
    co_await client.drain();
  } catch (const aio::connection_error& e) {
    // The client gave up waiting (its timeout) and closed: log it, as a server would. (Whether
    // the write fails depends on when the client's reset arrives, so it is not CHECKed.)
    std::fprintf(stderr, "server: could not answer %s: %s\n", path.c_str(), e.what());
  }
  client.close();
  co_await client.wait_closed();
}

// ---- the client --------------------------------------------------------------------------

struct page {
  int status = 0;
  std::string body;
};

aio::task<page> fetch(std::uint16_t port, std::string path) {
  aio::stream conn = co_await aio::open_connection("127.0.0.1", port);
  conn.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  co_await conn.drain();
  page result;
  const std::string status_line = co_await conn.readline();  // "HTTP/1.1 200 OK\r\n"
  result.status = std::stoi(status_line.substr(status_line.find(' ') + 1));
  std::size_t length = 0;
  for (std::string header = co_await conn.readline(); !header.empty() && header != "\r\n";
       header = co_await conn.readline()) {
    if (header.starts_with("Content-Length:")) length = std::stoul(header.substr(15));
  }
  result.body = co_await conn.read_exactly(length);
  conn.close();
  co_await conn.wait_closed();
  co_return result;
}

// At most `limit` fetches at once; each one gets 500 ms.
aio::task<page> fetch_limited(std::uint16_t port, std::string path, aio::semaphore& limit) {
  auto permit = co_await limit.acquire();
  co_return co_await aio::wait_for(fetch(port, path), 500ms);
}

aio::task<> main_task() {
  aio::server server = co_await aio::start_server(handle_http, "127.0.0.1", 0);
  const std::vector<std::string> paths = {"/index.html", "/about.html", "/blog/1", "/blog/2", "/missing", "/slow"};

  aio::semaphore limit{3};
  std::vector<aio::task<page>> fetches;
  for (const std::string& path : paths) fetches.push_back(fetch_limited(server.port(), path, limit));
  std::vector<aio::result<page>> pages = co_await aio::gather(aio::return_exceptions, std::move(fetches));

  for (std::size_t i = 0; i < paths.size(); ++i) {
    try {
      const page& p = pages[i].value();
      std::printf("%s: %d, %zu bytes: %s\n", paths[i].c_str(), p.status, p.body.size(), p.body.c_str());
    } catch (const aio::timeout_error&) {
      std::printf("%s: timed out\n", paths[i].c_str());
    }
  }
  std::printf("the server saw at most %d requests at once\n", max_in_flight);

  server.close();
  co_await server.wait_closed();  // waits for the slow handler too
  std::puts("server closed");
}

int main() { aio::run(main_task()); }

// CHECK:      /index.html: 200, 24 bytes: <html>/index.html</html>
// CHECK-NEXT: /about.html: 200, 24 bytes: <html>/about.html</html>
// CHECK-NEXT: /blog/1: 200, 20 bytes: <html>/blog/1</html>
// CHECK-NEXT: /blog/2: 200, 20 bytes: <html>/blog/2</html>
// CHECK-NEXT: /missing: 404, 9 bytes: not found
// CHECK-NEXT: /slow: timed out
// CHECK-NEXT: the server saw at most 3 requests at once
// CHECK-NEXT: server closed
