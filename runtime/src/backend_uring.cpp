// The io_uring backend: a poll request per side of a source, sent when a waiter is first placed
// on that side (level-triggered at that moment: a descriptor already ready completes at once).
// The reading side's request is multishot: it stays armed and reports each wake-up, as epoll's
// edge-triggered watch does, so a reader that parks again costs no new request. The writing side
// is one-shot (a socket reports write space at every acknowledgement). A removed source's requests complete later, so completions point at a
// watch that outlives the source, not at the source itself. File requests (native_request) are
// sent as they are; their completions carry the request's address plus 4.
#include <fcntl.h>
#include <liburing.h>
#include <poll.h>

#include <cerrno>
#include <cstdint>
#include <system_error>
#include <unordered_set>

#include "io_backend.hpp"

namespace aio::detail {
namespace {

// What poll requests point at (its address, plus 1 for the writing side).
struct watch {
  io_source* source;  // null once removed
  int fd;
  bool armed[2] = {false, false};  // a request in flight for reading / writing
};

constexpr std::uint64_t wake_data = 1;     // the loop's eventfd (no watch has an odd address + 0)
constexpr std::uint64_t ignored_data = 0;  // the completions of poll removals and cancels
constexpr std::uint64_t request_tag = 4;   // watches use the bits 1 and 2, requests bit 4
constexpr unsigned side_mask[2] = {POLLIN | POLLRDHUP, POLLOUT};

class uring_backend final : public io_backend {
 public:
  uring_backend(io_uring* ring, int wake_fd) : ring_(ring), wake_fd_(wake_fd) { arm_wake(); }
  ~uring_backend() override {
    // The kernel may still write into a request's buffer: cancel what is in flight and wait for
    // every completion, so each owner frees its request only once the kernel is done with it.
    if (requests_ > 0) {
      io_uring_sqe* sqe = next_sqe();
      io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY);
      io_uring_sqe_set_data64(sqe, ignored_data);
      while (requests_ > 0) poll(-1);
    }
    io_uring_queue_exit(ring_);
    delete ring_;
    for (watch* w : watches_) delete w;
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
    w->armed[for_write] = true;
    io_uring_sqe* sqe = next_sqe();
    if (for_write) io_uring_prep_poll_add(sqe, w->fd, side_mask[1]);
    else io_uring_prep_poll_multishot(sqe, w->fd, side_mask[0]);
    io_uring_sqe_set_data64(sqe, reinterpret_cast<std::uint64_t>(w) | (for_write ? 2u : 0u));
  }

  void remove(io_source& source) noexcept override {
    auto* w = static_cast<watch*>(source.backend_data);
    source.backend_data = nullptr;
    if (!w) return;
    w->source = nullptr;
    bool pending = false;
    for (int side = 0; side < 2; ++side) {
      if (!w->armed[side]) continue;
      pending = true;
      io_uring_sqe* sqe = next_sqe();
      io_uring_prep_poll_remove(sqe, reinterpret_cast<std::uint64_t>(w) | (side ? 2u : 0u));
      io_uring_sqe_set_data64(sqe, ignored_data);
    }
    if (!pending) {
      watches_.erase(w);
      delete w;
      return;
    }
    // Sent now: the descriptor may be closed right after, and its number reused.
    io_uring_submit(ring_);
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
    io_uring_sqe_set_data64(sqe, reinterpret_cast<std::uint64_t>(&r) | request_tag);
    ++requests_;
  }

  // Sent before the next completions are read (every path that submits does so before
  // reaping), so the request cannot have been freed and its address reused meanwhile.
  void cancel(native_request& r) noexcept override {
    io_uring_sqe* sqe = next_sqe();
    io_uring_prep_cancel64(sqe, reinterpret_cast<std::uint64_t>(&r) | request_tag, 0);
    io_uring_sqe_set_data64(sqe, ignored_data);
  }

  void poll(int timeout_ms) override {
    io_uring_cqe* cqe = nullptr;
    if (timeout_ms == 0) {
      io_uring_submit(ring_);
    } else if (timeout_ms < 0) {
      io_uring_submit_and_wait(ring_, 1);
    } else {
      __kernel_timespec ts{timeout_ms / 1000, (timeout_ms % 1000) * 1'000'000LL};
      io_uring_submit_and_wait_timeout(ring_, &cqe, 1, &ts, nullptr);
    }
    unsigned head, seen = 0;
    io_uring_for_each_cqe(ring_, head, cqe) {
      ++seen;
      handle(cqe->user_data, cqe->res, cqe->flags);
    }
    io_uring_cq_advance(ring_, seen);
  }

 private:
  void handle(std::uint64_t data, int result, unsigned flags) noexcept {
    if (data == ignored_data) return;
    if (data & request_tag) {
      auto* r = reinterpret_cast<native_request*>(data & ~std::uint64_t{7});
      --requests_;
      r->complete(*r, result);  // may free the request
      return;
    }
    if (data == wake_data) {
      drain_eventfd(wake_fd_);
      arm_wake();
      return;
    }
    auto* w = reinterpret_cast<watch*>(data & ~std::uint64_t{3});
    const bool for_write = data & 2u;
    if (!(flags & IORING_CQE_F_MORE)) w->armed[for_write] = false;  // the request is over
    if (!w->source) {
      if (!w->armed[0] && !w->armed[1]) {  // removed, and its last request is over
        watches_.erase(w);
        delete w;
      }
      return;
    }
    // An error from the request itself wakes the side too: the waiter's syscall reports it.
    const auto events = result > 0 ? static_cast<std::uint32_t>(result) : (for_write ? POLLOUT : POLLIN);
    dispatch_ready(*w->source, events);
  }

  void arm_wake() noexcept {
    io_uring_sqe* sqe = next_sqe();
    io_uring_prep_poll_add(sqe, wake_fd_, POLLIN);
    io_uring_sqe_set_data64(sqe, wake_data);
  }

  io_uring_sqe* next_sqe() noexcept {
    io_uring_sqe* sqe = io_uring_get_sqe(ring_);
    while (!sqe) {  // the submission queue is full: hand it to the kernel and retry
      io_uring_submit(ring_);
      sqe = io_uring_get_sqe(ring_);
    }
    return sqe;
  }

  io_uring* ring_;
  int wake_fd_;
  std::unordered_set<watch*> watches_;
  std::size_t requests_ = 0;  // native requests whose completion has not run
};

}  // namespace

std::unique_ptr<io_backend> make_uring_backend(int wake_fd) {
  auto* ring = new io_uring;
  io_uring_params params{};
  params.flags = IORING_SETUP_CQSIZE;
  params.cq_entries = 16384;  // room for a burst of completions between two polls
  if (io_uring_queue_init_params(1024, ring, &params) != 0) {
    delete ring;
    return nullptr;
  }
  return std::make_unique<uring_backend>(ring, wake_fd);
}

}  // namespace aio::detail
