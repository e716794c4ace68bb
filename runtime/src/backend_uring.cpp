// The io_uring backend. Sockets whose owners ask for it (socket_requests) do their I/O by
// completion: one multishot recv per socket into a ring of provided buffers (copied out and
// given back at once), or, for a reader asking for many bytes, one recv straight into a buffer
// of its own (receive_once: no copy, which streaming pays for; scripts/bench io), sends as requests, one multishot accept per listening socket. Other
// descriptors are watched by poll requests, sent when a waiter is first placed on a side (the
// reading side's is multishot and stays armed, edge-triggered like epoll; the writing side's is
// one-shot). A removed source's requests complete later, so completions point at a watch that
// outlives the source. File requests (native_request) are sent as they are.
//
// The ring asks for IORING_SETUP_SINGLE_ISSUER | DEFER_TASKRUN (else COOP_TASKRUN) with
// TASKRUN_FLAG, so a busy loop enters the kernel only when it has requests to send or the
// kernel has completions to post. Such a ring starts disabled: the thread that first uses it
// (the one running the loop) becomes its only issuer. AIO_URING_DISABLE (a comma-separated list of
// defer_taskrun, single_issuer, coop_taskrun, ring_fd, sockets, or all) turns features off,
// as on an older kernel: each falls back by itself (sockets: readiness polls).
#include <fcntl.h>
#include <liburing.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>
#include <unordered_set>

#include "io_backend.hpp"

namespace aio::detail {
namespace {

// What requests point at: a watch or a native request (16-aligned) plus the kind below.
enum tag : std::uint64_t { poll_in = 0, poll_out = 1, recv_tag = 2, send_tag = 3, accept_tag = 4, request_tag = 5,
                     recv_once_tag = 6 };
constexpr std::uint64_t tag_mask = 15;
constexpr std::uint64_t wake_data = 1;     // the loop's eventfd (no pointer is null)
constexpr std::uint64_t ignored_data = 0;  // the completions of poll removals and cancels
constexpr unsigned side_mask[2] = {POLLIN | POLLRDHUP, POLLOUT};

constexpr unsigned buffer_count = 1024;        // the provided buffer ring (a power of two)
constexpr unsigned buffer_size = 16 * 1024;
constexpr int buffer_group = 0;

struct alignas(16) watch {
  io_source* source;  // null once removed
  int fd;
  bool armed[2] = {false, false};  // a poll request in flight for reading / writing
  const socket_events* events = nullptr;
  bool receiving = false, want_receive = false;  // a recv request in flight / wanted
  bool accepting = false, want_accept = false;
  bool sending = false;
  bool receiving_once = false;  // a one-shot recv into `landing` in flight
  std::string landing;
  std::string outgoing;  // the bytes of the send in flight, from sent_bytes on
  std::size_t sent_bytes = 0;
  bool busy() const noexcept { return armed[0] || armed[1] || receiving || receiving_once || accepting || sending; }
};

std::uint64_t tagged(const void* p, tag t) noexcept { return reinterpret_cast<std::uint64_t>(p) | t; }

// AIO_URING_DISABLE names `feature` (or "all").
bool disabled(const char* feature) noexcept {
  const char* list = std::getenv("AIO_URING_DISABLE");
  if (!list) return false;
  const std::string_view all(list);
  for (std::size_t at = 0; at <= all.size();) {
    std::size_t end = all.find(',', at);
    if (end == std::string_view::npos) end = all.size();
    std::string_view item = all.substr(at, end - at);
    if (item == feature || item == "all") return true;
    at = end + 1;
  }
  return false;
}

// Multishot recv came with Linux 6.0 (buffer rings with 5.19): older kernels poll instead.
bool kernel_has_multishot_recv() noexcept {
  utsname name{};
  if (::uname(&name) != 0) return false;
  int major = 0, minor = 0;
  std::sscanf(name.release, "%d.%d", &major, &minor);
  return major > 6 || (major == 6 && minor >= 0);
}

class uring_backend final : public io_backend {
 public:
  uring_backend(io_uring* ring, int wake_fd, unsigned setup_flags) : ring_(ring), wake_fd_(wake_fd) {
    taskrun_flag_ = setup_flags & IORING_SETUP_TASKRUN_FLAG;
    single_issuer_ = setup_flags & IORING_SETUP_SINGLE_ISSUER;
    if (!disabled("sockets") && kernel_has_multishot_recv()) setup_buffers();
    if (!single_issuer_) enable();
  }
  ~uring_backend() override {
    // The kernel may still write into a request's buffer: cancel what is in flight and wait for
    // every completion, so each owner frees its request only once the kernel is done with it.
    closing_ = true;
    if (enabled_ && in_flight()) {
      io_uring_sqe* sqe = next_sqe();
      io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY);
      io_uring_sqe_set_data64(sqe, ignored_data);
      // Another thread than the issuer may not enter the ring (-EEXIST): nothing to wait for then.
      if (io_uring_submit(ring_) != -EEXIST)
        while (in_flight()) poll(-1);
    }
    io_uring_queue_exit(ring_);
    delete ring_;
    for (watch* w : watches_) delete w;
    std::free(buffer_ring_);
    std::free(buffers_);
  }

  void add(io_source& source) override {
    auto* w = new watch{&source, source.fd};
    watches_.insert(w);
    source.backend_data = w;
    if (source.reader) arm(source, false);
    if (source.writer) arm(source, true);
  }

  void arm(io_source& source, bool for_write) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    if (!w || w->armed[for_write]) return;
    if (w->events && !for_write) return;  // its recv request reports arrivals
    w->armed[for_write] = true;
    io_uring_sqe* sqe = next_sqe();
    if (for_write) io_uring_prep_poll_add(sqe, w->fd, side_mask[1]);
    else io_uring_prep_poll_multishot(sqe, w->fd, side_mask[0]);
    io_uring_sqe_set_data64(sqe, tagged(w, for_write ? poll_out : poll_in));
  }

  void remove(io_source& source) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    source.backend_data = nullptr;
    if (!w) return;
    w->source = nullptr;
    w->want_receive = w->want_accept = false;
    if (!w->busy()) {
      forget(w);
      return;
    }
    for (int side = 0; side < 2; ++side)
      if (w->armed[side]) cancel_request(tagged(w, side ? poll_out : poll_in));
    if (w->receiving) cancel_request(tagged(w, recv_tag));
    if (w->receiving_once) cancel_request(tagged(w, recv_once_tag));
    if (w->accepting) cancel_request(tagged(w, accept_tag));
    if (w->sending) cancel_request(tagged(w, send_tag));
    // Sent now, and their completions posted (a request holds its file open until then): the
    // descriptor may be closed right after, and its number reused.
    io_uring_submit_and_get_events(ring_);
  }

  bool native_requests() const noexcept override { return true; }

  void submit(native_request& r) noexcept override {
    io_uring_sqe* sqe = next_sqe();
    switch (r.op) {
      case native_request::kind::read:
        io_uring_prep_read(sqe, r.fd, r.buffer, r.length, static_cast<std::uint64_t>(-1));
        break;
      case native_request::kind::write:
        io_uring_prep_write(sqe, r.fd, r.buffer, r.length, static_cast<std::uint64_t>(-1));
        break;
      case native_request::kind::openat:
        io_uring_prep_openat(sqe, AT_FDCWD, r.path, r.flags, r.mode);
        break;
      case native_request::kind::close:
        io_uring_prep_close(sqe, r.fd);
        break;
    }
    io_uring_sqe_set_data64(sqe, tagged(&r, request_tag));
    ++requests_;
  }

  // Sent before the next completions are read (every path that submits does so before
  // reaping), so the request cannot have been freed and its address reused meanwhile.
  void cancel(native_request& r) noexcept override { cancel_request(tagged(&r, request_tag)); }

  bool socket_requests() const noexcept override { return buffers_ != nullptr; }

  void receive(io_source& source, const socket_events& events) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    if (!w) return;
    w->events = &events;
    w->want_receive = true;
    if (!w->receiving) arm_receive(w);  // else a paused one still ending: re-armed at its end
  }

  void pause_receive(io_source& source) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    if (!w || !w->want_receive) return;
    w->want_receive = false;
    if (w->receiving) cancel_request(tagged(w, recv_tag));
  }

  bool receive_once(io_source& source, std::string& buffer, const socket_events& events) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    if (!w || w->receiving || w->receiving_once) return false;
    w->events = &events;
    w->landing.swap(buffer);
    w->receiving_once = true;
    io_uring_sqe* sqe = next_sqe();
    io_uring_prep_recv(sqe, w->fd, w->landing.data(), w->landing.size(), 0);
    io_uring_sqe_set_data64(sqe, tagged(w, recv_once_tag));
    return true;
  }

  void send(io_source& source, std::string& data, const socket_events& events) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    if (!w) return;
    w->events = &events;
    w->outgoing.swap(data);
    w->sent_bytes = 0;
    w->sending = true;
    prep_send(w);
  }

  void accept(io_source& source, const socket_events& events) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    if (!w) return;
    w->events = &events;
    w->want_accept = true;
    if (w->accepting) return;
    w->accepting = true;
    io_uring_sqe* sqe = next_sqe();
    io_uring_prep_multishot_accept(sqe, w->fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    io_uring_sqe_set_data64(sqe, tagged(w, accept_tag));
  }

  // One syscall at most: requests waiting are sent in the same io_uring_enter that waits, and
  // completions already in the ring (or none to come, by TASKRUN_FLAG) need none.
  void poll(int timeout_ms) override {
    enable();
    const bool to_send = io_uring_sq_ready(ring_) > 0;
    if (io_uring_cq_ready(ring_) > 0 || timeout_ms == 0) {
      if (to_send || kernel_has_work()) io_uring_submit_and_get_events(ring_);
    } else if (timeout_ms < 0) {
      io_uring_submit_and_wait(ring_, 1);
    } else {
      io_uring_cqe* cqe = nullptr;
      __kernel_timespec ts{timeout_ms / 1000, (timeout_ms % 1000) * 1'000'000LL};
      io_uring_submit_and_wait_timeout(ring_, &cqe, 1, &ts, nullptr);
    }
    unsigned head, seen = 0;
    io_uring_cqe* cqe;
    io_uring_for_each_cqe(ring_, head, cqe) {
      ++seen;
      handle(cqe->user_data, cqe->res, cqe->flags);
    }
    io_uring_cq_advance(ring_, seen);
  }

 private:
  // Whether the kernel may have completions to post that only an io_uring_enter posts.
  bool kernel_has_work() const noexcept {
    if (!taskrun_flag_) return false;  // without it, completions are posted without being asked
    return IO_URING_READ_ONCE(*ring_->sq.kflags) & IORING_SQ_TASKRUN;
  }

  void handle(std::uint64_t data, int result, unsigned flags) noexcept {
    if (data == ignored_data) return;
    if (data == wake_data) {
      drain_eventfd(wake_fd_);
      if (!closing_) arm_wake();
      return;
    }
    if ((data & tag_mask) == request_tag) {
      auto* r = reinterpret_cast<native_request*>(data & ~tag_mask);
      --requests_;
      r->complete(*r, result);  // may free the request
      return;
    }
    auto* w = reinterpret_cast<watch*>(data & ~tag_mask);
    handling_ = w;
    switch (data & tag_mask) {
      case poll_in:
      case poll_out:
        on_poll(w, data & tag_mask, result, flags);
        break;
      case recv_tag:
        on_receive(w, result, flags);
        break;
      case recv_once_tag:
        w->receiving_once = false;
        if (result >= 0) w->landing.resize(static_cast<std::size_t>(result));
        if (w->source && !closing_) w->events->received_once(*w->source, w->landing, result);
        break;
      case send_tag:
        on_send(w, result);
        break;
      case accept_tag:
        on_accept(w, result, flags);
        break;
    }
    handling_ = nullptr;
    if (!w->source && !w->busy()) forget(w);  // removed, and its last request is over
  }

  void on_poll(watch* w, std::uint64_t side, int result, unsigned flags) noexcept {
    const bool for_write = side == poll_out;
    if (!(flags & IORING_CQE_F_MORE)) w->armed[for_write] = false;  // the request is over
    if (!w->source) return;
    // An error from the request itself wakes the side too: the waiter's syscall reports it.
    const auto events = result > 0 ? static_cast<std::uint32_t>(result) : (for_write ? POLLOUT : POLLIN);
    dispatch_ready(*w->source, events);
  }

  void on_receive(watch* w, int result, unsigned flags) noexcept {
    if (!(flags & IORING_CQE_F_MORE)) w->receiving = false;
    if (flags & IORING_CQE_F_BUFFER) {
      const unsigned id = flags >> IORING_CQE_BUFFER_SHIFT;
      char* bytes = buffers_ + static_cast<std::size_t>(id) * buffer_size;
      if (result > 0 && w->source) w->events->received(*w->source, bytes, static_cast<std::size_t>(result));
      io_uring_buf_ring_add(buffer_ring_, bytes, buffer_size, static_cast<unsigned short>(id),
                            io_uring_buf_ring_mask(buffer_count), 0);
      io_uring_buf_ring_advance(buffer_ring_, 1);
    }
    if (!w->source || closing_) return;
    // Out of buffers (given back by now), or cancelled by a pause: go on when still wanted.
    if (result > 0 || result == -ENOBUFS || result == -ECANCELED) {
      if (!w->receiving && w->want_receive) arm_receive(w);
      return;
    }
    w->want_receive = false;  // the end of the stream (0) or a failure: reported once
    if (w->receiving) cancel_request(tagged(w, recv_tag));
    w->events->receive_ended(*w->source, result);
  }

  void on_send(watch* w, int result) noexcept {
    if (result > 0) {
      w->sent_bytes += static_cast<std::size_t>(result);
      if (w->sent_bytes < w->outgoing.size() && w->source && !closing_) {
        prep_send(w);  // a short send (the socket's buffer filled): the rest
        return;
      }
    }
    w->sending = false;
    const int outcome = result > 0 ? static_cast<int>(w->sent_bytes) : result == 0 ? -EPIPE : result;
    w->outgoing.clear();
    if (w->source) w->events->sent(*w->source, outcome);  // may send again, or remove the source
  }

  void on_accept(watch* w, int result, unsigned flags) noexcept {
    if (!(flags & IORING_CQE_F_MORE)) w->accepting = false;
    if (!w->source || closing_) {
      if (result >= 0) ::close(result);  // accepted for nobody
      return;
    }
    if (result < 0 && result != -ECANCELED) w->want_accept = false;  // the owner tries again later
    if (result != -ECANCELED) w->events->accepted(*w->source, result);
    if (w->source && !w->accepting && w->want_accept) accept(*w->source, *w->events);
  }

  void arm_receive(watch* w) noexcept {
    w->receiving = true;
    io_uring_sqe* sqe = next_sqe();
    io_uring_prep_recv_multishot(sqe, w->fd, nullptr, 0, 0);
    sqe->flags |= IOSQE_BUFFER_SELECT;
    sqe->buf_group = buffer_group;
    io_uring_sqe_set_data64(sqe, tagged(w, recv_tag));
  }

  void prep_send(watch* w) noexcept {
    io_uring_sqe* sqe = next_sqe();
    const std::size_t left = w->outgoing.size() - w->sent_bytes;
    io_uring_prep_send(sqe, w->fd, w->outgoing.data() + w->sent_bytes,
                       left > (1u << 30) ? (1u << 30) : left, MSG_NOSIGNAL);
    io_uring_sqe_set_data64(sqe, tagged(w, send_tag));
  }

  void cancel_request(std::uint64_t data) noexcept {
    io_uring_sqe* sqe = next_sqe();
    io_uring_prep_cancel64(sqe, data, 0);
    io_uring_sqe_set_data64(sqe, ignored_data);
  }

  void forget(watch* w) noexcept {
    if (w == handling_) return;  // handle() frees it once its completion is dealt with
    watches_.erase(w);
    delete w;
  }

  // The provided buffer ring (liburing 2.3 has no io_uring_setup_buf_ring): without it, sockets
  // fall back to readiness polls.
  void setup_buffers() noexcept {
    void* ring_memory = nullptr;
    if (::posix_memalign(&ring_memory, 4096, buffer_count * sizeof(io_uring_buf)) != 0) return;
    buffers_ = static_cast<char*>(std::malloc(static_cast<std::size_t>(buffer_count) * buffer_size));
    buffer_ring_ = static_cast<io_uring_buf_ring*>(ring_memory);
    io_uring_buf_ring_init(buffer_ring_);
    io_uring_buf_reg reg{};
    reg.ring_addr = reinterpret_cast<std::uint64_t>(buffer_ring_);
    reg.ring_entries = buffer_count;
    reg.bgid = buffer_group;
    if (!buffers_ || io_uring_register_buf_ring(ring_, &reg, 0) != 0) {
      std::free(buffers_);
      std::free(buffer_ring_);
      buffers_ = nullptr;
      buffer_ring_ = nullptr;
      return;
    }
    for (unsigned i = 0; i < buffer_count; ++i)
      io_uring_buf_ring_add(buffer_ring_, buffers_ + static_cast<std::size_t>(i) * buffer_size, buffer_size,
                            static_cast<unsigned short>(i), io_uring_buf_ring_mask(buffer_count), static_cast<int>(i));
    io_uring_buf_ring_advance(buffer_ring_, buffer_count);
  }

  bool in_flight() const noexcept {
    if (requests_ > 0) return true;
    for (const watch* w : watches_)
      if (w->busy()) return true;
    return false;
  }

  // A SINGLE_ISSUER ring is created disabled and enabled by its first use, so the thread that
  // runs the loop becomes its issuer even when another thread made the loop.
  void enable() noexcept {
    if (enabled_) return;
    enabled_ = true;
    if (single_issuer_) {
      // liburing 2.3 declares io_uring_enable_rings but does not export it: the syscall itself.
      ::syscall(__NR_io_uring_register, ring_->ring_fd, IORING_REGISTER_ENABLE_RINGS, nullptr, 0);
      if (!disabled("ring_fd")) io_uring_register_ring_fd(ring_);  // per thread: the issuer's
    }
    arm_wake();
  }

  void arm_wake() noexcept {
    io_uring_sqe* sqe = next_sqe();
    io_uring_prep_poll_add(sqe, wake_fd_, POLLIN);
    io_uring_sqe_set_data64(sqe, wake_data);
  }

  io_uring_sqe* next_sqe() noexcept {
    enable();
    io_uring_sqe* sqe = io_uring_get_sqe(ring_);
    while (!sqe) {  // the submission queue is full: hand it to the kernel and retry
      io_uring_submit(ring_);
      sqe = io_uring_get_sqe(ring_);
    }
    return sqe;
  }

  io_uring* ring_;
  int wake_fd_;
  bool taskrun_flag_ = false;
  bool single_issuer_ = false;
  bool enabled_ = false;
  bool closing_ = false;
  std::unordered_set<watch*> watches_;
  watch* handling_ = nullptr;
  std::size_t requests_ = 0;  // native requests whose completion has not run
  io_uring_buf_ring* buffer_ring_ = nullptr;
  char* buffers_ = nullptr;
};

}  // namespace

std::unique_ptr<io_backend> make_uring_backend(int wake_fd) {
  // The most capable setup the kernel (and AIO_URING_DISABLE) allows, then less.
  const bool single = !disabled("single_issuer");
  const bool defer = single && !disabled("defer_taskrun");
  const bool coop = !disabled("coop_taskrun");
  unsigned candidates[3] = {0, 0, 0};
  int count = 0;
  constexpr unsigned single_flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_R_DISABLED;
  if (defer) candidates[count++] = single_flags | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
  if (coop) candidates[count++] = (single ? single_flags : 0) | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
  candidates[count++] = 0;
  for (int i = 0; i < count; ++i) {
    auto* ring = new io_uring;
    io_uring_params params{};
    params.flags = IORING_SETUP_CQSIZE | candidates[i];
    params.cq_entries = 16384;  // room for a burst of completions between two polls
    if (io_uring_queue_init_params(1024, ring, &params) == 0)
      return std::make_unique<uring_backend>(ring, wake_fd, candidates[i]);
    delete ring;
  }
  return nullptr;
}

}  // namespace aio::detail
