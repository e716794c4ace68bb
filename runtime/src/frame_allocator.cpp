#include "aio/detail/frame_allocator.hpp"

#include <new>

namespace aio::detail {
namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define AIO_NO_RECYCLING 1
#endif
#endif

constexpr std::size_t granule = 16;
constexpr std::size_t size_classes = 64;  // frames up to 1 KiB are recycled
constexpr std::size_t max_cached_bytes = 16u << 20;       // per thread

struct free_block { free_block* next; };

struct frame_cache {
  free_block* lists[size_classes] = {};
  std::size_t cached_bytes = 0;

  ~frame_cache() {
    for (auto*& head : lists) {
      while (head) {
        free_block* next = head->next;
        ::operator delete(head);
        head = next;
      }
    }
  }
};

thread_local frame_cache cache;

std::size_t class_of(std::size_t size) noexcept { return (size + granule - 1) / granule - 1; }

}  // namespace

void* allocate_frame(std::size_t size) {
#ifndef AIO_NO_RECYCLING
  std::size_t c = class_of(size);
  if (c < size_classes) {
    frame_cache& fc = cache;
    if (free_block* block = fc.lists[c]) {
      fc.lists[c] = block->next;
      fc.cached_bytes -= (c + 1) * granule;
      return block;
    }
    return ::operator new((c + 1) * granule);
  }
#endif
  return ::operator new(size);
}

void deallocate_frame(void* block, std::size_t size) noexcept {
#ifndef AIO_NO_RECYCLING
  std::size_t c = class_of(size);
  if (c < size_classes) {
    frame_cache& fc = cache;
    if (fc.cached_bytes + (c + 1) * granule <= max_cached_bytes) {
      auto* fb = static_cast<free_block*>(block);
      fb->next = fc.lists[c];
      fc.lists[c] = fb;
      fc.cached_bytes += (c + 1) * granule;
      return;
    }
  }
#endif
  ::operator delete(block);
}

}  // namespace aio::detail
