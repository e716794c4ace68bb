// aio::detach: fire and forget that says what happens to errors. The task keeps
// running; when it ends with an exception, `on_error` gets it on the loop (a
// cancelled task is not an error). Without this, a dropped handle's failure is
// only reported as "task exception was never retrieved".
#pragma once

#include <exception>
#include <type_traits>
#include <utility>

#include "aio/errors.hpp"
#include "aio/join_handle.hpp"

namespace aio {

template <class T, class OnError>
  requires std::is_invocable_v<OnError&, std::exception_ptr>
void detach(join_handle<T> handle, OnError on_error) {
  handle.add_done_callback([on_error = std::move(on_error)](join_handle<T>& done) mutable {
    if (done.cancelled()) return;
    if (std::exception_ptr error = done.exception()) on_error(error);
  });
}

}  // namespace aio
