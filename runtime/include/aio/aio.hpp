// Everything aio offers, in one include.
#pragma once

#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/run.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
