// aio::bounded_semaphore (asyncio.BoundedSemaphore): a semaphore whose release() throws
// aio::invalid_state_error when it would raise the count above the initial value.
#pragma once

#include <concepts>

#include "aio/semaphore.hpp"

namespace aio {

class bounded_semaphore : public semaphore {
 public:
  bounded_semaphore() noexcept : semaphore(std::size_t{1}, true) {}
  template <std::integral I>
  explicit bounded_semaphore(I initial) : semaphore(checked(initial), true) {}
};

}  // namespace aio
