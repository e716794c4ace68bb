// aio::file: on epoll a FILE* shared with the calls running on the thread pool; each operation
// holds a reference, so a cancelled awaiter leaves the call running on a live object. On
// io_uring the ring does the work (file_uring.cpp).
#include "aio/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "aio/thread_pool.hpp"
#include "file_core.hpp"
#include "io_backend.hpp"
#include "os_errors.hpp"

namespace aio {

file::file(std::shared_ptr<detail::file_core> core) noexcept : core_(std::move(core)) {}

file& file::operator=(file&& other) noexcept {
  if (this != &other) {
    file dropped(std::move(*this));
    core_ = std::move(other.core_);
  }
  return *this;
}

file::~file() {
  if (!core_ || core_->closed || !detail::running_loop) return;  // without a loop: fclose here
  if (core_->loop) return;  // native: the last request in flight (or this) closes the descriptor
  try {
    get_running_loop().default_executor().submit([core = std::move(core_)]() mutable { core.reset(); });
  } catch (...) {
    // The pool is shut down: the last reference closes it here.
  }
}

bool file::closed() const noexcept { return !core_ || core_->closed; }

task<std::string> file::read(std::size_t n) {
  auto core = core_;
  if (!core || core->closed) throw invalid_state_error("read() on a closed aio::file");
  if (core->loop) co_return co_await detail::uring_file::read(std::move(core), n);
  co_return co_await to_thread([core, n] {
    std::lock_guard<std::mutex> serial(core->pool_calls);
    std::FILE* f = core->check();
    std::string data;
    char chunk[64 * 1024];
    while (data.size() < n) {
      std::size_t want = std::min(sizeof chunk, n - data.size());
      std::size_t got = std::fread(chunk, 1, want, f);
      data.append(chunk, got);
      if (got < want) {
        if (std::ferror(f)) detail::throw_os_error(errno, "read " + core->path);
        break;
      }
    }
    return data;
  });
}

task<std::string> file::readline() {
  auto core = core_;
  if (!core || core->closed) throw invalid_state_error("readline() on a closed aio::file");
  if (core->loop) co_return co_await detail::uring_file::readline(std::move(core));
  co_return co_await to_thread([core] {
    std::lock_guard<std::mutex> serial(core->pool_calls);
    std::FILE* f = core->check();
    char* line = nullptr;
    std::size_t capacity = 0;
    ssize_t length = ::getline(&line, &capacity, f);
    const int error = errno;
    std::string result = length > 0 ? std::string(line, static_cast<std::size_t>(length)) : std::string();
    std::free(line);
    if (length < 0 && std::ferror(f)) detail::throw_os_error(error, "read " + core->path);
    return result;
  });
}

task<std::size_t> file::write(std::string data) {
  auto core = core_;
  if (!core || core->closed) throw invalid_state_error("write() on a closed aio::file");
  if (core->loop) co_return co_await detail::uring_file::write(std::move(core), std::move(data));
  co_return co_await to_thread([core](std::string bytes) {
    std::lock_guard<std::mutex> serial(core->pool_calls);
    std::FILE* f = core->check();
    if (std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) detail::throw_os_error(errno, "write " + core->path);
    return bytes.size();
  }, std::move(data));
}

task<> file::flush() {
  auto core = core_;
  if (!core || core->closed) throw invalid_state_error("flush() on a closed aio::file");
  if (core->loop) co_return co_await detail::uring_file::flush(std::move(core));
  co_await to_thread([core] {
    std::lock_guard<std::mutex> serial(core->pool_calls);
    if (std::fflush(core->check()) != 0) detail::throw_os_error(errno, "flush " + core->path);
  });
}

task<> file::close() {
  auto core = core_;
  if (!core || core->closed) co_return;
  if (core->loop) co_return co_await detail::uring_file::close(std::move(core));
  core->closed = true;
  co_await to_thread([core] {
    std::lock_guard<std::mutex> serial(core->pool_calls);
    std::FILE* f = std::exchange(core->stream, nullptr);
    if (f && std::fclose(f) != 0) detail::throw_os_error(errno, "close " + core->path);
  });
}

task<file> open_file(std::string path, std::string mode) {
  event_loop& loop = detail::running_loop_or_throw();
  if (detail::loop_access::backend(loop).native_requests())
    co_return file(co_await detail::uring_file::open(loop, std::move(path), std::move(mode)));
  auto core = co_await to_thread([](std::string p, std::string m) {
    std::FILE* f = std::fopen(p.c_str(), m.c_str());
    if (!f) detail::throw_os_error(errno, "open " + p);
    auto opened = std::make_shared<detail::file_core>();
    opened->stream = f;
    opened->path = std::move(p);
    return opened;
  }, std::move(path), std::move(mode));
  co_return file(std::move(core));
}

}  // namespace aio
