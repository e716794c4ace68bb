// Everything aio offers, in one include (testing helpers excepted: <aio/testing.hpp>).
#pragma once

#include "aio/as_completed.hpp"
#include "aio/debug.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/exception_group.hpp"
#include "aio/gather.hpp"
#include "aio/join_handle.hpp"
#include "aio/result.hpp"
#include "aio/run.hpp"
#include "aio/shield.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
#include "aio/task_group.hpp"
#include "aio/timeout.hpp"
#include "aio/wait.hpp"
#include "aio/with.hpp"
