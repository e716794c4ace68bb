#include "../common/nap.hpp"
int b() { return 0; }
