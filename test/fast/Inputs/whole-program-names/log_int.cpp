#include "names.h"
#include <unistd.h>

namespace app {
void log_line(int level) { ::fsync(level); }
} // namespace app
