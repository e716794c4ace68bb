#include "../common/nap.hpp"
int a() { return 0; }
