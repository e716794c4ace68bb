// loop.add_signal_handler / remove_signal_handler through a signalfd: the signal is blocked in
// the loop's thread (aio's worker threads block every signal), so it stays pending until the
// loop reads it and runs the handler as an ordinary callback.
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "signal_watch.hpp"

namespace aio {
namespace detail {
namespace {

void read_signals(waiter& w) noexcept {
  signal_watch& watch = *static_cast<signal_watch::reader_waiter&>(w).watch;
  signalfd_siginfo info;
  while (::read(watch.fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    auto it = watch.handlers.find(static_cast<int>(info.ssi_signo));
    if (it != watch.handlers.end()) loop_access::call_soon_in(*watch.loop, it->second.context, it->second.fn);
  }
  watch_side(watch.source, watch.reader, false);  // keep listening for the next one
}
constexpr waiter_ops signal_reader_ops{&read_signals, nullptr, nullptr, "signal reader"};

// Takes the pending instances of `sig` out of the thread's and the process's pending sets, so
// unblocking it does not run its default action.
void discard_pending(int sig) noexcept {
  sigset_t just;
  sigemptyset(&just);
  sigaddset(&just, sig);
  timespec zero{};
  while (::sigtimedwait(&just, nullptr, &zero) == sig) {
  }
}

}  // namespace

void close_signal_watch(event_loop& loop, std::unique_ptr<signal_watch>& watch) noexcept {
  if (!watch) return;
  while (watch && !watch->handlers.empty()) loop.remove_signal_handler(watch->handlers.begin()->first);
  watch.reset();
}

}  // namespace detail

void event_loop::add_signal_handler(int sig, std::function<void()> fn) {
  if (closed_) throw runtime_error("event loop is closed");
  if (sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP)
    throw std::invalid_argument("add_signal_handler: signal " + std::to_string(sig) + " cannot be caught");
  if (!fn) throw std::invalid_argument("add_signal_handler: empty handler");
  if (!signals_) {
    auto watch = std::make_unique<detail::signal_watch>();
    sigemptyset(&watch->handled);
    sigemptyset(&watch->blocked_before);
    watch->loop = this;
    watch->fd = ::signalfd(-1, &watch->handled, SFD_NONBLOCK | SFD_CLOEXEC);
    if (watch->fd < 0) throw std::system_error(errno, std::generic_category(), "signalfd");
    watch->source.fd = watch->fd;
    watch->reader.watch = watch.get();
    watch->reader.ops = &detail::signal_reader_ops;
    watch->source.reader = &watch->reader;
    try {
      add_io(watch->source);
    } catch (...) {
      ::close(watch->fd);
      throw;
    }
    signals_ = std::move(watch);
  }
  detail::signal_watch& watch = *signals_;
  if (!sigismember(&watch.handled, sig)) {
    sigset_t current, just;
    pthread_sigmask(SIG_SETMASK, nullptr, &current);
    if (sigismember(&current, sig)) sigaddset(&watch.blocked_before, sig);
    sigemptyset(&just);
    sigaddset(&just, sig);
    pthread_sigmask(SIG_BLOCK, &just, nullptr);
    sigaddset(&watch.handled, sig);
    ::signalfd(watch.fd, &watch.handled, 0);
  }
  watch.handlers[sig] = {std::move(fn), detail::capture_context()};
}

bool event_loop::remove_signal_handler(int sig) {
  if (!signals_ || !signals_->handlers.erase(sig)) return false;
  detail::signal_watch& watch = *signals_;
  sigdelset(&watch.handled, sig);
  ::signalfd(watch.fd, &watch.handled, 0);
  if (!sigismember(&watch.blocked_before, sig)) {
    detail::discard_pending(sig);
    sigset_t just;
    sigemptyset(&just);
    sigaddset(&just, sig);
    pthread_sigmask(SIG_UNBLOCK, &just, nullptr);
  }
  sigdelset(&watch.blocked_before, sig);
  if (watch.handlers.empty()) {
    remove_io(watch.source);
    ::close(watch.fd);
    signals_.reset();
  }
  return true;
}

}  // namespace aio
