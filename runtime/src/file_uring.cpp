// aio::file on io_uring: open, read, write and close are ring requests, no thread involved.
// A request lives in a heap `call` that the ring holds until its completion, so an awaiter that
// leaves (cancelled) asks the kernel to drop it and goes at once: the buffer and the file stay
// alive until the kernel is done. Operations on one file run one at a time, as calls on one
// FILE* do; a request whose awaiter left keeps the file busy until it completes, and the bytes
// it read are kept for the next read.
#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <coroutine>

#include "aio/detail/list_wait.hpp"
#include "file_core.hpp"
#include "io_backend.hpp"
#include "os_errors.hpp"

namespace aio::detail::uring_file {
namespace {

constexpr std::size_t read_chunk = 1 << 20;  // the largest read one request asks for
constexpr std::size_t line_chunk = 64 * 1024;

void release(file_core& core) noexcept {
  core.busy = false;
  wake_all(core.idle);  // each rechecks busy: one that was cancelled meanwhile just leaves
}

struct call : native_request {
  event_loop* loop = nullptr;
  std::shared_ptr<call> self;        // the ring's reference, dropped at completion
  std::shared_ptr<file_core> core;   // null for openat
  waiter* awaiting = nullptr;        // the parked task, null once it left
  bool owns_lock = false;            // the awaiter left: completion releases core->busy
  int result = 0;
  std::string bytes;                 // read into / written from
  std::string path_storage;          // openat

  static void completed(native_request& r, int result) noexcept {
    auto& c = static_cast<call&>(r);
    c.result = result;
    loop_access::count_request(*c.loop, false);
    if (c.op == kind::read && result > 0 && c.core) {
      // Read bytes join the file's buffer whether or not anyone still waits: none is lost.
      c.bytes.resize(static_cast<std::size_t>(result));
      if (c.core->buffered.empty()) c.core->buffered = std::move(c.bytes);
      else c.core->buffered += c.bytes;
    }
    if (waiter* w = std::exchange(c.awaiting, nullptr)) {
      notify(*w);
    } else {
      if (c.op == kind::openat && result >= 0) ::close(result);  // opened for nobody
      if (c.owns_lock && c.core) release(*c.core);
    }
    auto keep = std::move(c.self);  // may free this call
  }
};

struct call_waiter : waiter {
  call* c = nullptr;
};

cancel_outcome leave_call(waiter& w) noexcept {
  call* c = static_cast<call_waiter&>(w).c;
  if (c->awaiting != &w) return cancel_outcome::detached;
  c->awaiting = nullptr;
  c->owns_lock = c->core != nullptr;
  loop_access::backend(*c->loop).cancel(*c);
  return cancel_outcome::detached;
}
constexpr waiter_ops call_ops{nullptr, &leave_call, nullptr, "file I/O"};

// Sends one request and parks the task until it completes; gives the kernel's result.
class [[nodiscard]] request {
 public:
  explicit request(std::shared_ptr<call> c) noexcept : call_(std::move(c)) {}
  request(const request&) = delete;
  request& operator=(const request&) = delete;
  ~request() {
    if (waiter_.c) leave_call(waiter_);  // destroyed while parked (loop close)
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    event_loop& loop = running_loop_or_throw();
    if (!begin_wait(waiter_, h)) return false;
    waiter_.c = call_.get();
    waiter_.ops = &call_ops;
    call_->loop = &loop;
    call_->complete = &call::completed;
    call_->awaiting = &waiter_;
    call_->self = call_;
    loop_access::count_request(loop, true);
    loop_access::backend(loop).submit(*call_);
    park(waiter_);
    return true;
  }
  int await_resume() {
    end_wait(waiter_);
    return call_->result;
  }

 private:
  std::shared_ptr<call> call_;
  call_waiter waiter_;
};

// Holds the file's turn for one operation, taken once no other holds it (set in the same step
// as the wait ends, so a cancellation cannot come in between). If the operation is left with a
// request in flight, the request's completion ends the turn instead.
class turn {
 public:
  explicit turn(file_core& core) noexcept : core_(core) { core_.busy = true; }
  turn(const turn&) = delete;
  turn& operator=(const turn&) = delete;
  ~turn() {
    if (!core_.busy || (last_ && last_->owns_lock)) return;
    release(core_);
  }
  // Makes `c` the request whose completion ends the turn if the operation is left meanwhile.
  std::shared_ptr<call> track(std::shared_ptr<call> c) {
    last_ = c;
    return c;
  }

 private:
  file_core& core_;
  std::shared_ptr<call> last_;
};

void check_open(const file_core& core, const char* what) {
  if (core.closed || core.fd < 0) throw invalid_state_error(std::string(what) + " on a closed aio::file");
}

std::shared_ptr<call> make_call(const std::shared_ptr<file_core>& core, native_request::kind op) {
  auto c = std::make_shared<call>();
  c->op = op;
  c->fd = core->fd;
  c->core = core;
  return c;
}

// One read request of up to `n` bytes into core.buffered; 0 at the end of the file.
task<int> read_more(const std::shared_ptr<file_core>& core, turn& t, std::size_t n) {
  auto c = t.track(make_call(core, native_request::kind::read));
  c->bytes.resize(std::min(n, read_chunk));
  c->buffer = c->bytes.data();
  c->length = static_cast<unsigned>(c->bytes.size());
  int got = co_await request(c);
  if (got < 0) throw_os_error(-got, "read " + core->path);
  co_return got;
}

std::string take(file_core& core, std::size_t n) {
  if (n >= core.buffered.size()) return std::exchange(core.buffered, {});
  std::string head = core.buffered.substr(0, n);
  core.buffered.erase(0, n);
  return head;
}

// fopen's modes as open(2) flags; -1 for a mode fopen refuses.
int open_flags(const std::string& mode) {
  if (mode.empty()) return -1;
  int flags = mode[0] == 'r' ? 0 : mode[0] == 'w' ? O_CREAT | O_TRUNC : mode[0] == 'a' ? O_CREAT | O_APPEND : -1;
  if (flags < 0) return -1;
  bool plus = false;
  for (char ch : mode.substr(1)) {
    if (ch == '+') plus = true;
    else if (ch == 'x') flags |= O_EXCL;
    else if (ch != 'b' && ch != 'e' && ch != 'm' && ch != 'c') break;  // glibc ignores the rest
  }
  return flags | O_CLOEXEC | (plus ? O_RDWR : mode[0] == 'r' ? O_RDONLY : O_WRONLY);
}

}  // namespace

task<std::shared_ptr<file_core>> open(event_loop& loop, std::string path, std::string mode) {
  const int flags = open_flags(mode);
  if (flags < 0) throw_os_error(EINVAL, "open " + path);
  auto c = std::make_shared<call>();
  c->op = native_request::kind::openat;
  c->path_storage = path;
  c->path = c->path_storage.c_str();
  c->flags = flags;
  c->mode = 0666;
  int fd = co_await request(c);
  if (fd < 0) throw_os_error(-fd, "open " + path);
  auto core = std::make_shared<file_core>();
  core->fd = fd;
  core->loop = &loop;
  core->path = std::move(path);
  co_return core;
}

task<std::string> read(std::shared_ptr<file_core> core, std::size_t n) {
  check_open(*core, "read()");
  while (core->busy) co_await list_wait(core->idle);
  turn t(*core);
  check_open(*core, "read()");
  std::string data;
  while (data.size() < n) {
    if (core->buffered.empty() && co_await read_more(core, t, n - data.size()) == 0) break;
    std::string piece = take(*core, n - data.size());
    if (data.empty()) data = std::move(piece);
    else data += piece;
  }
  co_return data;
}

task<std::string> readline(std::shared_ptr<file_core> core) {
  check_open(*core, "readline()");
  while (core->busy) co_await list_wait(core->idle);
  turn t(*core);
  check_open(*core, "readline()");
  std::size_t searched = 0;
  for (;;) {
    std::size_t at = core->buffered.find('\n', searched);
    if (at != std::string::npos) co_return take(*core, at + 1);
    searched = core->buffered.size();
    if (co_await read_more(core, t, line_chunk) == 0) co_return take(*core, core->buffered.size());
  }
}

task<std::size_t> write(std::shared_ptr<file_core> core, std::string data) {
  check_open(*core, "write()");
  while (core->busy) co_await list_wait(core->idle);
  turn t(*core);
  check_open(*core, "write()");
  // Bytes read ahead are not consumed: write where the reader is (as a FILE* does).
  if (!core->buffered.empty() &&
      ::lseek(core->fd, -static_cast<off_t>(core->buffered.size()), SEEK_CUR) >= 0)
    core->buffered.clear();
  const std::size_t size = data.size();
  auto c = t.track(make_call(core, native_request::kind::write));
  c->bytes = std::move(data);
  std::size_t done = 0;
  while (done < size) {
    c->buffer = c->bytes.data() + done;
    c->length = static_cast<unsigned>(std::min(size - done, read_chunk * 64));
    int wrote = co_await request(c);
    if (wrote < 0) throw_os_error(-wrote, "write " + core->path);
    done += static_cast<std::size_t>(wrote);
  }
  co_return size;
}

// Nothing is buffered for writing: flush() only waits for the requests before it.
task<> flush(std::shared_ptr<file_core> core) {
  check_open(*core, "flush()");
  while (core->busy) co_await list_wait(core->idle);
  turn t(*core);
}

task<> close(std::shared_ptr<file_core> core) {
  if (core->closed) co_return;
  core->closed = true;  // later operations fail at once; those queued fail when their turn comes
  while (core->busy) co_await list_wait(core->idle);
  turn t(*core);
  if (core->fd < 0) co_return;
  core->buffered.clear();
  auto c = t.track(make_call(core, native_request::kind::close));
  core->fd = -1;  // the ring closes it, even if this task leaves meanwhile
  int result = co_await request(c);
  if (result < 0) throw_os_error(-result, "close " + core->path);
}

}  // namespace aio::detail::uring_file
