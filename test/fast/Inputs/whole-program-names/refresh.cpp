#include "names.h"
#include <unistd.h>

namespace app {
void refresh() {}
} // namespace app

void refresh() { ::fsync(6); }
