#include "napping.hpp"

aio::task<void> caller() { co_await nap_in_header(); }
