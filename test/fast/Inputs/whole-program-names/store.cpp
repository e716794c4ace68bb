#include "names.h"
#include <unistd.h>

static void write_through(std::size_t n) { ::fsync(static_cast<int>(n)); }

namespace app {
void save(const std::string &state) { write_through(state.size()); }
void known_fine() { ::fsync(7); }
void Store::flush() { ::fsync(1); }
void Store::sync_all() { ::fsync(2); }
void Cache::drop() { ::fsync(4); }
} // namespace app

void app::Pipeline::drain() { ::fsync(5); }

namespace app {
void write(std::string &out, int x) { out += static_cast<char>(x); }
void encode(std::string &out) { write(out, 1); }
} // namespace app
