// Slabs for the frame free lists. Freed frames go back to their size class and are never
// returned to malloc: a burst of a million tasks leaves its memory warm for the next one
// instead of being trimmed and page-faulted in again (pymalloc makes the same trade).
#include "aio/detail/frame_allocator.hpp"

#include <new>

namespace aio::detail {

// Trivially destructible on purpose: blocks may sit in another thread's lists (a frame freed
// off its thread), so slabs outlive the thread that carved them.
constinit thread_local frame_cache this_thread_frames;

namespace {

constexpr std::size_t slab_bytes = 64 * 1024;

void* carve(frame_cache& fc, std::size_t bytes) {
  constexpr std::size_t granule = frame_cache::granule;
  if (static_cast<std::size_t>(fc.slab_end - fc.slab_cursor) < bytes) {
    // The tail of the old slab is too small for this class; hand it to the smaller lists.
    while (static_cast<std::size_t>(fc.slab_end - fc.slab_cursor) >= granule) {
      std::size_t rest = static_cast<std::size_t>(fc.slab_end - fc.slab_cursor);
      std::size_t c = frame_cache::class_of(rest < bytes ? rest - rest % granule : bytes);
      auto* block = reinterpret_cast<frame_cache::free_block*>(fc.slab_cursor);
      block->next = fc.lists[c];
      fc.lists[c] = block;
      fc.slab_cursor += (c + 1) * granule;
    }
    fc.slab_cursor = static_cast<char*>(::operator new(slab_bytes));
    fc.slab_end = fc.slab_cursor + slab_bytes;
  }
  void* block = fc.slab_cursor;
  fc.slab_cursor += bytes;
  return block;
}

}  // namespace

void* allocate_frame_slow(std::size_t size) {
#ifndef AIO_NO_RECYCLING
  std::size_t c = frame_cache::class_of(size);
  if (c < frame_cache::size_classes) return carve(this_thread_frames, (c + 1) * frame_cache::granule);
#endif
  return ::operator new(size);
}

void deallocate_frame_slow(void* block) noexcept { ::operator delete(block); }

}  // namespace aio::detail
