// The epoll backend: one epoll instance, every source registered edge-triggered for both sides.
#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "io_backend.hpp"

namespace aio::detail {

void drain_eventfd(int fd) noexcept {
  std::uint64_t count;
  while (::read(fd, &count, sizeof count) > 0) {
  }
}

namespace {

class epoll_backend final : public io_backend {
 public:
  explicit epoll_backend(int wake_fd) : wake_fd_(wake_fd) {
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = nullptr;  // sources carry their io_source; the eventfd none
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  }
  ~epoll_backend() override { ::close(epoll_fd_); }

  void add(io_source& source) override {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.ptr = &source;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, source.fd, &ev) != 0)
      throw std::system_error(errno, std::generic_category(), "epoll_ctl");
  }

  void remove(io_source& source) noexcept override { ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, source.fd, nullptr); }
  void arm(io_source&, bool) noexcept override {}

  void poll(int timeout_ms) override {
    epoll_event events[64];
    int n = ::epoll_wait(epoll_fd_, events, 64, timeout_ms);
    for (int i = 0; i < n; ++i) {
      auto* source = static_cast<io_source*>(events[i].data.ptr);
      if (source) dispatch_ready(*source, events[i].events);
      else drain_eventfd(wake_fd_);
    }
  }

 private:
  int epoll_fd_ = -1;
  int wake_fd_;
};

}  // namespace

std::unique_ptr<io_backend> make_epoll_backend(int wake_fd) { return std::make_unique<epoll_backend>(wake_fd); }

}  // namespace aio::detail
