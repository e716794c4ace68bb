//===--- ProfileData.h - what each coroutine library calls things --------===//
//
// A check's runtime knowledge is data: the `AsyncProfile` option picks one of
// these rows, and each column is the default of the check option of the same
// name. Lists are `;`-separated fully qualified names (see Names.h). Plain C++
// (no Clang), so the fast engine reads the same table.
//
// The names come from each library's public headers: aio (this repository),
// cppcoro (include/cppcoro), libcoro (include/coro), folly (folly/coro),
// Boost.Asio 1.81 / standalone asio, async_simple (async_simple/coro),
// QCoro (qcoro/), stdexec (stdexec/, exec/).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_PROFILEDATA_H
#define COROLINT_CHECKS_UTILS_PROFILEDATA_H

#include <string_view>

namespace corolint {

struct ProfileData {
  std::string_view Name; ///< the `AsyncProfile` value
  /// Lazy tasks: calling a coroutine that returns one runs nothing until it is
  /// awaited or scheduled.
  std::string_view TaskTypes;
  /// Handles of scheduled tasks (asyncio's Task): they carry the task's result
  /// or exception.
  std::string_view HandleTypes;
  /// Functions that schedule a task and hand the caller a handle (or, when the
  /// library has no handle, the duty to observe errors).
  std::string_view SpawnFunctions;
  /// Spawns whose owner (a task group, a scope) joins the child and reports
  /// its failure: their handles may be dropped.
  std::string_view OwnedSpawnFunctions;
  /// Structured owners of children: a group or scope that must be joined.
  std::string_view TaskGroupTypes;
  /// Run an event loop to completion on the calling thread.
  std::string_view RunFunctions;
  /// Awaitable sleeps taking a std::chrono duration; the first is what a
  /// blocking sleep is rewritten to. Empty: no fix-it.
  std::string_view SleepFunctions;
  /// Await several awaitables at once.
  std::string_view GatherFunctions;
  /// Tag arguments of gather that turn failures into values.
  std::string_view ReturnExceptionsTags;
  /// Per-task outcomes that hold a value or an error (aio::result).
  std::string_view ResultTypes;
  /// The exception that delivers cancellation.
  std::string_view CancelledTypes;
  /// Wrappers that bound how long an awaitable may take.
  std::string_view TimeoutWrappers;
  /// Counting semaphores whose permits bound concurrency.
  std::string_view SemaphoreTypes;
  /// Tag types that bound a task group's concurrency when passed to its constructor.
  std::string_view ConcurrencyLimitTypes;
  /// Run a callable on another thread: blocking calls inside it are fine.
  std::string_view OffloadFunctions;
  /// Explicit fire-and-forget that says what happens to errors.
  std::string_view DetachFunctions;
  /// `qualified::name=replacement;...`: calls that block the thread. The
/// replacement is what the message says to `co_await` (with `(...)`): code
/// that compiles for the library, so a member function is spelt on an object
/// named for its type (`timer.async_wait`), never as `Type::member`.
  std::string_view BlockingFunctions;
  /// Gathers that run at most a given number of their awaitables at once.
  std::string_view BoundedGatherFunctions;
  /// Queues that feed a pool of worker tasks.
  std::string_view QueueTypes;
  /// One-shot signals a waiter awaits until a writer sets them (asyncio's
  /// Event): what a polling loop should wait on instead.
  std::string_view EventTypes;
  /// Take a callable and keep it alive until the coroutine it starts has
  /// finished, so a lambda coroutine's captures stay valid (asio's co_spawn,
  /// folly's co_invoke, aio::with's body).
  std::string_view KeepAliveFunctions;
  /// Mutexes whose lock is awaited: they may be held across a suspension point.
  std::string_view AsyncMutexTypes;
  /// Mutexes whose lock blocks the thread (types marked `capability` count too).
  std::string_view BlockingMutexTypes;
  /// RAII guards that lock the mutex they are given (types marked
  /// `scoped_lockable` count too); blocking only when that mutex is.
  std::string_view LockGuardTypes;
  /// Timers whose awaited wait paces a loop, where the library has no sleep function.
  std::string_view TimerTypes;
  /// Resources that must be closed (their close is asynchronous or reports
  /// errors the destructor cannot): a stream, a file, a server.
  std::string_view ClosableTypes;
  /// Enter an async context manager and always exit it (`async with`): a
  /// resource handed to one is closed by it.
  std::string_view ScopeFunctions;
  /// Awaitable network operations that can wait forever without a timeout:
  /// connecting and reading.
  std::string_view NetworkFunctions;
  /// Task types (listed in TaskTypes too) whose coroutine starts at once, as a
  /// plain function would: dropping one loses its result and errors, not its work.
  std::string_view EagerTaskTypes;
  /// "true" when the CancelledTypes exception is raised only by an operation
  /// handed a cancellation token (cppcoro's cancellation_token, folly's
  /// CancellationToken), never injected into a task from outside at any
  /// suspension point as aio's cancel() does: a handler then has no
  /// cancellation it could swallow that its own code did not ask for.
  std::string_view CancellationByToken;
  /// Accessors of socket wrappers whose descriptor the library always makes
  /// non-blocking (libcoro's `net::socket::native_handle`): a POSIX call on
  /// what they return fails with EAGAIN instead of waiting.
  std::string_view NonBlockingDescriptors;
  /// Completion tokens that discard what a spawned coroutine completes with
  /// (asio's `detached`): the coroutine's exception goes nowhere.
  std::string_view DiscardingTokens;
  /// Wait on the calling thread until everything spawned onto a pool or
  /// scheduler has finished (asio's `thread_pool::join`, libcoro's
  /// `shutdown()`): locals that outlive the call outlive those tasks.
  std::string_view JoinFunctions;
  /// Spawns that run a coroutine detached and swallow what it throws
  /// (libcoro's spawn_detached: its self-deleting wrapper ignores the
  /// exception): a coroutine that can throw fails silently there.
  std::string_view DiscardingSpawns;
  /// `;`-separated member names (unqualified) that take a lock of a blocking
  /// mutex (one of BlockingMutexTypes, or a `capability` type) and hold it
  /// until unlocked: Qt's QReadWriteLock has lockForRead and lockForWrite.
  std::string_view LockMethods;
};

// Calls that block the thread are the same whatever the library; only the
// awaitable to use instead differs.
#define COROLINT_BLOCKING(SLEEP)                                                                   \
  "::std::this_thread::sleep_for=" SLEEP ";"                                                       \
  "::std::this_thread::sleep_until=" SLEEP ";"                                                     \
  "::sleep=" SLEEP ";"                                                                             \
  "::usleep=" SLEEP ";"                                                                            \
  "::nanosleep=" SLEEP ";"                                                                         \
  "::std::future::get;::std::future::wait;::std::future::wait_for;::std::future::wait_until;"      \
  "::std::shared_future::get;::std::shared_future::wait;::std::shared_future::wait_for;"           \
  "::std::shared_future::wait_until;"                                                              \
  "::std::thread::join;::std::jthread::join;"                                                      \
  "::std::condition_variable::wait;::std::condition_variable::wait_for;"                           \
  "::std::condition_variable::wait_until;::std::condition_variable_any::wait;"                     \
  "::std::condition_variable_any::wait_for;::std::condition_variable_any::wait_until;"             \
  "::std::mutex::lock;::std::timed_mutex::lock;::std::recursive_mutex::lock;"                      \
  "::std::shared_mutex::lock;::std::shared_mutex::lock_shared;"                                    \
  /* std::binary_semaphore is counting_semaphore<1>: its calls are counting_semaphore's */         \
  "::std::counting_semaphore::acquire;::std::counting_semaphore::try_acquire_for;"                 \
  "::std::counting_semaphore::try_acquire_until;"                                                  \
  "::std::latch::wait;::std::latch::arrive_and_wait;::std::barrier::arrive_and_wait;"              \
  "::std::barrier::wait;"                                                                          \
  "::fopen;::fread;::fwrite;::fgets;::fgetc;::fputs;::fscanf;::getchar;::scanf;"                   \
  "::std::basic_ifstream;::std::basic_ofstream;::std::basic_fstream;::std::getline;"               \
  "::fsync;::fdatasync;"                                                                            \
  "::read;::write;::recv;::send;::recvfrom;::sendto;::accept;::connect;::poll;::select;"           \
  "::getaddrinfo;::gethostbyname;::system;::popen;::pclose;::curl_easy_perform;"                   \
  "::std::filesystem::*;::std::filesystem::directory_iterator;"                                     \
  "::std::filesystem::recursive_directory_iterator;-::std::filesystem::u8path;"                    \
  "-::std::filesystem::hash_value;-::std::filesystem::swap;-::std::filesystem::begin;"             \
  "-::std::filesystem::end;"                                                                       \
  /* path arithmetic and the flag operators are string and bit handling, no I/O */               \
  "-::std::filesystem::path;-::std::filesystem::filesystem_error;"                                 \
  "-::std::filesystem::operator/;-::std::filesystem::operator==;-::std::filesystem::operator!=;"   \
  "-::std::filesystem::operator<;-::std::filesystem::operator<=;-::std::filesystem::operator>;"    \
  "-::std::filesystem::operator>=;-::std::filesystem::operator<=>;-::std::filesystem::operator<<;" \
  "-::std::filesystem::operator>>;-::std::filesystem::operator&;-::std::filesystem::operator|;"    \
  "-::std::filesystem::operator^;-::std::filesystem::operator~;-::std::filesystem::operator&=;"    \
  "-::std::filesystem::operator|=;-::std::filesystem::operator^="

// Mutexes and guards of the standard library block whatever the coroutine library.
#define COROLINT_STD_MUTEXES                                                                       \
  "::std::mutex;::std::timed_mutex;::std::recursive_mutex;::std::recursive_timed_mutex;"           \
  "::std::shared_mutex;::std::shared_timed_mutex"
#define COROLINT_STD_GUARDS "::std::lock_guard;::std::unique_lock;::std::scoped_lock;::std::shared_lock"
#define COROLINT_STD_LOCKS "lock;lock_shared"

inline constexpr ProfileData Profiles[] = {
    {
        "aio",
        "::aio::task",
        "::aio::join_handle",
        "::aio::create_task",
        "::aio::task_group::create_task",
        "::aio::task_group",
        "::aio::run;::aio::event_loop::run_until_complete;::aio::event_loop::run_forever",
        "::aio::sleep",
        "::aio::gather",
        "::aio::return_exceptions;::aio::return_exceptions_t",
        "::aio::result",
        "::aio::cancelled_error",
        "::aio::wait_for;::aio::timeout;::aio::timeout_at",
        "::aio::semaphore;::aio::bounded_semaphore",
        "::aio::max_concurrency",
        "::aio::to_thread;::aio::run_in_executor;::aio::event_loop::run_in_executor",
        "::aio::detach",
        COROLINT_BLOCKING("aio::sleep"),
        "",
        "::aio::queue;::aio::priority_queue;::aio::lifo_queue",
        "::aio::event",
        "::aio::with",
        "::aio::mutex",
        COROLINT_STD_MUTEXES,
        COROLINT_STD_GUARDS,
        "",
        "::aio::stream;::aio::file;::aio::server",
        "::aio::with",
        "::aio::open_connection;::aio::stream::read;::aio::stream::read_exactly;::aio::stream::read_until;"
        "::aio::stream::readline",
        "",
        "",
        "",
        "",
        "",
        "",
        COROLINT_STD_LOCKS,
    },
    {
        "cppcoro",
        "::cppcoro::task;::cppcoro::shared_task",
        "",
        "::cppcoro::async_scope::spawn",
        "",
        "::cppcoro::async_scope",
        "::cppcoro::sync_wait",
        "",
        "::cppcoro::when_all;::cppcoro::when_all_ready",
        "",
        "",
        "::cppcoro::operation_cancelled",
        "",
        "",
        "",
        "::cppcoro::static_thread_pool::schedule",
        "",
        COROLINT_BLOCKING("io_service.schedule_after"),
        "",
        "",
        "::cppcoro::async_manual_reset_event",
        "",
        "::cppcoro::async_mutex",
        COROLINT_STD_MUTEXES,
        COROLINT_STD_GUARDS,
        "",
        "",
        "",
        "::cppcoro::net::socket::connect;::cppcoro::net::socket::recv;::cppcoro::net::socket::recv_from",
        "",
        "true",
        "",
        "",
        "",
        "",
        COROLINT_STD_LOCKS,
    },
    {
        "libcoro",
        "::coro::task",
        "",
        // io_scheduler/task_container: libcoro before 0.15; scheduler/task_group: after.
        "::coro::io_scheduler::spawn;::coro::thread_pool::spawn;::coro::task_container::start;"
        "::coro::scheduler::spawn_detached;::coro::thread_pool::spawn_detached;"
        "::coro::scheduler::spawn_joinable;::coro::thread_pool::spawn_joinable;::coro::task_group::start",
        "",
        "::coro::task_container;::coro::task_group",
        "::coro::sync_wait",
        // scheduler->yield_for is libcoro's sleep (no fix-it: it needs a scheduler in scope).
        "::coro::scheduler::yield_for;::coro::scheduler::schedule_after;"
        "::coro::io_scheduler::yield_for;::coro::io_scheduler::schedule_after",
        "::coro::when_all",
        "",
        "",
        "",
        "",
        "::coro::semaphore",
        "",
        "::coro::thread_pool::schedule",
        "",
        COROLINT_BLOCKING("scheduler->yield_for"),
        "",
        "::coro::queue;::coro::ring_buffer",
        "::coro::event",
        "::coro::invoke",
        "::coro::mutex;::coro::shared_mutex",
        COROLINT_STD_MUTEXES,
        COROLINT_STD_GUARDS,
        "",
        "",
        "",
        "::coro::net::tcp::client::connect;::coro::net::tcp::client::poll",
        "",
        "",
        "::coro::net::socket::native_handle",
        "",
        "::coro::thread_pool::shutdown;::coro::io_scheduler::shutdown;::coro::scheduler::shutdown",
        "::coro::scheduler::spawn_detached;::coro::thread_pool::spawn_detached;"
        "::coro::io_scheduler::spawn;::coro::thread_pool::spawn;::coro::task_group::start;"
        "::coro::task_container::start",
        COROLINT_STD_LOCKS,
    },
    {
        "folly",
        "::folly::coro::Task",
        "::folly::SemiFuture;::folly::Future",
        "::folly::coro::Task::start;::folly::coro::TaskWithExecutor::start",
        "::folly::coro::AsyncScope::add",
        "::folly::coro::AsyncScope",
        "::folly::coro::blockingWait",
        "::folly::coro::sleep",
        "::folly::coro::collectAll;::folly::coro::collectAllRange;::folly::coro::collectAllTry;"
        "::folly::coro::collectAllTryRange;::folly::coro::collectAllWindowed",
        "",
        "::folly::Try",
        "::folly::OperationCancelled",
        "::folly::coro::timeout;::folly::coro::timeoutNoDiscard",
        "::folly::fibers::Semaphore",
        "",
        "",
        "::folly::coro::Task::startInlineUnsafe",
        COROLINT_BLOCKING("folly::coro::sleep"),
        "::folly::coro::collectAllWindowed;::folly::coro::collectAllTryWindowed",
        "::folly::coro::BoundedQueue;::folly::coro::UnboundedQueue",
        "::folly::coro::Baton",
        "::folly::coro::co_invoke",
        "::folly::coro::Mutex;::folly::coro::SharedMutexFair",
        COROLINT_STD_MUTEXES ";"
        "::folly::SharedMutexImpl;::folly::SpinLock",
        COROLINT_STD_GUARDS,
        "",
        "",
        "",
        "::folly::coro::Transport::newConnectedSocket;::folly::coro::Transport::read",
        "",
        "true",
        "",
        "",
        "",
        "",
        COROLINT_STD_LOCKS,
    },
    {
        "asio",
        "::boost::asio::awaitable;::asio::awaitable",
        "",
        "",
        "",
        "",
        "::boost::asio::io_context::run;::asio::io_context::run",
        "",
        "::boost::asio::experimental::make_parallel_group;::asio::experimental::make_parallel_group",
        "",
        "",
        "",
        "",
        "",
        "",
        "::boost::asio::post;::asio::post",
        "",
        COROLINT_BLOCKING("timer.async_wait"),
        "",
        "",
        "",
        "::boost::asio::co_spawn;::asio::co_spawn",
        "",
        COROLINT_STD_MUTEXES,
        COROLINT_STD_GUARDS,
        "::boost::asio::basic_waitable_timer;::boost::asio::basic_deadline_timer;"
        "::asio::basic_waitable_timer",
        "",
        "",
        "::boost::asio::async_connect;::boost::asio::async_read;::boost::asio::async_read_until;"
        "::boost::asio::basic_socket::async_connect;::boost::asio::basic_stream_socket::async_read_some;"
        "::boost::beast::http::async_read;::boost::beast::websocket::stream::async_read;"
        "::asio::async_connect;::asio::async_read;::asio::async_read_until;::asio::basic_socket::async_connect;"
        "::asio::basic_stream_socket::async_read_some",
        "",
        "",
        "",
        "::boost::asio::detached_t;::asio::detached_t",
        "::boost::asio::thread_pool::join;::asio::thread_pool::join;"
        "::boost::asio::thread_pool::wait;::asio::thread_pool::wait",
        "",
        COROLINT_STD_LOCKS,
    },
    {
        "async_simple",
        "::async_simple::coro::Lazy;::async_simple::coro::RescheduleLazy",
        "::async_simple::Future",
        "::async_simple::coro::Lazy::start;::async_simple::coro::RescheduleLazy::start",
        "",
        "",
        "::async_simple::coro::syncAwait",
        "::async_simple::coro::sleep",
        "::async_simple::coro::collectAll;::async_simple::coro::collectAllPara;"
        "::async_simple::coro::collectAllWindowed",
        "",
        "::async_simple::Try",
        "",
        "",
        "::async_simple::coro::CountingSemaphore",
        "",
        "",
        "::async_simple::coro::RescheduleLazy::detach;::async_simple::coro::Lazy::detach",
        COROLINT_BLOCKING("async_simple::coro::sleep"),
        "::async_simple::coro::collectAllWindowed;::async_simple::coro::collectAllWindowedPara",
        "",
        "",
        "",
        "::async_simple::coro::Mutex;::async_simple::coro::SharedMutex;"
        "::async_simple::coro::SpinLock",
        COROLINT_STD_MUTEXES,
        COROLINT_STD_GUARDS,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        COROLINT_STD_LOCKS,
    },
    {
        "qcoro",
        "::QCoro::Task;::QCoro::LazyTask",
        "",
        "",
        "",
        "",
        "::QCoro::waitFor;::QEventLoop::exec",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "::QtConcurrent::run",
        "",
        COROLINT_BLOCKING("QCoro::sleepFor"),
        "",
        "",
        "",
        "::QCoro::Task::then;::QCoro::detail::TaskBase::then",
        "",
        COROLINT_STD_MUTEXES ";"
        "::QMutex;::QRecursiveMutex;::QReadWriteLock",
        COROLINT_STD_GUARDS ";::QMutexLocker;::QReadLocker;::QWriteLocker",
        "::QTimer",
        "",
        "",
        "::QCoro::detail::QCoroIODevice::read;::QCoro::detail::QCoroIODevice::readAll;"
        "::QCoro::detail::QCoroIODevice::readLine",
        "::QCoro::Task",
        "",
        "",
        "",
        "",
        "",
        COROLINT_STD_LOCKS ";lockForRead;lockForWrite",
    },
    {
        "stdexec",
        "::exec::task",
        "",
        "::exec::async_scope::spawn;::stdexec::start_detached",
        "",
        "::exec::async_scope",
        "::stdexec::sync_wait",
        "",
        "::stdexec::when_all",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        COROLINT_BLOCKING("exec::schedule_after"),
        "",
        "",
        "",
        "",
        "",
        COROLINT_STD_MUTEXES,
        COROLINT_STD_GUARDS,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        COROLINT_STD_LOCKS,
    },
};
#undef COROLINT_BLOCKING
#undef COROLINT_STD_MUTEXES
#undef COROLINT_STD_GUARDS
#undef COROLINT_STD_LOCKS

/// The row named \p Name, or nullptr.
constexpr const ProfileData *findProfile(std::string_view Name) {
  for (const ProfileData &Profile : Profiles)
    if (Profile.Name == Name)
      return &Profile;
  return nullptr;
}

inline constexpr const ProfileData &AioProfile = Profiles[0];

} // namespace corolint

#endif
