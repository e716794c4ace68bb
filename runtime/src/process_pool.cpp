// aio::process_pool: each worker is a forked process serving calls over a socketpair. A call
// is a message {function, trampoline, packed arguments}; the worker answers {status, bytes}.
// The parent side is blocking and runs on the loop's default thread pool.
#include "aio/process_pool.hpp"

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "os_errors.hpp"

namespace aio {
namespace detail {
namespace {

struct request_header {
  packed_call call;
  void* fn;
  std::size_t size;
};

struct reply_header {
  std::uint8_t failed;  // 1: the payload is the exception's what()
  std::size_t size;
};

bool write_all(int fd, const void* data, std::size_t size) noexcept {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, std::size_t size) noexcept {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// The worker's whole life: serve calls until the parent closes its end.
[[noreturn]] void serve(int channel) noexcept {
  for (;;) {
    request_header request;
    if (!read_all(channel, &request, sizeof request)) ::_exit(0);
    std::string args(request.size, '\0');
    if (!read_all(channel, args.data(), args.size())) ::_exit(0);
    reply_header reply{0, 0};
    std::string payload;
    try {
      payload = request.call(request.fn, args);
    } catch (const std::exception& e) {
      reply.failed = 1;
      payload = e.what();
    } catch (...) {
      reply.failed = 1;
      payload = "unknown exception";
    }
    reply.size = payload.size();
    if (!write_all(channel, &reply, sizeof reply) || !write_all(channel, payload.data(), payload.size())) ::_exit(0);
  }
}

struct worker {
  pid_t pid = -1;
  int channel = -1;
};

worker spawn_worker() {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) throw_os_error(errno, "socketpair");
  pid_t pid = ::fork();
  if (pid < 0) {
    int error = errno;
    ::close(pair[0]);
    ::close(pair[1]);
    throw_os_error(error, "fork");
  }
  if (pid == 0) {
    // Keep only the channel: inherited sockets would hold the parent's connections open.
    ::dup2(pair[1], 3);
    ::close_range(4, ~0u, 0);
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
    serve(3);
  }
  ::close(pair[1]);
  return {pid, pair[0]};
}

// Ends a worker: closing its channel makes it exit; a crashed one is only reaped.
void retire(worker w) noexcept {
  ::close(w.channel);
  int status;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
}

std::string describe(int status) {
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "stopped";
}

}  // namespace

struct process_pool_core {
  std::mutex mutex;
  std::condition_variable idle_changed;
  std::vector<worker> idle;
  std::size_t size = 0;
  std::size_t busy = 0;
  bool closing = false;

  worker acquire() {
    std::unique_lock lock(mutex);
    idle_changed.wait(lock, [this] { return !idle.empty() || closing; });
    if (closing) throw runtime_error("process pool is shut down");
    worker w = idle.back();
    idle.pop_back();
    ++busy;
    return w;
  }

  void give_back(worker w) {
    {
      std::lock_guard lock(mutex);
      idle.push_back(w);
      --busy;
    }
    idle_changed.notify_all();
  }

  ~process_pool_core() {
    for (worker w : idle) retire(w);
  }
};

std::string run_in_process(process_pool_core& core, packed_call call, void* fn, std::string args) {
  worker w = core.acquire();
  request_header request{call, fn, args.size()};
  reply_header reply{};
  std::string payload;
  bool answered = write_all(w.channel, &request, sizeof request) && write_all(w.channel, args.data(), args.size()) &&
                  read_all(w.channel, &reply, sizeof reply);
  if (answered) {
    payload.resize(reply.size);
    answered = read_all(w.channel, payload.data(), payload.size());
  }
  if (!answered) {
    // The worker died with the call: reap it, put a fresh one in its place, report.
    ::close(w.channel);
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    worker fresh;
    try {
      fresh = spawn_worker();
    } catch (...) {
      std::lock_guard lock(core.mutex);
      --core.busy;
      --core.size;
      throw;
    }
    core.give_back(fresh);
    throw process_crashed_error("process_pool worker " + std::to_string(w.pid) + " " + describe(status) +
                                " while running a call");
  }
  core.give_back(w);
  if (reply.failed) throw process_call_error(payload);
  return payload;
}

}  // namespace detail

process_pool::process_pool(std::size_t workers) : core_(std::make_shared<detail::process_pool_core>()) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < workers; ++i) core_->idle.push_back(detail::spawn_worker());
  core_->size = workers;
}

process_pool::~process_pool() {
  std::unique_lock lock(core_->mutex);
  core_->idle_changed.wait(lock, [this] { return core_->busy == 0; });
  core_->closing = true;
  for (detail::worker w : core_->idle) detail::retire(w);
  core_->idle.clear();
  lock.unlock();
  core_->idle_changed.notify_all();
}

std::size_t process_pool::size() const noexcept { return core_->size; }

}  // namespace aio
