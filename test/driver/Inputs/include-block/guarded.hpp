// A user header with an include guard: a file that includes it again after
// the include block's PCH skips it.
#ifndef INCLUDE_BLOCK_GUARDED_HPP
#define INCLUDE_BLOCK_GUARDED_HPP
#include <aio/aio.hpp>
#include <chrono>
#include <thread>

inline void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }

#endif
