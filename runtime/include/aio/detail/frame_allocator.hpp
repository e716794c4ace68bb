// Recycles coroutine frames and task states per thread, so spawning a task does not go to malloc.
#pragma once

#include <cstddef>

namespace aio::detail {

void* allocate_frame(std::size_t size);
void deallocate_frame(void* block, std::size_t size) noexcept;

}  // namespace aio::detail
