// Recycles coroutine frames and task states per thread, so spawning a task does not go to
// malloc: size-class free lists fed from slabs (see src/frame_allocator.cpp).
#pragma once

#include <cstddef>

namespace aio::detail {

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define AIO_NO_RECYCLING 1  // let the sanitizers see every frame's lifetime
#endif
#endif

struct frame_cache {
  static constexpr std::size_t granule = 16;
  static constexpr std::size_t size_classes = 64;  // blocks up to 1 KiB are recycled

  struct free_block {
    free_block* next;
  };
  free_block* lists[size_classes] = {};
  char* slab_cursor = nullptr;
  char* slab_end = nullptr;

  static std::size_t class_of(std::size_t size) noexcept { return (size + granule - 1) / granule - 1; }
};

extern constinit thread_local frame_cache this_thread_frames;

void* allocate_frame_slow(std::size_t size);
void deallocate_frame_slow(void* block) noexcept;

inline void* allocate_frame(std::size_t size) {
#ifndef AIO_NO_RECYCLING
  std::size_t c = frame_cache::class_of(size);
  if (c < frame_cache::size_classes) {
    frame_cache& fc = this_thread_frames;
    if (frame_cache::free_block* block = fc.lists[c]) {
      fc.lists[c] = block->next;
      return block;
    }
  }
#endif
  return allocate_frame_slow(size);
}

inline void deallocate_frame(void* block, std::size_t size) noexcept {
#ifndef AIO_NO_RECYCLING
  std::size_t c = frame_cache::class_of(size);
  if (c < frame_cache::size_classes) {
    frame_cache& fc = this_thread_frames;
    auto* fb = static_cast<frame_cache::free_block*>(block);
    fb->next = fc.lists[c];
    fc.lists[c] = fb;
    return;
  }
#endif
  deallocate_frame_slow(block);
}

}  // namespace aio::detail
