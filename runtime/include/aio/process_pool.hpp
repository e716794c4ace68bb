// aio::process_pool (concurrent.futures.ProcessPoolExecutor): forked worker processes run plain
// functions whose arguments and result are trivially copyable or std::string. The parent talks
// to a worker from a thread of the loop's default pool, so the loop never blocks; a worker that
// dies surfaces as aio::process_crashed_error in the awaiting task and is replaced.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "aio/errors.hpp"
#include "aio/thread_pool.hpp"

namespace aio {

// The worker running the call died (a crash, a signal, exit()); the pool has replaced it.
class process_crashed_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The call threw in the worker: what() is the worker's exception's what().
class process_call_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <class T>
concept process_value = std::is_same_v<T, std::string> || (std::is_trivially_copyable_v<T> && !std::is_pointer_v<T>);

namespace detail {

// Runs in the worker: unpacks the arguments, calls, packs the result.
using packed_call = std::string (*)(void* fn, std::string_view args);

template <class T>
void pack(std::string& out, const T& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    const std::size_t size = value.size();
    out.append(reinterpret_cast<const char*>(&size), sizeof size);
    out.append(value);
  } else {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
}

template <class T>
T unpack(std::string_view& in) {
  if constexpr (std::is_same_v<T, std::string>) {
    std::size_t size;
    std::memcpy(&size, in.data(), sizeof size);
    std::string value(in.substr(sizeof size, size));
    in.remove_prefix(sizeof size + size);
    return value;
  } else {
    T value;
    std::memcpy(&value, in.data(), sizeof value);
    in.remove_prefix(sizeof value);
    return value;
  }
}

template <class R, class... Params>
std::string call_packed(void* fn, std::string_view args) {
  auto function = reinterpret_cast<R (*)(Params...)>(fn);
  std::tuple<std::decay_t<Params>...> values{unpack<std::decay_t<Params>>(args)...};  // in order
  std::string result;
  if constexpr (std::is_void_v<R>) {
    std::apply(function, std::move(values));
  } else {
    pack(result, std::apply(function, std::move(values)));
  }
  return result;
}

struct process_pool_core;

// Blocking: sends the call to an idle worker and waits for its answer (on a pool thread).
std::string run_in_process(process_pool_core& core, packed_call call, void* fn, std::string args);

}  // namespace detail

class process_pool {
 public:
  // Forks `workers` processes now (default: the number of cores).
  explicit process_pool(std::size_t workers = 0);
  process_pool(const process_pool&) = delete;
  process_pool& operator=(const process_pool&) = delete;
  // Waits for calls in progress, then ends and reaps the workers.
  ~process_pool();

  std::size_t size() const noexcept;
  const std::shared_ptr<detail::process_pool_core>& core() const noexcept { return core_; }

 private:
  std::shared_ptr<detail::process_pool_core> core_;
};

// `co_await aio::run_in_executor(pool, fn, args...)`: fn(args...) in a worker process.
template <class R, class... Params, class... Args>
  requires(sizeof...(Params) == sizeof...(Args))
auto run_in_executor(process_pool& pool, R (*fn)(Params...), Args&&... args) {
  static_assert((process_value<std::decay_t<Params>> && ...),
                "process_pool arguments must be trivially copyable (no pointers) or std::string");
  static_assert(std::is_void_v<R> || process_value<R>,
                "a process_pool result must be trivially copyable (no pointers) or std::string");
  std::string packed;
  (detail::pack<std::decay_t<Params>>(packed, std::decay_t<Params>(std::forward<Args>(args))), ...);
  return to_thread([core = pool.core(), fn, packed = std::move(packed)]() mutable -> R {
    std::string result = detail::run_in_process(*core, &detail::call_packed<R, Params...>,
                                                reinterpret_cast<void*>(fn), std::move(packed));
    if constexpr (!std::is_void_v<R>) {
      std::string_view in(result);
      return detail::unpack<R>(in);
    }
  });
}

}  // namespace aio
